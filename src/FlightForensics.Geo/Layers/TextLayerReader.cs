using System.Globalization;
using System.Text;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// Plain-text layers: WKT (one geometry per line), CSV with a WKT column or latitude/longitude columns,
/// and ArduPilot fence lists ("lat lon" per line, the first line being the return point).
/// </summary>
internal static class TextLayerReader
{
    private static readonly string[] s_wktKeywords = ["POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION"];
    private static readonly string[] s_wktColumns = ["wkt", "geometry", "geom", "the_geom", "shape"];
    private static readonly string[] s_latColumns = ["lat", "latitude", "latitude_deg", "y"];
    private static readonly string[] s_lonColumns = ["lon", "lng", "long", "longitude", "longitude_deg", "x"];

    /// <summary>Text format from the start of a file: openair, wkt, ardupilot-fence, csv or null.</summary>
    public static string? Detect(string head)
    {
        var lines = head.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var meaningful = lines.Where(l => !l.StartsWith('*') && !l.StartsWith('#')).Take(20).ToList();
        if (meaningful.Count == 0)
        {
            return null;
        }

        if (meaningful.Any(l => l.StartsWith("AC ", StringComparison.Ordinal)) && meaningful.Any(l => l.StartsWith("AN ", StringComparison.Ordinal) || l.StartsWith("DP ", StringComparison.Ordinal)))
        {
            return "openair";
        }

        if (s_wktKeywords.Any(k => meaningful[0].StartsWith(k, StringComparison.OrdinalIgnoreCase)))
        {
            return "wkt";
        }

        if (meaningful.Take(Math.Max(1, meaningful.Count - 1)).All(l => Numbers(l) is { Length: 2 }))
        {
            return "ardupilot-fence";
        }

        var header = SplitCsv(meaningful[0], Delimiter(meaningful[0])).Select(h => h.Trim().ToLowerInvariant()).ToList();
        return header.Count >= 2 && (header.Any(s_wktColumns.Contains) || (header.Any(s_latColumns.Contains) && header.Any(s_lonColumns.Contains))) ? "csv" : null;
    }

    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options, string format)
    {
        var builder = new LayerBuilder(file.FileName, options);
        var lines = File.ReadAllLines(file.FullPath, Encoding.UTF8);
        switch (format)
        {
            case "wkt": ReadWkt(lines, builder); break;
            case "ardupilot-fence": ReadFence(lines, builder, file.FileName); break;
            default: ReadCsv(lines, builder); break;
        }

        return builder.Build(file, format, null);
    }

    private static void ReadWkt(string[] lines, LayerBuilder builder)
    {
        var reader = new WKTReader(new NetTopologySuite.NtsGeometryServices(LayerBuilder.Factory.PrecisionModel, 4326));
        var count = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            count++;
            var location = string.Create(CultureInfo.InvariantCulture, $"line {i + 1}");
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            builder.Add(string.Create(CultureInfo.InvariantCulture, $"line/{i + 1}"), null, builder.ClassifyUser(tags), ParseWkt(reader, line, builder, location), tags, location);
        }

        builder.Count("geometries", count);
    }

    private static Geometry? ParseWkt(WKTReader reader, string text, LayerBuilder builder, string location)
    {
        // WKT is ASCII (OGC 06-103r4 §7); NTS's tokenizer indexes a 256-entry character table and throws
        // IndexOutOfRangeException on a character beyond it (fuzz finding: one flipped bit in a WKT line).
        var bad = text.AsSpan().IndexOfAnyExceptInRange((char)0, (char)0x7F);
        if (bad >= 0)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, string.Create(CultureInfo.InvariantCulture, $"not WKT: non-ASCII character U+{(int)text[bad]:X4} at column {bad + 1}"));
            return null;
        }

        try
        {
            return reader.Read(text);
        }
        catch (Exception ex) when (ex is ParseException or ArgumentException or FormatException)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"not WKT: {ex.Message}");
            return null;
        }
    }

    private static void ReadFence(string[] lines, LayerBuilder builder, string fileName)
    {
        var points = new List<Coordinate>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Numbers(lines[i].Trim()) is { Length: 2 } n)
            {
                points.Add(new Coordinate(n[1], n[0]));
            }
        }

        builder.Count("points", points.Count);
        if (points.Count < 4)
        {
            throw new LayerUnreadableException($"{fileName}: a fence needs a return point and at least 3 vertices");
        }

        // ArduPilot fence files: the first point is the return point, the rest the polygon.
        var ring = builder.Ring(points.Skip(1).ToList(), "fence");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["returnPoint"] = string.Create(CultureInfo.InvariantCulture, $"{points[0].Y},{points[0].X}"),
        };
        var classification = builder.ClassifyUser(tags);
        builder.Add("fence", Path.GetFileNameWithoutExtension(fileName), classification with { Subcategory = classification.Subcategory ?? "geofence" },
            ring is null ? null : LayerBuilder.Factory.CreatePolygon(ring), tags, "fence");
    }

    private static void ReadCsv(string[] lines, LayerBuilder builder)
    {
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            return;
        }

        var delimiter = Delimiter(lines[first]);
        var header = SplitCsv(lines[first], delimiter).Select(h => h.Trim()).ToList();
        int Column(string[] names) => header.FindIndex(h => names.Contains(h.ToLowerInvariant()));
        var wkt = Column(s_wktColumns);
        var lat = Column(s_latColumns);
        var lon = Column(s_lonColumns);
        var reader = new WKTReader(new NetTopologySuite.NtsGeometryServices(LayerBuilder.Factory.PrecisionModel, 4326));
        var rows = 0;
        for (var i = first + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            rows++;
            var location = string.Create(CultureInfo.InvariantCulture, $"line {i + 1}");
            var cells = SplitCsv(lines[i], delimiter);
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Count && c < cells.Count; c++)
            {
                if (c != wkt && cells[c].Length > 0)
                {
                    tags[header[c]] = cells[c];
                }
            }

            Geometry? geometry = null;
            if (wkt >= 0 && wkt < cells.Count)
            {
                geometry = ParseWkt(reader, cells[wkt], builder, location);
            }
            else if (lat >= 0 && lon >= 0 && lat < cells.Count && lon < cells.Count
                && double.TryParse(cells[lat], NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                && double.TryParse(cells[lon], NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
            {
                geometry = LayerBuilder.Factory.CreatePoint(new Coordinate(x, y));
            }

            var id = builder.IdFromProperty(tags)
                ?? (tags.TryGetValue("id", out var idValue) ? idValue : null)
                ?? (tags.TryGetValue("osm_id", out var osmId) ? osmId : null)
                ?? string.Create(CultureInfo.InvariantCulture, $"line/{i + 1}");
            builder.Add(id, builder.NameOf(tags), builder.ClassifyUser(tags), geometry, tags, location);
        }

        builder.Count("rows", rows);
    }

    private static char Delimiter(string headerLine)
    {
        var candidates = new[] { ',', ';', '\t', '|' };
        return candidates.OrderByDescending(c => headerLine.Count(ch => ch == c)).First();
    }

    /// <summary>RFC 4180 fields: quoted fields may hold the delimiter and doubled quotes.</summary>
    internal static List<string> SplitCsv(string line, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == delimiter)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else if (ch != '\r')
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private static double[]? Numbers(string line)
    {
        var parts = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        return values;
    }
}
