using System.Globalization;
using System.Xml.Linq;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>One <c>aixm:Airspace</c> element: identity, type, limits and the pieces of its outlines.</summary>
/// <remarks>Names are matched by local name, so AIXM 5.1 and 5.1.1 namespaces read alike.</remarks>
internal static class AixmAirspaceParser
{
    private const double MetersPerNauticalMile = 1852;

    public static PendingAirspace Parse(XElement airspace, LayerBuilder builder, string location, LayerReadOptions options)
    {
        var slice = Child(airspace, "timeSlice")?.Elements().FirstOrDefault() ?? airspace;
        var designator = Value(slice, "designator");
        var uuid = Value(airspace, "identifier");
        var id = designator ?? uuid;
        location = id is null ? location : $"{location} id {id}";
        var type = Value(slice, "type");
        var localType = Value(slice, "localType");
        var name = Value(slice, "name");
        if (localType is not null)
        {
            name = name is null ? localType : $"{name} ({localType})";
        }

        var activation = ActivationText(slice);
        if (activation is not null)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, $"activation '{activation}' is published text, not a time window: the zone is taken as always applying");
        }

        var volumes = new List<PendingVolume>();
        foreach (var volume in slice.Descendants().Where(e => e.Name.LocalName == "AirspaceVolume"))
        {
            var lower = Limit(volume, "lower", builder, location);
            var upper = Limit(volume, "upper", builder, location);
            (lower, upper) = ZoneFeedParts.CheckBand(lower, upper, builder, location);
            var rings = new List<IReadOnlyList<RingPiece>>();
            var latitudeFirst = LatitudeFirst(volume);
            foreach (var patch in volume.Descendants().Where(e => e.Name.LocalName is "PolygonPatch" or "Polygon"))
            {
                foreach (var boundary in patch.Elements().Where(e => e.Name.LocalName is "exterior" or "interior"))
                {
                    rings.Add(Pieces(boundary, latitudeFirst, builder, location, options));
                }
            }

            volumes.Add(new PendingVolume(lower, upper, rings));
        }

        var restriction = Restriction(type, localType, builder, location);
        var zone = new AirspaceZone
        {
            Restriction = restriction,
            Volumes = [new AirspaceVolume(LayerBuilder.Factory.CreatePolygon(), VerticalLimit.NotStated, VerticalLimit.NotStated)],
            Schedule = ZoneSchedule.Permanent,
            PublishedRestriction = type,
            Message = activation,
            Country = null,
            ImagingProhibited = ZoneFeedParts.SaysImagingProhibited(activation, name),
        };
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["schedule"] = zone.Schedule.ToString() };
        foreach (var (key, value) in new[] { ("publishedRestriction", type), ("localType", localType), ("uuid", uuid), ("activation", activation) })
        {
            if (value is not null)
            {
                tags[key] = value;
            }
        }

        return new PendingAirspace(id, name, location, zone, volumes, tags);
    }

    /// <summary>UK AIXM types: P prohibited, R restricted (permission needed), D danger (conditions apply); RPZ/FRZ local types need permission.</summary>
    private static AirspaceRestriction Restriction(string? type, string? localType, LayerBuilder builder, string location)
    {
        switch (type?.Trim().ToUpperInvariant())
        {
            case "P":
                return AirspaceRestriction.Prohibited;
            case "R":
                return AirspaceRestriction.AuthorisationRequired;
            case "D":
                return AirspaceRestriction.Conditional;
        }

        if (localType?.Trim().ToUpperInvariant() is "RPZ" or "FRZ")
        {
            return AirspaceRestriction.AuthorisationRequired;
        }

        builder.Diagnose(LayerDiagnosticKind.Note, location, $"airspace type '{type}' is not P, R or D: kept as information");
        return AirspaceRestriction.Information;
    }

    private static VerticalLimit Limit(XElement volume, string which, LayerBuilder builder, string location)
    {
        var value = Child(volume, which + "Limit");
        if (value is null || value.Value.Trim().Length == 0)
        {
            return VerticalLimit.NotStated;
        }

        var reference = Value(volume, which + "LimitReference");
        return ZoneFeedParts.Limit(value.Value.Trim(), value.Attribute("uom")?.Value, reference, which == "upper", builder, location);
    }

    private static string? ActivationText(XElement slice)
    {
        var parts = new List<string>();
        foreach (var a in slice.Descendants().Where(e => e.Name.LocalName == "AirspaceActivation"))
        {
            var status = Value(a, "status");
            var notes = a.Descendants().Where(e => e.Name.LocalName == "note").Select(e => e.Value.Trim()).Where(t => t.Length > 0);
            parts.Add(string.Join(" — ", new[] { status }.Concat(notes).Where(t => t is not null)));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static List<RingPiece> Pieces(XElement boundary, bool latitudeFirst, LayerBuilder builder, string location, LayerReadOptions options)
    {
        var pieces = new List<RingPiece>();
        foreach (var e in boundary.Descendants())
        {
            switch (e.Name.LocalName)
            {
                case "curveMember" when e.Attribute(XName.Get("href", "http://www.w3.org/1999/xlink")) is { } href:
                    pieces.Add(new RingPiece([], BorderKey: Key(href.Value)));
                    break;
                case "GeodesicString" or "LineStringSegment" or "LinearRing" or "LineString" or "GreatCircle" or "Geodesic":
                    pieces.Add(new RingPiece(Positions(e, latitudeFirst)));
                    break;
                case "CircleByCenterPoint":
                    pieces.Add(new RingPiece(Circle(e, latitudeFirst, builder, location, options)));
                    break;
                case "ArcByCenterPoint":
                    pieces.Add(Arc(e, latitudeFirst, builder, location, options));
                    break;
            }
        }

        return pieces;
    }

    private static List<Coordinate> Circle(XElement e, bool latitudeFirst, LayerBuilder builder, string location, LayerReadOptions options)
    {
        var centre = Positions(e, latitudeFirst).FirstOrDefault();
        var radius = Radius(e, builder, location);
        return centre is null || radius is null ? [] : [.. ArcPoints.Circle((centre.Y, centre.X), radius.Value, options.ArcMaxChordErrorMeters)];
    }

    private static RingPiece Arc(XElement e, bool latitudeFirst, LayerBuilder builder, string location, LayerReadOptions options)
    {
        var centre = Positions(e, latitudeFirst).FirstOrDefault();
        var radius = Radius(e, builder, location);
        if (centre is null || radius is null
            || !double.TryParse(Value(e, "startAngle"), NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
            || !double.TryParse(Value(e, "endAngle"), NumberStyles.Float, CultureInfo.InvariantCulture, out var end))
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, "arc without a centre, radius or angles: left out of the outline");
            return new RingPiece([]);
        }

        var clockwise = new List<Coordinate>();
        ArcPoints.Append(clockwise, (centre.Y, centre.X), radius.Value, start, end, clockwise: true, options.ArcMaxChordErrorMeters);
        var counter = new List<Coordinate>();
        ArcPoints.Append(counter, (centre.Y, centre.X), radius.Value, start, end, clockwise: false, options.ArcMaxChordErrorMeters);
        return new RingPiece(clockwise, counter, Description: string.Create(CultureInfo.InvariantCulture, $"arc {start}°→{end}°"));
    }

    /// <summary>The radius in metres; null (with a diagnostic) when it is not a usable distance or its unit is unknown.</summary>
    private static double? Radius(XElement e, LayerBuilder builder, string location)
    {
        var r = Child(e, "radius");
        var unit = r?.Attribute("uom")?.Value.Trim().ToUpperInvariant();
        double? factor = unit switch
        {
            "[NMI_I]" or "NM" or "NMI" => MetersPerNauticalMile,
            "M" or null => 1,
            "KM" => 1000,
            "FT" or "[FT_I]" => ZoneFeedParts.MetersPerFoot,
            "MI" or "[MI_I]" => 1609.344,
            _ => null,
        };
        if (r is null || factor is null || !double.TryParse(r.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value <= 0 || value * factor.Value > 1_000_000)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, $"radius '{r?.Value}' {unit} is not a usable distance: the circle or arc is left out");
            return null;
        }

        return value * factor.Value;
    }

    /// <summary>The positions under an element (gml:pos, gml:posList, gml:coordinates) as lon/lat coordinates.</summary>
    public static List<Coordinate> Positions(XElement e, bool latitudeFirst)
    {
        var list = new List<Coordinate>();
        foreach (var p in e.DescendantsAndSelf().Where(x => x.Name.LocalName is "pos" or "posList"))
        {
            var numbers = p.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 1 < numbers.Length; i += 2)
            {
                var a = double.Parse(numbers[i], NumberStyles.Float, CultureInfo.InvariantCulture);
                var b = double.Parse(numbers[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture);
                list.Add(latitudeFirst ? new Coordinate(b, a) : new Coordinate(a, b));
            }
        }

        return list;
    }

    /// <summary>EPSG:4326 (AIXM's CRS) is latitude first; only an explicit CRS84 srsName puts longitude first.</summary>
    public static bool LatitudeFirst(XElement e)
    {
        var srs = e.DescendantsAndSelf().Select(x => x.Attribute("srsName")?.Value).FirstOrDefault(v => v is not null);
        return srs is null || !srs.Contains("CRS84", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The keys an xlink can name an element by: its gml:identifier as urn:uuid:…, and #gml:id.</summary>
    public static IEnumerable<string> Keys(XElement element)
    {
        if (Value(element, "identifier") is { } uuid)
        {
            yield return Key("urn:uuid:" + uuid);
        }

        if (element.Attribute(XName.Get("id", "http://www.opengis.net/gml/3.2"))?.Value is { } gmlId)
        {
            yield return Key("#" + gmlId);
        }
    }

    private static string Key(string href) => href.Trim().ToLowerInvariant();

    private static XElement? Child(XElement e, string localName) => e.Elements().FirstOrDefault(x => x.Name.LocalName == localName);

    private static string? Value(XElement e, string localName) => Child(e, localName)?.Value.Trim() is { Length: > 0 } v ? v : null;
}
