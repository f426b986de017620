using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Model;
using FlightForensics.Geo.Taxonomy;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// OpenAir airspace text: AC class, AN name, AL/AH limits, DP points, V X= centre and V D= direction,
/// DC circles, DA and DB arcs (radii in nautical miles). Arcs and circles are densified on a local tangent plane at
/// their centre. Bytes are read as Latin-1 (the usual encoding of these files).
/// </summary>
internal static partial class OpenAirLayerReader
{
    private const double MetersPerNauticalMile = 1852;

    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options)
    {
        var builder = new LayerBuilder(file.FileName, options);
        var text = File.ReadAllText(file.FullPath, Encoding.Latin1);
        Airspace? current = null;
        var lineNumber = 0;
        var airspaces = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            var comment = line.IndexOf('*', StringComparison.Ordinal);
            if (comment == 0 || line.Length == 0)
            {
                continue;
            }

            if (comment > 0 && !line.StartsWith("AN", StringComparison.Ordinal))
            {
                line = line[..comment].Trim();
            }

            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var command = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arg = space < 0 ? "" : line[(space + 1)..].Trim();
            var location = string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}");
            try
            {
                switch (command)
                {
                    case "AC":
                        Flush(current, builder, options);
                        current = new Airspace(arg, location);
                        airspaces++;
                        break;
                    case "AN" when current is not null: current.Name = arg; break;
                    case "AL" when current is not null: current.Lower = arg; break;
                    case "AH" when current is not null: current.Upper = arg; break;
                    case "V" when current is not null:
                        var eq = arg.IndexOf('=', StringComparison.Ordinal);
                        var key = eq < 0 ? "" : arg[..eq].Trim().ToUpperInvariant();
                        var value = eq < 0 ? "" : arg[(eq + 1)..].Trim();
                        if (key == "X")
                        {
                            current.Centre = ParseCoordinate(value);
                        }
                        else if (key == "D")
                        {
                            current.Clockwise = !value.StartsWith('-');
                        }

                        break;
                    case "DP" when current is not null:
                        current.Points.Add(ParseCoordinate(arg));
                        break;
                    case "DC" when current is not null:
                        var centre = current.Centre ?? throw new FormatException("DC before a V X= centre");
                        var radius = ParseNumber(arg) * MetersPerNauticalMile;
                        Arc(current, centre, radius, 0, 360, clockwise: true, options.ArcPointsPerCircle);
                        break;
                    case "DA" when current is not null:
                        var parts = arg.Split(',');
                        if (parts.Length != 3)
                        {
                            throw new FormatException("DA needs radius, start angle, end angle");
                        }

                        Arc(current, current.Centre ?? throw new FormatException("DA before a V X= centre"),
                            ParseNumber(parts[0]) * MetersPerNauticalMile, ParseNumber(parts[1]), ParseNumber(parts[2]), current.Clockwise, options.ArcPointsPerCircle);
                        break;
                    case "DB" when current is not null:
                        var ends = arg.Split(',');
                        if (ends.Length != 2)
                        {
                            throw new FormatException("DB needs two coordinates");
                        }

                        ArcBetween(current, current.Centre ?? throw new FormatException("DB before a V X= centre"),
                            ParseCoordinate(ends[0]), ParseCoordinate(ends[1]), options.ArcPointsPerCircle);
                        break;
                    case "DY":
                        builder.Diagnose(LayerDiagnosticKind.Ignored, location, "airway (DY) segments are not read");
                        break;
                }
            }
            catch (FormatException ex)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"{command}: {ex.Message}");
                if (current is not null)
                {
                    current.Broken = true;
                }
            }
        }

        Flush(current, builder, options);
        builder.Count("airspaces", airspaces);
        return builder.Build(file, "openair", null);
    }

    private static void Flush(Airspace? a, LayerBuilder builder, LayerReadOptions options)
    {
        if (a is null)
        {
            return;
        }

        var location = $"{a.Location} {a.Name}";
        if (a.Broken)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, "airspace dropped: one of its lines could not be read");
            return;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["class"] = a.Class };
        if (a.Name is not null)
        {
            tags["name"] = a.Name;
        }

        if (a.Lower is not null)
        {
            tags["lower"] = a.Lower;
        }

        if (a.Upper is not null)
        {
            tags["upper"] = a.Upper;
        }

        var classification = options.DefaultCategory is { } c
            ? new Classification(c, null)
            : new Classification(CategoryTaxonomy.Airspace, builder.Taxonomy.OpenAirSubcategory(a.Class));
        var coords = a.Points.Select(p => new Coordinate(p.Lon, p.Lat)).ToList();
        var ring = coords.Count >= 3 ? builder.Ring(coords, location) : null;
        if (ring is null)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, "airspace with fewer than 3 points");
            return;
        }

        builder.Add(a.Name, a.Name, classification, LayerBuilder.Factory.CreatePolygon(ring), tags, location, a.Lower, a.Upper);
    }

    private static void Arc(Airspace a, (double Lat, double Lon) centre, double radiusMeters, double fromDegrees, double toDegrees, bool clockwise, int perCircle)
    {
        var projection = new LocalProjection(centre.Lat, centre.Lon);
        var sweep = clockwise ? Normalize(toDegrees - fromDegrees) : -Normalize(fromDegrees - toDegrees);
        if (sweep == 0)
        {
            sweep = clockwise ? 360 : -360;
        }

        var steps = Math.Max(2, (int)Math.Ceiling(Math.Abs(sweep) / 360 * perCircle));
        for (var i = 0; i <= steps; i++)
        {
            var bearing = (fromDegrees + (sweep * i / steps)) * Math.PI / 180;
            a.Points.Add(projection.Inverse(radiusMeters * Math.Sin(bearing), radiusMeters * Math.Cos(bearing)));
        }
    }

    private static void ArcBetween(Airspace a, (double Lat, double Lon) centre, (double Lat, double Lon) from, (double Lat, double Lon) to, int perCircle)
    {
        var projection = new LocalProjection(centre.Lat, centre.Lon);
        var (e1, n1) = projection.Forward(from.Lat, from.Lon);
        var (e2, n2) = projection.Forward(to.Lat, to.Lon);
        var radius = Math.Sqrt((e1 * e1) + (n1 * n1));
        var b1 = Math.Atan2(e1, n1) * 180 / Math.PI;
        var b2 = Math.Atan2(e2, n2) * 180 / Math.PI;
        var start = a.Points.Count;
        Arc(a, centre, radius, b1, b2, a.Clockwise, perCircle);
        // The arc's ends are the stated coordinates exactly (the second radius may differ slightly).
        a.Points[start] = from;
        a.Points[^1] = to;
    }

    private static double Normalize(double degrees)
    {
        var d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }

    private static double ParseNumber(string s) =>
        double.Parse(s.Trim().TrimEnd('N', 'M', 'n', 'm').Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>"52:31:00 N 013:23:00 E", "52:31.5N 13:23.2E" or decimal degrees with hemisphere letters.</summary>
    internal static (double Lat, double Lon) ParseCoordinate(string s)
    {
        var m = CoordinatePattern().Match(s);
        if (!m.Success)
        {
            throw new FormatException($"'{s.Trim()}' is not an OpenAir coordinate");
        }

        var lat = Sexagesimal(m.Groups[1].Value) * (m.Groups[2].Value is "S" or "s" ? -1 : 1);
        var lon = Sexagesimal(m.Groups[3].Value) * (m.Groups[4].Value is "W" or "w" ? -1 : 1);
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            throw new FormatException($"'{s.Trim()}' is out of range");
        }

        return (lat, lon);
    }

    private static double Sexagesimal(string s)
    {
        var parts = s.Split(':');
        var value = 0.0;
        var scale = 1.0;
        foreach (var p in parts)
        {
            var v = double.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (scale < 1 && v >= 60)
            {
                throw new FormatException($"minutes or seconds {v} ≥ 60");
            }

            value += v * scale;
            scale /= 60;
        }

        return value;
    }

    [GeneratedRegex(@"([0-9]+(?::[0-9]+(?:\.[0-9]+)?){0,2}(?:\.[0-9]+)?)\s*([NSns])\s*,?\s*([0-9]+(?::[0-9]+(?:\.[0-9]+)?){0,2}(?:\.[0-9]+)?)\s*([EWew])")]
    private static partial Regex CoordinatePattern();

    private sealed class Airspace(string airspaceClass, string location)
    {
        public string Class { get; } = airspaceClass;
        public string Location { get; } = location;
        public string? Name { get; set; }
        public string? Lower { get; set; }
        public string? Upper { get; set; }
        public (double Lat, double Lon)? Centre { get; set; }
        public bool Clockwise { get; set; } = true;
        public bool Broken { get; set; }
        public List<(double Lat, double Lon)> Points { get; } = [];
    }
}
