using System.Globalization;
using System.Text;
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
/// <remarks>
/// Lines are parsed as spans of the one text: strings are made only for what a feature keeps (class, name, limits)
/// and for diagnostics, so the memory a read costs is the text, the coordinates and the features.
/// </remarks>
internal static class OpenAirLayerReader
{
    private const double MetersPerNauticalMile = 1852;

    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options)
    {
        var builder = new LayerBuilder(file.FileName, options);
        var bytes = File.ReadAllBytes(file.FullPath);
        var chars = new char[256];
        Airspace? current = null;
        var lineNumber = 0;
        var airspaces = 0;
        var start = 0;
        while (start <= bytes.Length)
        {
            // One line at a time into a reused buffer: Latin-1 is one char per byte.
            var newline = bytes.AsSpan(start).IndexOf((byte)'\n');
            var end = newline < 0 ? bytes.Length : start + newline;
            if (chars.Length < end - start)
            {
                chars = new char[end - start];
            }

            var decoded = Encoding.Latin1.GetChars(bytes.AsSpan(start, end - start), chars);
            var line = chars.AsSpan(0, decoded).Trim();
            start = end + 1;
            lineNumber++;
            var comment = line.IndexOf('*');
            if (comment == 0 || line.Length == 0)
            {
                continue;
            }

            if (comment > 0 && !line.StartsWith("AN", StringComparison.Ordinal))
            {
                line = line[..comment].Trim();
            }

            var space = line.IndexOf(' ');
            var command = space < 0 ? line : line[..space];
            var arg = space < 0 ? [] : line[(space + 1)..].Trim();
            try
            {
                if (Is(command, "AC"))
                {
                    Flush(current, builder, options);
                    current = new Airspace(arg.ToString(), lineNumber);
                    airspaces++;
                }
                else if (Is(command, "DY"))
                {
                    builder.Diagnose(LayerDiagnosticKind.Ignored, Line(lineNumber), "airway (DY) segments are not read");
                }
                else if (current is not null)
                {
                    ReadAirspaceLine(current, command, arg, options);
                }
            }
            catch (FormatException ex)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, Line(lineNumber), $"{command.ToString().ToUpperInvariant()}: {ex.Message}");
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

    private static bool Is(ReadOnlySpan<char> command, string name) => command.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static string Line(int lineNumber) => string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}");

    private static void ReadAirspaceLine(Airspace current, ReadOnlySpan<char> command, ReadOnlySpan<char> arg, LayerReadOptions options)
    {
        if (Is(command, "AN"))
        {
            current.Name = arg.ToString();
        }
        else if (Is(command, "AL"))
        {
            current.Lower = arg.ToString();
        }
        else if (Is(command, "AH"))
        {
            current.Upper = arg.ToString();
        }
        else if (Is(command, "V"))
        {
            var eq = arg.IndexOf('=');
            var key = eq < 0 ? [] : arg[..eq].Trim();
            var value = eq < 0 ? [] : arg[(eq + 1)..].Trim();
            if (Is(key, "X"))
            {
                current.Centre = ParseCoordinate(value);
            }
            else if (Is(key, "D"))
            {
                current.Clockwise = !value.StartsWith('-');
            }
        }
        else if (Is(command, "DP"))
        {
            var (lat, lon) = ParseCoordinate(arg);
            current.Points.Add(new Coordinate(lon, lat));
        }
        else if (Is(command, "DC"))
        {
            var centre = current.Centre ?? throw new FormatException("DC before a V X= centre");
            Arc(current, centre, Radius(arg), 0, 360, clockwise: true, options.ArcMaxChordErrorMeters);
        }
        else if (Is(command, "DA"))
        {
            Span<Range> parts = stackalloc Range[4];
            if (arg.Split(parts, ',') != 3)
            {
                throw new FormatException("DA needs radius, start angle, end angle");
            }

            var centre = current.Centre ?? throw new FormatException("DA before a V X= centre");
            Arc(current, centre, Radius(arg[parts[0]]), Angle(arg[parts[1]]), Angle(arg[parts[2]]), current.Clockwise, options.ArcMaxChordErrorMeters);
        }
        else if (Is(command, "DB"))
        {
            Span<Range> ends = stackalloc Range[3];
            if (arg.Split(ends, ',') != 2)
            {
                throw new FormatException("DB needs two coordinates");
            }

            ArcBetween(current, current.Centre ?? throw new FormatException("DB before a V X= centre"),
                ParseCoordinate(arg[ends[0]]), ParseCoordinate(arg[ends[1]]), options.ArcMaxChordErrorMeters);
        }
    }

    private static void Flush(Airspace? a, LayerBuilder builder, LayerReadOptions options)
    {
        if (a is null)
        {
            return;
        }

        var location = $"{Line(a.LineNumber)} {a.Name}";
        if (a.Broken)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, "airspace dropped: one of its lines could not be read");
            return;
        }

        var tags = new Dictionary<string, string>(4, StringComparer.Ordinal) { ["class"] = a.Class };
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
        var ring = a.Points.Count >= 3 ? builder.Ring(a.Points, location) : null;
        if (ring is null)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, "airspace with fewer than 3 points");
            return;
        }

        builder.Add(a.Name, a.Name, classification, LayerBuilder.Factory.CreatePolygon(ring), tags, location, a.Lower, a.Upper);
    }

    // Densification (ArcPoints): never below 8 points per full circle, nor above 720 (beyond a radius of about
    // 105 km the chord error then exceeds 1 m).
    private static void Arc(Airspace a, (double Lat, double Lon) centre, double radiusMeters, double fromDegrees, double toDegrees, bool clockwise, double maxChordErrorMeters) =>
        ArcPoints.Append(a.Points, centre, radiusMeters, fromDegrees, toDegrees, clockwise, maxChordErrorMeters);

    private static void ArcBetween(Airspace a, (double Lat, double Lon) centre, (double Lat, double Lon) from, (double Lat, double Lon) to, double maxChordErrorMeters)
    {
        var projection = new LocalProjection(centre.Lat, centre.Lon);
        var (e1, n1) = projection.Forward(from.Lat, from.Lon);
        var (e2, n2) = projection.Forward(to.Lat, to.Lon);
        var radius = Math.Sqrt((e1 * e1) + (n1 * n1));
        var b1 = Math.Atan2(e1, n1) * 180 / Math.PI;
        var b2 = Math.Atan2(e2, n2) * 180 / Math.PI;
        var start = a.Points.Count;
        Arc(a, centre, radius, b1, b2, a.Clockwise, maxChordErrorMeters);
        // The arc's ends are the stated coordinates exactly (the second radius may differ slightly).
        a.Points[start] = new Coordinate(from.Lon, from.Lat);
        a.Points[^1] = new Coordinate(to.Lon, to.Lat);
    }

    private static double ParseNumber(ReadOnlySpan<char> s) =>
        double.Parse(s.Trim().TrimEnd("NMnm").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A radius in nautical miles, as metres; a negative, infinite or NaN radius is no distance.</summary>
    private static double Radius(ReadOnlySpan<char> s)
    {
        var nauticalMiles = ParseNumber(s);
        return double.IsFinite(nauticalMiles) && nauticalMiles >= 0
            ? nauticalMiles * MetersPerNauticalMile
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"radius {nauticalMiles} is not a distance"));
    }

    private static double Angle(ReadOnlySpan<char> s)
    {
        var degrees = ParseNumber(s);
        return double.IsFinite(degrees) ? degrees : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"angle {degrees} is not finite"));
    }

    internal static (double Lat, double Lon) ParseCoordinate(string s) => ParseCoordinate(s.AsSpan());

    /// <summary>"52:31:00 N 013:23:00 E", "52:31.5N 13:23.2E" or decimal degrees with hemisphere letters.</summary>
    internal static (double Lat, double Lon) ParseCoordinate(ReadOnlySpan<char> s)
    {
        for (var at = 0; at < s.Length; at++)
        {
            if (TryCoordinateAt(s, at, out var text))
            {
                var lat = Sexagesimal(s[text.Lat]) * (text.South ? -1 : 1);
                var lon = Sexagesimal(s[text.Lon]) * (text.West ? -1 : 1);
                if (lat is < -90 or > 90 || lon is < -180 or > 180)
                {
                    throw new FormatException($"'{s.Trim()}' is out of range");
                }

                return (lat, lon);
            }
        }

        throw new FormatException($"'{s.Trim()}' is not an OpenAir coordinate");
    }

    /// <summary>Where the two numbers of a coordinate are, and its hemispheres.</summary>
    private readonly record struct CoordinateText(Range Lat, Range Lon, bool South, bool West);

    /// <summary>
    /// The coordinate starting at <paramref name="at"/>: number, white space, N/S, white space, an optional comma,
    /// white space, number, white space, E/W. A number is digits with up to two ":digits" groups (each may carry
    /// ".digits") and an optional ".digits"; it must fill the whole run of [0-9:.] it starts, as nothing else may
    /// follow it. Scanning <paramref name="at"/> upwards finds the leftmost such text, the first match of the
    /// equivalent regular expression, without its allocations.
    /// </summary>
    private static bool TryCoordinateAt(ReadOnlySpan<char> s, int at, out CoordinateText text)
    {
        text = default;
        var i = at;
        if (!NumberAt(s, ref i, out var lat))
        {
            return false;
        }

        SkipSpace(s, ref i);
        if (i >= s.Length || s[i] is not ('N' or 'S' or 'n' or 's'))
        {
            return false;
        }

        var south = s[i++] is 'S' or 's';
        SkipSpace(s, ref i);
        if (i < s.Length && s[i] == ',')
        {
            i++;
        }

        SkipSpace(s, ref i);
        if (!NumberAt(s, ref i, out var lon))
        {
            return false;
        }

        SkipSpace(s, ref i);
        if (i >= s.Length || s[i] is not ('E' or 'W' or 'e' or 'w'))
        {
            return false;
        }

        text = new CoordinateText(lat, lon, south, s[i] is 'W' or 'w');
        return true;
    }

    private static bool NumberAt(ReadOnlySpan<char> s, ref int i, out Range run)
    {
        var start = i;
        var end = i;
        while (end < s.Length && (char.IsAsciiDigit(s[end]) || s[end] is ':' or '.'))
        {
            end++;
        }

        run = start..end;
        var number = s[run];
        var k = 0;
        if (!Digits(number, ref k))
        {
            return false;
        }

        for (var group = 0; group < 2 && k < number.Length && number[k] == ':'; group++)
        {
            k++;
            if (!Digits(number, ref k) || !OptionalFraction(number, ref k))
            {
                return false;
            }
        }

        if (!OptionalFraction(number, ref k) || k != number.Length)
        {
            return false;
        }

        i = end;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, ref int k)
    {
        var start = k;
        while (k < s.Length && char.IsAsciiDigit(s[k]))
        {
            k++;
        }

        return k > start;
    }

    private static bool OptionalFraction(ReadOnlySpan<char> s, ref int k)
    {
        if (k < s.Length && s[k] == '.')
        {
            k++;
            return Digits(s, ref k);
        }

        return true;
    }

    private static void SkipSpace(ReadOnlySpan<char> m, ref int i)
    {
        while (i < m.Length && char.IsWhiteSpace(m[i]))
        {
            i++;
        }
    }

    private static double Sexagesimal(ReadOnlySpan<char> s)
    {
        var value = 0.0;
        var scale = 1.0;
        foreach (var range in s.Split(':'))
        {
            var v = double.Parse(s[range], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (scale < 1 && v >= 60)
            {
                throw new FormatException($"minutes or seconds {v} ≥ 60");
            }

            value += v * scale;
            scale /= 60;
        }

        return value;
    }

    private sealed class Airspace(string airspaceClass, int lineNumber)
    {
        public string Class { get; } = airspaceClass;
        public int LineNumber { get; } = lineNumber;
        public string? Name { get; set; }
        public string? Lower { get; set; }
        public string? Upper { get; set; }
        public (double Lat, double Lon)? Centre { get; set; }
        public bool Clockwise { get; set; } = true;
        public bool Broken { get; set; }
        public List<Coordinate> Points { get; } = [];
    }
}
