using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// AIXM 5.1 <c>AIXMBasicMessage</c> airspaces (the UK's UAS flight restriction zones and danger/restricted/prohibited
/// areas): one feature per <c>aixm:Airspace</c>, id = its designator (else its gml:identifier), a volume per
/// geometry component with its limits (uom FT/FL/M; reference SFC/MSL/STD; UNL, GND), outlines from GML curve
/// segments (GeodesicString, LineStringSegment, ArcByCenterPoint, CircleByCenterPoint) and xlink references to an
/// in-document <c>aixm:GeoBorder</c>, trimmed to the stretch between its neighbours.
/// </summary>
/// <remarks>
/// Read one member at a time with <see cref="SafeXml"/> settings (no DTD, no external entity): a national file's
/// memory is its zones, not its XML tree. Positions are latitude first (EPSG:4326 axis order, as AIXM requires)
/// unless the srsName is CRS84. Arc angles are bearings from true north; the turning direction of an
/// ArcByCenterPoint is taken as the one that leaves the outline simple (the UK file publishes 315°→45° arcs that
/// must sweep the long way), and that choice is a diagnostic.
/// </remarks>
internal static class AixmLayerReader
{
    public const string Format = "aixm51";

    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options, CancellationToken cancellationToken)
    {
        var builder = new LayerBuilder(file.FileName, options);
        var pending = new List<PendingAirspace>();
        var borders = new Dictionary<string, List<Coordinate>>(StringComparer.Ordinal);
        using (var stream = file.OpenRead())
        using (var reader = XmlReader.Create(stream, SafeXml.Settings))
        {
            var members = 0;
            reader.MoveToContent();
            while (!reader.EOF)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "Airspace" or "GeoBorder")
                {
                    var element = (XElement)XNode.ReadFrom(reader);
                    var location = string.Create(CultureInfo.InvariantCulture, $"member {members++}");
                    try
                    {
                        if (element.Name.LocalName == "GeoBorder")
                        {
                            ReadBorder(element, borders);
                        }
                        else if (!builder.Full)
                        {
                            pending.Add(AixmAirspaceParser.Parse(element, builder, location, options));
                        }
                    }
                    catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException or OverflowException)
                    {
                        builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"member dropped: {ex.Message}");
                    }

                    continue;
                }

                reader.Read();
            }

            builder.Count("members", members);
        }

        foreach (var airspace in pending)
        {
            Add(airspace, borders, builder);
        }

        return builder.Build(file, Format, null);
    }

    private static void ReadBorder(XElement element, Dictionary<string, List<Coordinate>> borders)
    {
        var points = new List<Coordinate>();
        foreach (var curve in element.Descendants().Where(e => e.Name.LocalName == "segments"))
        {
            foreach (var segment in curve.Elements())
            {
                points.AddRange(AixmAirspaceParser.Positions(segment, AixmAirspaceParser.LatitudeFirst(element)));
            }
        }

        foreach (var key in AixmAirspaceParser.Keys(element))
        {
            borders[key] = points;
        }
    }

    private static void Add(PendingAirspace a, Dictionary<string, List<Coordinate>> borders, LayerBuilder builder)
    {
        var volumes = new List<AirspaceVolume>();
        foreach (var v in a.Volumes)
        {
            var rings = new List<LinearRing>();
            foreach (var ring in v.Rings)
            {
                if (AixmRingBuilder.Build(ring, borders, builder, a.Location) is { } coordinates && builder.Ring(coordinates, a.Location) is { } r)
                {
                    rings.Add(r);
                }
                else if (rings.Count == 0)
                {
                    break;
                }
            }

            if (rings.Count == 0)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, a.Location, "volume without a usable outline dropped");
                continue;
            }

            if (builder.Repair(LayerBuilder.Factory.CreatePolygon(rings[0], [.. rings.Skip(1)]), a.Location) is { } outline)
            {
                volumes.Add(new AirspaceVolume(outline, v.Lower, v.Upper));
            }
        }

        if (volumes.Count == 0)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, a.Location, "airspace dropped: no volume with a usable outline");
            return;
        }

        var zone = a.Zone with { Volumes = volumes };
        var geometry = volumes.Count == 1 ? volumes[0].Outline : UnaryUnionOp.Union(volumes.Select(x => x.Outline).ToList());
        var tags = new Dictionary<string, string>(a.Tags, StringComparer.Ordinal)
        {
            ["restriction"] = zone.Restriction.ToName(),
            ["lower"] = zone.Lower.Published,
            ["upper"] = zone.Upper.Published,
        };
        builder.Add(a.Id, a.Name, new Classification(CategoryTaxonomy.Airspace, zone.Restriction.ToName()), geometry, tags, a.Location, zone.Lower.Published, zone.Upper.Published, zone);
    }
}

/// <summary>An airspace read from its member, waiting for the GeoBorders its outline refers to.</summary>
internal sealed record PendingAirspace(string? Id, string? Name, string Location, AirspaceZone Zone, IReadOnlyList<PendingVolume> Volumes, IReadOnlyDictionary<string, string> Tags);

internal sealed record PendingVolume(VerticalLimit Lower, VerticalLimit Upper, IReadOnlyList<IReadOnlyList<RingPiece>> Rings);

/// <summary>One piece of a ring: fixed points, an arc that may turn either way, or a reference to a GeoBorder.</summary>
internal sealed record RingPiece(List<Coordinate> Points, List<Coordinate>? OtherWay = null, string? BorderKey = null, string? Description = null);
