using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// KML 2.2 placemarks (Point, LineString, LinearRing, Polygon with holes, MultiGeometry; altitudes dropped) and KMZ
/// archives (the first .kml entry, doc.kml preferred). Entries are read in memory, never extracted to disk.
/// </summary>
internal static class KmlLayerReader
{
    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options, bool compressed)
    {
        var builder = new LayerBuilder(file.FileName, options);
        using var stream = file.OpenRead();
        if (!compressed)
        {
            ReadKml(stream, builder, file.Head);
            return builder.Build(file, "kml", null);
        }

        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        ZipArchiveEntry? chosen = null;
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.Contains("..", StringComparison.Ordinal) || entry.FullName.StartsWith('/') || entry.FullName.Contains(':', StringComparison.Ordinal))
            {
                builder.Diagnose(LayerDiagnosticKind.Ignored, entry.FullName, "archive entry with a path outside the archive (never extracted)");
                continue;
            }

            if (entry.FullName.EndsWith(".kml", StringComparison.OrdinalIgnoreCase)
                && (chosen is null || string.Equals(entry.Name, "doc.kml", StringComparison.OrdinalIgnoreCase)))
            {
                chosen = entry;
            }
        }

        if (chosen is null)
        {
            throw new LayerUnreadableException($"{file.FileName}: KMZ archive holds no .kml document");
        }

        long entryCap = Math.Min(options.MaxKmzEntryBytes, options.MaxDecompressedBytes);
        if (chosen.Length > entryCap)
        {
            throw new LayerUnreadableException($"{file.FileName}: {chosen.FullName} declares {chosen.Length} bytes uncompressed, over the limit of {entryCap} (LayerReadOptions.MaxKmzEntryBytes)");
        }

        builder.Count("kmzEntries", zip.Entries.Count);
        using var entryStream = new CappedStream(chosen.Open(), entryCap, chosen.FullName);
        ReadKml(entryStream, builder, null);
        return builder.Build(file, "kmz", null);
    }

    private static void ReadKml(Stream stream, LayerBuilder builder, byte[]? head)
    {
        if (head is not null && head.AsSpan().IndexOf("<!DOCTYPE"u8) >= 0)
        {
            builder.Diagnose(LayerDiagnosticKind.Ignored, "DOCTYPE", "document type declaration ignored: entities are never expanded or fetched");
        }

        // One placemark in memory at a time: a document of millions of placemarks, or one whose text inflates to
        // gigabytes, must not be loaded whole (issue #24 §2: 13 million placemarks took 7.3 GB; a 1.2 GB name ran out of memory).
        var window = new ElementWindowStream(stream, builder.Options.MaxXmlElementBytes);
        var placemarks = 0;
        using var reader = XmlReader.Create(window, SafeXml.Settings);
        try
        {
            while (true)
            {
                window.StartElement();
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Placemark")
                {
                    if (builder.Full)
                    {
                        // Another placemark after the cap: the layer is cut here, and it says so.
                        builder.Truncate(string.Create(CultureInfo.InvariantCulture, $"Placemark[{placemarks}]"),
                            string.Create(CultureInfo.InvariantCulture, $"feature limit of {builder.Options.MaxFeatures} reached (LayerReadOptions.MaxFeatures); the rest of the layer was not read"));
                        break;
                    }

                    AddPlacemark((XElement)XNode.ReadFrom(reader), placemarks++, builder);
                }
                else if (!reader.Read())
                {
                    break;
                }
            }
        }
        catch (ElementTooLargeException ex)
        {
            builder.Truncate(string.Create(CultureInfo.InvariantCulture, $"Placemark[{placemarks}]"), ex.Message);
        }

        builder.Count("placemarks", placemarks);
    }

    private static void AddPlacemark(XElement placemark, int index, LayerBuilder builder)
    {
        var location = string.Create(CultureInfo.InvariantCulture, $"Placemark[{index}]");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = Child(placemark, "name")?.Value.Trim();
        if (!string.IsNullOrEmpty(name))
        {
            tags["name"] = name;
        }

        var description = Child(placemark, "description")?.Value.Trim();
        if (!string.IsNullOrEmpty(description))
        {
            tags["description"] = description;
        }

        foreach (var data in placemark.Descendants().Where(e => e.Name.LocalName is "Data" or "SimpleData"))
        {
            var key = data.Attribute("name")?.Value;
            if (key is null)
            {
                continue;
            }

            tags[key] = data.Name.LocalName == "Data" ? Child(data, "value")?.Value.Trim() ?? "" : data.Value.Trim();
        }

        var id = builder.IdFromProperty(tags) ?? placemark.Attribute("id")?.Value ?? (string.IsNullOrEmpty(name) ? null : name);
        var geometries = new List<Geometry>();
        foreach (var g in placemark.Elements())
        {
            Collect(g, geometries, builder, location);
        }

        Geometry? geometry = geometries.Count switch
        {
            0 => null,
            1 => geometries[0],
            _ => Combine(geometries),
        };
        builder.Add(id, name, builder.ClassifyUser(tags), geometry, tags, id is null ? location : $"{location} {id}");
    }

    private static Geometry Combine(List<Geometry> parts)
    {
        var f = LayerBuilder.Factory;
        if (parts.All(p => p is Polygon))
        {
            return f.CreateMultiPolygon([.. parts.Cast<Polygon>()]);
        }

        if (parts.All(p => p is LineString))
        {
            return f.CreateMultiLineString([.. parts.Cast<LineString>()]);
        }

        return parts.All(p => p is Point) ? f.CreateMultiPoint([.. parts.Cast<Point>()]) : f.CreateGeometryCollection([.. parts]);
    }

    private static void Collect(XElement e, List<Geometry> into, LayerBuilder builder, string location)
    {
        var f = LayerBuilder.Factory;
        switch (e.Name.LocalName)
        {
            case "Point":
                var p = Coordinates(Child(e, "coordinates"), builder, location);
                if (p.Count > 0)
                {
                    into.Add(f.CreatePoint(p[0]));
                }

                break;
            case "LineString":
                var l = Coordinates(Child(e, "coordinates"), builder, location);
                if (l.Count >= 2)
                {
                    into.Add(f.CreateLineString([.. l]));
                }
                else
                {
                    builder.Diagnose(LayerDiagnosticKind.Skipped, location, "LineString with fewer than 2 coordinates");
                }

                break;
            case "LinearRing":
                if (builder.Ring(Coordinates(Child(e, "coordinates"), builder, location), location) is { } ring)
                {
                    into.Add(f.CreatePolygon(ring));
                }

                break;
            case "Polygon":
                var outer = Child(e, "outerBoundaryIs");
                var shell = outer is null ? null : builder.Ring(Coordinates(Child(Child(outer, "LinearRing"), "coordinates"), builder, location), location);
                if (shell is null)
                {
                    builder.Diagnose(LayerDiagnosticKind.Skipped, location, "Polygon without a usable outer boundary");
                    break;
                }

                var holes = e.Elements().Where(x => x.Name.LocalName == "innerBoundaryIs")
                    .Select(x => builder.Ring(Coordinates(Child(Child(x, "LinearRing"), "coordinates"), builder, location), location))
                    .OfType<LinearRing>().ToArray();
                into.Add(f.CreatePolygon(shell, holes));
                break;
            case "MultiGeometry":
                foreach (var child in e.Elements())
                {
                    Collect(child, into, builder, location);
                }

                break;
        }
    }

    private static XElement? Child(XElement? e, string localName) => e?.Elements().FirstOrDefault(x => x.Name.LocalName == localName);

    /// <summary>KML "lon,lat[,alt]" tuples separated by white space; the altitude is dropped (2-D analysis).</summary>
    private static List<Coordinate> Coordinates(XElement? e, LayerBuilder builder, string location)
    {
        var list = new List<Coordinate>();
        if (e is null)
        {
            return list;
        }

        foreach (var tuple in e.Value.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = tuple.Split(',');
            if (parts.Length >= 2
                && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            {
                list.Add(new Coordinate(lon, lat));
            }
            else
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"coordinate tuple '{Truncate(tuple)}' is not lon,lat[,alt]");
            }
        }

        return list;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
