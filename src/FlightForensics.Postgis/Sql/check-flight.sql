-- Overflights and close approaches of one flight ($1) against every ingested feature. Not a migration:
-- loaded by PostgisCheck (file name without a version prefix). Parameters: $1 flight_id, $2..$5 the
-- taxonomy's categories (id, close-approach buffer m, line half-width m, point radius m), $6 search reach m,
-- $7 the SRID of the flight's local frame (local_frames).
-- Geometry is measured in the flight's local tangent plane (ellipsoidal orthographic projection centred on
-- the track), the frame the in-process engine uses, so both give the same entry/exit times and distances.
WITH fl AS (
    SELECT flight_id, track, track_points, max_gap_s, $7::integer AS proj
    FROM flights WHERE flight_id = $1 AND track IS NOT NULL
),
cats AS (
    SELECT * FROM unnest($2::text[], $3::float8[], $4::float8[], $5::float8[]) AS c(id, buffer_m, half_width_m, radius_m)
),
near AS MATERIALIZED (
    -- GiST on the subdivided parts (geography expression index) finds what is within reach of the track.
    SELECT DISTINCT p.feature_pk
    FROM fl JOIN infra_parts p ON ST_DWithin(p.geom::geography, ST_Force2D(fl.track)::geography, $6)
),
feat AS MATERIALIZED (
    SELECT f.feature_pk, f.kind, f.geom,
           COALESCE(c.buffer_m, u.buffer_m) AS buffer_m,
           CASE f.kind WHEN 'polygon' THEN 0
                       WHEN 'line' THEN COALESCE(c.half_width_m, u.half_width_m)
                       WHEN 'point' THEN COALESCE(c.radius_m, u.radius_m)
                       ELSE GREATEST(COALESCE(c.half_width_m, u.half_width_m), COALESCE(c.radius_m, u.radius_m)) END AS expansion_m,
           ST_Transform(f.geom, fl.proj) AS lg
    FROM near JOIN infra_features f USING (feature_pk) CROSS JOIN fl
    LEFT JOIN cats c ON c.id = f.category
    LEFT JOIN cats u ON u.id = 'unclassified'
),
area AS MATERIALIZED (
    SELECT feature_pk, expansion_m,
           CASE WHEN kind = 'polygon' THEN lg WHEN expansion_m > 0 THEN ST_Buffer(lg, expansion_m) END AS ag
    FROM feat
),
segs AS MATERIALIZED (
    -- The LINESTRING M cut into its segments; M carries the time of both ends. A segment longer in time
    -- than the gap limit is a logging gap and is not interpolated across (as in-process).
    SELECT (d.path)[1] AS k, d.geom AS wg, ST_Force2D(ST_Transform(d.geom, fl.proj)) AS sg,
           ST_M(ST_StartPoint(d.geom)) AS m0, ST_M(ST_EndPoint(d.geom)) AS m1
    FROM fl CROSS JOIN LATERAL ST_DumpSegments(fl.track) d
    WHERE (ST_M(ST_EndPoint(d.geom)) - ST_M(ST_StartPoint(d.geom))) <= fl.max_gap_s
       OR (ST_M(ST_EndPoint(d.geom)) - ST_M(ST_StartPoint(d.geom))) = 'NaN'::float8
),
pieces AS (
    SELECT a.feature_pk, s.k, least(x.fa, x.fb) AS fa, greatest(x.fa, x.fb) AS fb
    FROM area a JOIN segs s ON a.ag && s.sg AND ST_Length(s.sg) > 0
    CROSS JOIN LATERAL ST_Dump(ST_Intersection(s.sg, a.ag)) g
    CROSS JOIN LATERAL (SELECT ST_LineLocatePoint(s.sg, ST_StartPoint(g.geom)) AS fa,
                               ST_LineLocatePoint(s.sg, ST_EndPoint(g.geom)) AS fb) x
    WHERE ST_GeometryType(g.geom) = 'ST_LineString'
    UNION ALL
    -- A repeated position (zero-length segment) inside the area keeps the pass going.
    SELECT a.feature_pk, s.k, 0, 1
    FROM area a JOIN segs s ON a.ag && s.sg AND ST_Length(s.sg) = 0 AND ST_Covers(a.ag, ST_StartPoint(s.sg))
),
marked AS (
    SELECT p.*,
           CASE WHEN lag(k) OVER w = k - 1 AND lag(fb) OVER w >= 1 - 1e-9 AND fa <= 1e-9 THEN 0
                WHEN lag(k) OVER w = k AND abs(lag(fb) OVER w - fa) < 1e-9 THEN 0
                ELSE 1 END AS starts
    FROM pieces p
    WINDOW w AS (PARTITION BY feature_pk ORDER BY k, fa)
),
numbered AS (
    SELECT m.*, sum(starts) OVER (PARTITION BY feature_pk ORDER BY k, fa ROWS UNBOUNDED PRECEDING) AS pass_no FROM marked m
),
passes AS MATERIALIZED (
    SELECT feature_pk, pass_no,
           (array_agg(k ORDER BY k, fa))[1] AS k_in, (array_agg(fa ORDER BY k, fa))[1] AS f_in,
           (array_agg(k ORDER BY k DESC, fb DESC))[1] AS k_out, (array_agg(fb ORDER BY k DESC, fb DESC))[1] AS f_out
    FROM numbered GROUP BY feature_pk, pass_no
),
over AS (
    SELECT p.feature_pk, a.expansion_m,
           si.m0 + p.f_in * (si.m1 - si.m0) AS entry_s,
           so.m0 + p.f_out * (so.m1 - so.m0) AS exit_s,
           LEAST(i0.height_above_takeoff_m + p.f_in * (i1.height_above_takeoff_m - i0.height_above_takeoff_m),
                 o0.height_above_takeoff_m + p.f_out * (o1.height_above_takeoff_m - o0.height_above_takeoff_m),
                 (SELECT min(height_above_takeoff_m) FROM samples s WHERE s.flight_id = $1 AND s.track_index BETWEEN p.k_in AND p.k_out - 1)) AS min_hat,
           LEAST(i0.height_above_ground_m + p.f_in * (i1.height_above_ground_m - i0.height_above_ground_m),
                 o0.height_above_ground_m + p.f_out * (o1.height_above_ground_m - o0.height_above_ground_m),
                 (SELECT min(height_above_ground_m) FROM samples s WHERE s.flight_id = $1 AND s.track_index BETWEEN p.k_in AND p.k_out - 1)) AS min_hag,
           ST_LineInterpolatePoint(si.wg, p.f_in) AS entry_pt,
           ST_LineInterpolatePoint(so.wg, p.f_out) AS exit_pt,
           i0.sample_index AS first_sample, o1.sample_index AS last_sample,
           i0.source_offset AS first_offset, o1.source_offset AS last_offset,
           p.k_in = 1 AND p.f_in <= 0 AS started_inside,
           p.k_out = (SELECT track_points - 1 FROM fl) AND p.f_out >= 1 AS ended_inside
    FROM passes p
    JOIN area a USING (feature_pk)
    JOIN segs si ON si.k = p.k_in
    JOIN segs so ON so.k = p.k_out
    JOIN samples i0 ON i0.flight_id = $1 AND i0.track_index = p.k_in - 1
    JOIN samples i1 ON i1.flight_id = $1 AND i1.track_index = p.k_in
    JOIN samples o0 ON o0.flight_id = $1 AND o0.track_index = p.k_out - 1
    JOIN samples o1 ON o1.flight_id = $1 AND o1.track_index = p.k_out
),
prox AS (
    -- Close approach: features not flown over whose geometry comes within the category's buffer of a
    -- segment (ST_DWithin on geography); the closest segment and point on it give time and place.
    SELECT DISTINCT ON (c.feature_pk) c.feature_pk, c.buffer_m, s.k, s.m0, s.m1, s.wg,
           ST_Distance(s.wg::geography, c.geom::geography) AS distance_m,
           ST_Distance(s.sg, c.lg) AS local_distance_m,
           CASE WHEN ST_Length(s.sg) = 0 THEN 0 ELSE ST_LineLocatePoint(s.sg, ST_ClosestPoint(s.sg, c.lg)) END AS f
    FROM feat c
    -- Planar test in the metric frame first (cheap), then the geodesic one that decides.
    JOIN segs s ON ST_DWithin(s.sg, c.lg, c.buffer_m * 1.001 + 1) AND ST_DWithin(s.wg::geography, c.geom::geography, c.buffer_m)
    WHERE c.buffer_m > 0 AND NOT EXISTS (SELECT 1 FROM passes p WHERE p.feature_pk = c.feature_pk)
    ORDER BY c.feature_pk, local_distance_m, s.k
),
findings AS (
    SELECT 'overflight' AS finding, o.feature_pk, o.entry_s, o.exit_s, o.min_hat, o.min_hag,
           ST_X(o.entry_pt) AS entry_lon, ST_Y(o.entry_pt) AS entry_lat, ST_X(o.exit_pt) AS exit_lon, ST_Y(o.exit_pt) AS exit_lat,
           o.first_sample, o.last_sample, o.first_offset, o.last_offset, o.started_inside, o.ended_inside,
           o.expansion_m, NULL::float8 AS distance_m, NULL::float8 AS buffer_m
    FROM over o
    UNION ALL
    SELECT 'proximity', x.feature_pk, x.m0 + x.f * (x.m1 - x.m0), NULL,
           s0.height_above_takeoff_m + x.f * (s1.height_above_takeoff_m - s0.height_above_takeoff_m), NULL,
           ST_X(ST_LineInterpolatePoint(x.wg, x.f)), ST_Y(ST_LineInterpolatePoint(x.wg, x.f)), NULL, NULL,
           CASE WHEN x.f >= 1 THEN s1.sample_index ELSE s0.sample_index END, NULL,
           CASE WHEN x.f >= 1 THEN s1.source_offset ELSE s0.source_offset END, NULL, NULL, NULL,
           NULL, x.distance_m, x.buffer_m
    FROM prox x
    JOIN samples s0 ON s0.flight_id = $1 AND s0.track_index = x.k - 1
    JOIN samples s1 ON s1.flight_id = $1 AND s1.track_index = x.k
)
SELECT r.finding, r.feature_pk, f.source_id, f.name, f.category, f.subcategory, f.kind, l.file_name, l.sha256,
       r.entry_s, r.exit_s, r.min_hat, r.min_hag, r.entry_lon, r.entry_lat, r.exit_lon, r.exit_lat,
       r.first_sample, r.last_sample, r.first_offset, r.last_offset, r.started_inside, r.ended_inside,
       r.expansion_m, r.distance_m, r.buffer_m
FROM findings r
JOIN infra_features f ON f.feature_pk = r.feature_pk
JOIN layers l ON l.layer_id = f.layer_id
ORDER BY r.finding, r.entry_s NULLS LAST, f.source_id
