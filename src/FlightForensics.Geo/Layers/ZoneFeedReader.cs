using System.Globalization;
using System.Text.Json;
using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// Drone-zone feeds in JSON, told apart by their content: EUROCAE ED-269 (<c>UASZoneList</c>, or <c>features</c>
/// whose <c>geometry</c> is a list of volumes), ED-318 (GeoJSON features with zone properties and a
/// <c>layer</c>), and the FAA UAS Facility Map grid (ArcGIS GeoJSON, <c>CEILING</c> in feet above ground).
/// Each zone is one feature of category <c>airspace</c> whose id is the zone identifier.
/// </summary>
internal static class ZoneFeedReader
{
    public const string Ed269 = "ed269";
    public const string Ed318 = "ed318";
    public const string FaaFacilityMap = "faa-uasfm";

    /// <summary>How many features are looked at to recognise a feed (the first ones tell).</summary>
    private const int FeaturesSniffed = 8;

    /// <summary>The zone-feed format of a parsed JSON document, or null for any other JSON.</summary>
    public static string? Detect(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray().Take(FeaturesSniffed).Any(IsEd269Zone) ? Ed269 : null;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (root.TryGetProperty("UASZoneList", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            return Ed269;
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var sample = features.EnumerateArray().Take(FeaturesSniffed).ToList();
        if (sample.Any(IsEd269Zone))
        {
            return Ed269;
        }

        if (sample.Any(IsEd318Zone))
        {
            return Ed318;
        }

        return sample.Count > 0 && sample.All(f => ZoneFeedParts.Member(f, "properties") is { } p && ZoneFeedParts.Member(p, "CEILING") is { ValueKind: JsonValueKind.Number })
            ? FaaFacilityMap
            : null;
    }

    private static bool IsEd269Zone(JsonElement zone) =>
        ZoneFeedParts.Member(zone, "geometry") is { ValueKind: JsonValueKind.Array } volumes
        && volumes.EnumerateArray().Any(v => ZoneFeedParts.Member(v, "horizontalProjection") is not null);

    private static bool IsEd318Zone(JsonElement feature) =>
        ZoneFeedParts.Member(feature, "properties") is { } p && ZoneFeedParts.Member(p, "identifier") is not null
        && (ZoneFeedParts.Member(feature, "geometry") is { } g && ZoneFeedParts.Member(g, "layer") is not null
            || ZoneFeedParts.Member(p, "zoneAuthority") is not null || ZoneFeedParts.Member(p, "limitedApplicability") is not null);

    public static void Read(JsonElement root, string format, LayerBuilder builder, CancellationToken cancellationToken)
    {
        var zones = root.ValueKind == JsonValueKind.Array ? root
            : root.TryGetProperty("UASZoneList", out var list) && list.ValueKind == JsonValueKind.Array ? list
            : root.GetProperty("features");
        var index = 0;
        foreach (var zone in zones.EnumerateArray())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var location = string.Create(CultureInfo.InvariantCulture, $"zone[{index}]");
            try
            {
                switch (format)
                {
                    case Ed269:
                        ReadEd269Zone(zone, builder, location);
                        break;
                    case Ed318:
                        ReadEd318Zone(zone, builder, location);
                        break;
                    default:
                        ReadFaaCell(zone, builder, location);
                        break;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"zone dropped: {ex.Message}");
            }

            index++;
            if (builder.Full)
            {
                break;
            }
        }

        builder.Count("zones", index);
    }

    private static void ReadEd269Zone(JsonElement zone, LayerBuilder builder, string location)
    {
        var id = ZoneFeedParts.String(zone, "identifier");
        location = id is null ? location : $"{location} id {id}";
        var volumes = new List<AirspaceVolume>();
        if (ZoneFeedParts.Member(zone, "geometry") is { ValueKind: JsonValueKind.Array } list)
        {
            var k = 0;
            foreach (var v in list.EnumerateArray())
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"{location} volume {k++}");
                var unit = ZoneFeedParts.String(v, "uomDimensions");
                var lower = ZoneFeedParts.Limit(ZoneFeedParts.Member(v, "lowerLimit"), unit, ZoneFeedParts.String(v, "lowerVerticalReference"), upper: false, builder, where);
                var upper = ZoneFeedParts.Limit(ZoneFeedParts.Member(v, "upperLimit"), unit, ZoneFeedParts.String(v, "upperVerticalReference"), upper: true, builder, where);
                (lower, upper) = ZoneFeedParts.CheckBand(lower, upper, builder, where);
                if (ZoneFeedParts.Member(v, "horizontalProjection") is { } projection && Outline(projection, unit, builder, where) is { } outline)
                {
                    volumes.Add(new AirspaceVolume(outline, lower, upper));
                }
            }
        }

        var restrictionWord = ZoneFeedParts.String(zone, "restriction");
        Add(zone, id, restrictionWord, volumes, ZoneScheduleReader.Read(ZoneFeedParts.Member(zone, "applicability"), builder, location), builder, location);
    }

    private static void ReadEd318Zone(JsonElement feature, LayerBuilder builder, string location)
    {
        var properties = ZoneFeedParts.Member(feature, "properties") ?? default;
        var id = ZoneFeedParts.String(properties, "identifier") ?? (ZoneFeedParts.Member(feature, "id") is { } fid ? ZoneFeedParts.Text(fid) : null);
        location = id is null ? location : $"{location} id {id}";
        var volumes = new List<AirspaceVolume>();
        if (ZoneFeedParts.Member(feature, "geometry") is { } geometry)
        {
            // A GeometryCollection holds one volume per member, each with its own layer or the collection's.
            var parts = ZoneFeedParts.String(geometry, "type") == "GeometryCollection" && ZoneFeedParts.Member(geometry, "geometries") is { ValueKind: JsonValueKind.Array } members
                ? members.EnumerateArray().ToList()
                : [geometry];
            var k = 0;
            foreach (var part in parts)
            {
                var where = parts.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"{location} volume {k}") : location;
                k++;
                var layer = ZoneFeedParts.Member(part, "layer") ?? ZoneFeedParts.Member(geometry, "layer") ?? ZoneFeedParts.Member(properties, "layer");
                var (lower, upper) = (VerticalLimit.NotStated, VerticalLimit.NotStated);
                if (layer is { ValueKind: JsonValueKind.Object } l)
                {
                    var unit = ZoneFeedParts.String(l, "uom");
                    lower = ZoneFeedParts.Limit(ZoneFeedParts.Member(l, "lower"), unit, ZoneFeedParts.String(l, "lowerReference"), upper: false, builder, where);
                    upper = ZoneFeedParts.Limit(ZoneFeedParts.Member(l, "upper"), unit, ZoneFeedParts.String(l, "upperReference"), upper: true, builder, where);
                    (lower, upper) = ZoneFeedParts.CheckBand(lower, upper, builder, where);
                }

                if (Outline(part, ZoneFeedParts.Member(layer ?? default, "uom") is { } u ? ZoneFeedParts.Text(u) : null, builder, where) is { } outline)
                {
                    volumes.Add(new AirspaceVolume(outline, lower, upper));
                }
            }
        }

        Add(properties, id, ZoneFeedParts.String(properties, "type"), volumes, ZoneScheduleReader.Read(ZoneFeedParts.Member(properties, "limitedApplicability"), builder, location), builder, location);
    }

    /// <summary>
    /// One FAA facility-map cell: the ceiling in feet above ground up to which flights can be authorised
    /// automatically, 0 meaning none without coordination (FAA UAS Facility Map FAQ); the floor is the ground.
    /// </summary>
    private static void ReadFaaCell(JsonElement feature, LayerBuilder builder, string location)
    {
        var properties = ZoneFeedParts.Member(feature, "properties") ?? default;
        var objectId = ZoneFeedParts.String(properties, "OBJECTID") ?? ZoneFeedParts.String(properties, "GLOBALID");
        var id = objectId is null ? null : "UASFM-" + objectId;
        location = id is null ? location : $"{location} id {id}";
        var ceiling = ZoneFeedParts.Limit(ZoneFeedParts.Member(properties, "CEILING"), "ft", "AGL", upper: true, builder, location);
        var lower = new VerticalLimit(0, VerticalReference.Agl, "0 ft AGL");
        var volumes = new List<AirspaceVolume>();
        if (ZoneFeedParts.Member(feature, "geometry") is { } g && Outline(g, "ft", builder, location) is { } outline)
        {
            volumes.Add(new AirspaceVolume(outline, lower, ceiling));
        }

        var airport = ZoneFeedParts.String(properties, "APT1_NAME") ?? ZoneFeedParts.String(properties, "APT1_ICAO");
        var name = airport is null ? "UAS facility map cell" : $"UAS facility map cell ({airport})";
        var facility = ZoneFeedParts.String(properties, "UNIT");
        var zone = new AirspaceZone
        {
            Restriction = AirspaceRestriction.AuthorisationRequired,
            Volumes = volumes,
            PublishedRestriction = $"CEILING {ZoneFeedParts.String(properties, "CEILING")}",
            Authority = facility ?? "FAA",
            Message = ZoneFeedParts.String(properties, "MAP_EFF") is { } effective ? $"map effective {effective}" : null,
            Country = "USA",
        };
        AddZone(id, name, zone, properties, builder, location);
    }

    private static void Add(JsonElement properties, string? id, string? restrictionWord, List<AirspaceVolume> volumes, ZoneSchedule schedule, LayerBuilder builder, string location)
    {
        var reason = ZoneFeedParts.String(properties, "reason");
        var conditions = ZoneFeedParts.String(properties, "restrictionConditions");
        var message = ZoneFeedParts.String(properties, "message");
        var zone = new AirspaceZone
        {
            Restriction = ZoneFeedParts.Restriction(restrictionWord, builder, location),
            ImagingProhibited = ZoneFeedParts.SaysImagingProhibited(reason, conditions, message, ZoneFeedParts.String(properties, "otherReasonInfo")),
            Volumes = volumes,
            Schedule = schedule,
            PublishedRestriction = restrictionWord,
            Authority = ZoneFeedParts.Authorities(properties),
            Message = message ?? conditions,
            Reason = reason,
            Country = ZoneFeedParts.String(properties, "country"),
        };
        AddZone(id, ZoneFeedParts.String(properties, "name"), zone, properties, builder, location);
    }

    private static void AddZone(string? id, string? name, AirspaceZone zone, JsonElement properties, LayerBuilder builder, string location)
    {
        if (zone.Volumes.Count == 0)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, "zone dropped: no volume with a usable outline");
            return;
        }

        if (ViewerMask(zone, properties) is { } mask)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"zone skipped: {mask}");
            return;
        }

        if (id is null)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, "zone without an identifier: its id is derived from its geometry");
        }

        var geometry = zone.Volumes.Count == 1 ? zone.Volumes[0].Outline : UnaryUnionOp.Union(zone.Volumes.Select(v => v.Outline).ToList());
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["restriction"] = zone.Restriction.ToName(),
            ["lower"] = zone.Lower.Published,
            ["upper"] = zone.Upper.Published,
            ["schedule"] = zone.Schedule.ToString(),
        };
        foreach (var (key, value) in new[] { ("publishedRestriction", zone.PublishedRestriction), ("authority", zone.Authority), ("message", zone.Message), ("reason", zone.Reason), ("country", zone.Country) })
        {
            if (value is not null)
            {
                tags[key] = value;
            }
        }

        if (zone.ImagingProhibited)
        {
            tags["imagingProhibited"] = "yes";
        }

        var classification = new Classification(CategoryTaxonomy.Airspace, zone.Restriction.ToName());
        builder.Add(id, name, classification, geometry, tags, location, zone.Lower.Published, zone.Upper.Published, zone);
    }

    /// <summary>
    /// National viewers publish shapes that are not zones: features marked hidden, and "outside the country" masks
    /// that span the world with the country cut out. Either would put every flight in a prohibited zone.
    /// </summary>
    private static string? ViewerMask(AirspaceZone zone, JsonElement properties)
    {
        if (ZoneFeedParts.Member(properties, "hidden") is { ValueKind: JsonValueKind.True } || ZoneFeedParts.Member(properties, "visible") is { ValueKind: JsonValueKind.False })
        {
            return "marked hidden (a viewer's mask, not a zone)";
        }

        var env = zone.Volumes[0].Outline.EnvelopeInternal;
        return env.Width >= 90 || env.Height >= 45
            ? string.Create(CultureInfo.InvariantCulture, $"outline spans {env.Width:0}° × {env.Height:0}°: a world-spanning mask (such as \"outside the country\"), not a zone")
            : null;
    }

    /// <summary>A volume's outline: a GeoJSON (Multi)Polygon, or a circle (<c>Circle</c> with <c>center</c> and <c>radius</c>, or a <c>Point</c> with a <c>radius</c>).</summary>
    private static Geometry? Outline(JsonElement projection, string? unit, LayerBuilder builder, string location)
    {
        var type = ZoneFeedParts.String(projection, "type");
        if (type is "Circle" or "Point" && ZoneFeedParts.Member(projection, "radius") is { } radiusElement)
        {
            var centre = ZoneFeedParts.Member(projection, "center") ?? ZoneFeedParts.Member(projection, "coordinates");
            if (centre is not { ValueKind: JsonValueKind.Array } c || c.GetArrayLength() < 2 || c[0].ValueKind != JsonValueKind.Number || c[1].ValueKind != JsonValueKind.Number
                || radiusElement.ValueKind != JsonValueKind.Number)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, "circle without a numeric centre [lon, lat] and radius: volume dropped");
                return null;
            }

            var factor = (unit ?? "M").Trim().ToUpperInvariant() is "FT" or "FEET" ? ZoneFeedParts.MetersPerFoot : 1;
            var radius = radiusElement.GetDouble() * factor;
            // A zone circle of zero, negative or continental radius is a data error, not a zone.
            if (!double.IsFinite(radius) || radius <= 0 || radius > 1_000_000)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, string.Create(CultureInfo.InvariantCulture, $"circle radius {radiusElement.GetRawText()} is not a usable distance: volume dropped"));
                return null;
            }

            double lon = c[0].GetDouble(), lat = c[1].GetDouble();
            if (lat is < -89 or > 89 || lon is < -180 or > 180)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, "circle centre out of WGS84 range: volume dropped");
                return null;
            }

            var ring = ArcPoints.Circle((lat, lon), radius, builder.Options.ArcMaxChordErrorMeters);
            return LayerBuilder.Factory.CreatePolygon(ring);
        }

        var geometry = JsonLayerReader.ReadGeometry(projection, builder, location);
        if (geometry is null || geometry.IsEmpty || geometry is not (Polygon or MultiPolygon))
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"volume outline '{type}' is not a polygon or circle: volume dropped");
            return null;
        }

        return builder.Repair(geometry, location);
    }
}
