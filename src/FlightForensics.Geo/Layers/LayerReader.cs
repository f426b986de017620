using System.Security.Cryptography;
using System.Text;
using FlightForensics.Core.Evidence;
using FlightForensics.Geo.Model;

namespace FlightForensics.Geo.Layers;

/// <summary>A layer file as opened: name, size, SHA-256 and the first bytes for format detection.</summary>
public sealed record LayerFile
{
    public required string FileName { get; init; }
    public required string FullPath { get; init; }
    public required long Bytes { get; init; }
    public required string Sha256 { get; init; }
    public required byte[] Head { get; init; }
    public IReadOnlyList<CompanionFile> Companions { get; init; } = [];

    public FileStream OpenRead() => EvidenceFile.OpenRead(FullPath);

    public static LayerFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new LayerUnreadableException($"{path}: is a directory, not a layer file");
        }

        if (!File.Exists(path))
        {
            throw new LayerUnreadableException($"{path}: no such file");
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length == 0)
            {
                throw new LayerUnreadableException($"{path}: file is empty");
            }

            using var stream = EvidenceFile.OpenRead(path);
            var head = new byte[(int)Math.Min(info.Length, 8192)];
            stream.ReadExactly(head);
            stream.Position = 0;
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            return new LayerFile { FileName = info.Name, FullPath = info.FullName, Bytes = info.Length, Sha256 = sha, Head = head };
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new LayerUnreadableException($"{path}: permission denied", ex);
        }
        catch (IOException ex)
        {
            throw new LayerUnreadableException($"{path}: {ex.Message}", ex);
        }
    }
}

/// <summary>The layer cannot be used (missing, empty, unknown or broken beyond use): the CLI exits with 2.</summary>
public sealed class LayerUnreadableException : FlightLogException
{
    public LayerUnreadableException() { }
    public LayerUnreadableException(string message) : base(message) { }
    public LayerUnreadableException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Opens an infrastructure layer of any supported format, detected from its content (never its name):
/// GeoJSON, KML, KMZ, OSM XML (plain or bzip2), OSM PBF, Overpass JSON, ESRI Shapefile, OpenAir, WKT, CSV,
/// ArduPilot fence lists, and drone-zone feeds (ED-269, ED-318, FAA UAS facility maps: JSON told apart once parsed;
/// AIXM 5.1 by its root element).
/// </summary>
public static class LayerReader
{
    public static InfrastructureLayer Read(string path, LayerReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= LayerReadOptions.Default;
        var file = LayerFile.Open(path);
        var format = Detect(file.Head);
        try
        {
            return format switch
            {
                "geojson" or "overpass-json" => JsonLayerReader.Read(file, options, cancellationToken),
                "kml" => KmlLayerReader.Read(file, options, compressed: false),
                "kmz" => KmlLayerReader.Read(file, options, compressed: true),
                "osm-xml" => OsmXmlLayerReader.Read(file, options, bzip2: false, cancellationToken),
                "osm-xml-bz2" => OsmXmlLayerReader.Read(file, options, bzip2: true, cancellationToken),
                "osm-pbf" => OsmPbfLayerReader.Read(file, options, cancellationToken),
                "shapefile" => ShapefileLayerReader.Read(file, options),
                "openair" => OpenAirLayerReader.Read(file, options),
                AixmLayerReader.Format => AixmLayerReader.Read(file, options, cancellationToken),
                "wkt" or "csv" or "ardupilot-fence" => TextLayerReader.Read(file, options, format),
                _ => throw new LayerUnreadableException($"{file.FileName}: not a recognised layer format (first bytes {Convert.ToHexString(file.Head.AsSpan(0, Math.Min(8, file.Head.Length)))})"),
            };
        }
        catch (LayerUnreadableException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or System.Xml.XmlException or System.Text.Json.JsonException or ArgumentException or OverflowException)
        {
            throw new LayerUnreadableException($"{file.FileName}: {format} layer could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>The layer format id from the first bytes of a file; null when none fits.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' && head[2] == 3 && head[3] == 4)
        {
            return "kmz";
        }

        if (head.Length >= 4 && head[0] == (byte)'B' && head[1] == (byte)'Z' && head[2] == (byte)'h' && head[3] is >= (byte)'1' and <= (byte)'9')
        {
            return "osm-xml-bz2";
        }

        if (head.Length >= 100 && head[0] == 0 && head[1] == 0 && head[2] == 0x27 && head[3] == 0x0A)
        {
            return "shapefile"; // file code 9994, big-endian (ESRI Shapefile Technical Description, 1998)
        }

        if (head.Length >= 16 && head[0] == 0 && head[1] == 0 && head.IndexOf("OSMHeader"u8) is > 4 and < 16)
        {
            return "osm-pbf";
        }

        var text = SkipBomAndSpace(head);
        if (text.Length == 0)
        {
            return null;
        }

        if (text[0] is (byte)'{' or (byte)'[')
        {
            return text.IndexOf("\"elements\""u8) >= 0 && text.IndexOf("\"type\": \"FeatureCollection\""u8) < 0 && text.IndexOf("\"FeatureCollection\""u8) < 0
                ? "overpass-json"
                : "geojson";
        }

        if (text[0] == (byte)'<')
        {
            var s = Encoding.UTF8.GetString(text[..Math.Min(text.Length, 4096)]);
            var root = FirstElementName(s);
            return root switch
            {
                "kml" => "kml",
                "osm" or "osmChange" => "osm-xml",
                "AIXMBasicMessage" => AixmLayerReader.Format,
                _ => null,
            };
        }

        var textHead = Encoding.Latin1.GetString(text[..Math.Min(text.Length, 8192)]);
        return TextLayerReader.Detect(textHead);
    }

    private static ReadOnlySpan<byte> SkipBomAndSpace(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        var i = 0;
        while (i < head.Length && head[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return head[i..];
    }

    /// <summary>The first element's local name, past the XML declaration, comments and any DOCTYPE.</summary>
    private static string? FirstElementName(string s)
    {
        var i = 0;
        while ((i = s.IndexOf('<', i)) >= 0 && i + 1 < s.Length)
        {
            var c = s[i + 1];
            if (c is '?' or '!')
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < s.Length && !char.IsWhiteSpace(s[end]) && s[end] is not '>' and not '/')
            {
                end++;
            }

            var name = s[(i + 1)..end];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? name[(colon + 1)..] : name;
        }

        return null;
    }
}
