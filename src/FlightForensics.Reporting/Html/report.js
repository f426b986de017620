// FlightForensics report: interactive map (Leaflet) and chart (uPlot) over the data embedded in #ff-data.
// Every string from the evidence is inserted with textContent, never as HTML.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var data = JSON.parse(document.getElementById('ff-data').textContent);

  function text(tag, value) { var e = document.createElement(tag); e.textContent = value; return e; }
  function clock(s) {
    if (s === null || s === undefined || !isFinite(s)) { return '--'; }
    var sign = s < 0 ? '-' : ''; s = Math.round(Math.abs(s));
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    var mm = h > 0 && m < 10 ? '0' + m : '' + m;
    return sign + (h > 0 ? h + ':' : '') + mm + ':' + (r < 10 ? '0' : '') + r;
  }
  function note(id, message) { var n = document.getElementById(id); if (n) { n.textContent = message; n.hidden = false; } }

  function initMap() {
    var box = document.getElementById('ff-map');
    if (!box) { return; }
    if (typeof L === 'undefined') { note('ff-map-note', 'Interactive map unavailable in this build; the static map below is complete.'); return; }
    if (!data.map) { note('ff-map-note', data.mapUnavailable || 'No positions to show on an interactive map.'); return; }
    box.hidden = false;
    var map = L.map(box, { zoomSnap: 0.25, preferCanvas: false });
    // Plain-text credit: the default prefix is a link that would take an offline examiner online.
    map.attributionControl.setPrefix('Leaflet');
    if (data.tileUrl) { L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || '', maxZoom: 20 }).addTo(map); }
    if (data.osm) { map.attributionControl.addAttribution('Features \u00a9 OpenStreetMap contributors, ODbL'); }
    L.control.scale({ imperial: false, metric: true }).addTo(map);
    // The view must exist before layers are added (Leaflet clips paths against the renderer's bounds).
    var bounds = L.latLngBounds([]);
    data.map.track.forEach(function (p) { bounds.extend([p[0], p[1]]); });
    var noTrack = !bounds.isValid();
    // The first view holds the track and every feature with a finding (all features when there is no track).
    data.map.features.forEach(function (f) {
      if (!noTrack && !f.finding) { return; }
      f.polygons.forEach(function (p) { p.forEach(function (r) { r.forEach(function (q) { bounds.extend(q); }); }); });
      f.lines.forEach(function (l) { l.forEach(function (q) { bounds.extend(q); }); });
      f.points.forEach(function (q) { bounds.extend(q); });
    });
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 19 }); } else { map.setView([0, 0], 2); }
    data.map.features.forEach(function (f) {
      var layers = [];
      f.polygons.forEach(function (p) { layers.push(L.polygon(p, { className: 'ff-feature', color: f.color, weight: 1.5, fillColor: f.color, fillOpacity: 0.25, smoothFactor: 0 })); });
      f.lines.forEach(function (l) { layers.push(L.polyline(l, { className: 'ff-feature', color: f.color, weight: 2.5, smoothFactor: 0 })); });
      f.points.forEach(function (p) { layers.push(L.circleMarker(p, { className: 'ff-feature', radius: 5, color: '#ffffff', weight: 1, fillColor: f.color, fillOpacity: 0.9 })); });
      if (layers.length === 0) { return; }
      var group = L.featureGroup(layers).addTo(map);
      group.bindTooltip(text('span', f.name + ' (' + f.category + ')'), { sticky: true });
    });
    var footprints = L.featureGroup();
    data.map.footprints.forEach(function (f) {
      L.polygon(f.ring, { className: 'ff-footprint', color: '#984ea3', weight: 1, dashArray: '4 3', fillOpacity: 0.12, smoothFactor: 0 }).addTo(footprints).bindTooltip(text('span', f.label));
    });
    if (data.map.footprints.length > 0) {
      footprints.addTo(map);
      L.control.layers(null, { 'Camera footprints': footprints }, { collapsed: false }).addTo(map);
    }
    if (data.map.mission.length > 1) {
      L.polyline(data.map.mission, { color: '#7b3294', weight: 1.5, dashArray: '6 4', smoothFactor: 0 }).addTo(map).bindTooltip('Planned mission');
    }
    data.map.overflights.forEach(function (o) {
      if (o.points.length > 0) { L.polyline(o.points, { color: '#e41a1c', weight: 10, opacity: 0.45, smoothFactor: 0 }).addTo(map).bindTooltip(text('span', o.label)); }
    });
    data.map.runs.forEach(function (r) {
      L.polyline(r.points, { className: 'ff-track', color: r.color, weight: 3, smoothFactor: 0, interactive: false }).addTo(map);
    });
    var track = data.map.track;
    if (track.length > 0) {
      var hit = L.polyline(track.map(function (p) { return [p[0], p[1]]; }), { weight: 14, opacity: 0, smoothFactor: 0 }).addTo(map);
      var tip = L.tooltip({ direction: 'top', offset: [0, -6] });
      hit.on('mousemove', function (e) {
        var best = 0, bestD = Infinity;
        for (var i = 0; i < track.length; i++) {
          var dy = track[i][0] - e.latlng.lat, dx = track[i][1] - e.latlng.lng, d = dx * dx + dy * dy;
          if (d < bestD) { bestD = d; best = i; }
        }
        var p = track[best];
        tip.setLatLng([p[0], p[1]]).setContent(text('span', 't ' + clock(p[2]) + ' \u00b7 ' + (p[3] === null ? '--' : p[3].toFixed(1) + ' m')));
        map.openTooltip(tip);
      });
      hit.on('mouseout', function () { map.closeTooltip(tip); });
      L.circleMarker([track[0][0], track[0][1]], { radius: 6, color: '#ffffff', weight: 1.5, fillColor: '#1a9850', fillOpacity: 1 }).addTo(map).bindTooltip('Start');
      L.circleMarker([track[track.length - 1][0], track[track.length - 1][1]], { radius: 6, color: '#ffffff', weight: 1.5, fillColor: '#1a1a1a', fillOpacity: 1 }).addTo(map).bindTooltip('End');
    }
    if (data.map.home) { L.circleMarker(data.map.home, { radius: 7, color: '#2166ac', weight: 2, fillOpacity: 0 }).addTo(map).bindTooltip('Home point'); }
    data.map.photos.forEach(function (p) { L.circleMarker([p[0], p[1]], { radius: 3.5, color: '#984ea3', weight: 1.5, fillColor: '#ffffff', fillOpacity: 1 }).addTo(map).bindTooltip(text('span', p[2])); });
    data.map.proximity.forEach(function (p) { L.circleMarker([p[0], p[1]], { radius: 5, color: '#ffffff', weight: 1, fillColor: '#ff7f00', fillOpacity: 1 }).addTo(map).bindTooltip(text('span', p[2])); });
    if (data.map.note) { note('ff-map-note', data.map.note); }
  }

  function initChart() {
    var box = document.getElementById('ff-chart');
    if (!box) { return; }
    if (typeof uPlot === 'undefined') { note('ff-chart-note', 'Interactive chart unavailable in this build; the static profile below is complete.'); return; }
    var c = data.chart;
    if (!c || c.t.length === 0) { return; }
    box.hidden = false;
    var shade = function (u) {
      var ctx = u.ctx;
      c.intervals.forEach(function (iv) {
        var x0 = u.valToPos(iv[0], 'x', true), x1 = u.valToPos(iv[1], 'x', true);
        ctx.fillStyle = iv[2] === 'overflight' ? 'rgba(228,26,28,0.16)' : 'rgba(255,127,0,0.16)';
        ctx.fillRect(Math.min(x0, x1), u.bbox.top, Math.max(1.5, Math.abs(x1 - x0)), u.bbox.height);
      });
    };
    var photos = function (u) {
      var ctx = u.ctx;
      ctx.strokeStyle = '#984ea3'; ctx.lineWidth = 1.5;
      c.photos.forEach(function (t) { var x = u.valToPos(t, 'x', true); ctx.beginPath(); ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + 10); ctx.stroke(); });
    };
    var opts = {
      width: Math.max(320, box.clientWidth || 900), height: 300,
      scales: { x: { time: false } },
      series: [
        { label: 'time', value: function (u, v) { return clock(v); } },
        { label: c.label, stroke: '#1f77b4', width: 1.5, value: function (u, v) { return v === null || v === undefined ? '--' : v.toFixed(1) + ' m'; } }
      ],
      axes: [{ values: function (u, vals) { return vals.map(clock); } }, {}],
      hooks: { drawClear: [shade], draw: [photos] }
    };
    new uPlot(opts, [c.t, c.h], box);
    if (c.note) { note('ff-chart-note', c.note); }
  }

  // "Can it be trusted?": distance between each source and the reference over time (#ff-trust-data).
  function initTrust() {
    var box = document.getElementById('ff-trust-chart'), source = document.getElementById('ff-trust-data');
    if (!box || !source) { return; }
    if (typeof uPlot === 'undefined') { note('ff-trust-note', 'Interactive chart unavailable in this build; the static chart below is complete.'); return; }
    var d = JSON.parse(source.textContent);
    var colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
    var series = [{ label: 'time', value: function (u, v) { return clock(v); } }];
    d.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: colors[Math.floor(i / 2) % colors.length], width: 1.2, dash: s.dashed ? [3, 3] : undefined, spanGaps: false,
        value: function (u, v) { return v === null || v === undefined ? '--' : v.toFixed(1) + ' m'; } });
    });
    box.hidden = false;
    new uPlot({ width: Math.max(320, box.clientWidth || 900), height: 260, scales: { x: { time: false } }, series: series,
      axes: [{ values: function (u, vals) { return vals.map(clock); } }, { values: function (u, vals) { return vals.map(function (v) { return v + ' m'; }); } }] },
      [d.t].concat(d.series.map(function (s) { return s.m; })), box);
  }

  // One failing part must not take the other down; the error still reaches the console.
  [initMap, initChart, initTrust].forEach(function (init) {
    try { init(); } catch (e) { console.error('FlightForensics report: ' + init.name + ' failed', e); }
  });
  document.documentElement.setAttribute('data-ff-ready', 'true');
})();
