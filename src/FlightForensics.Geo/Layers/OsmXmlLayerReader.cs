using System.Globalization;
using System.Xml;
using FlightForensics.Geo.Model;

namespace FlightForensics.Geo.Layers;

/// <summary>OpenStreetMap XML (API 0.6, also Overpass XML), plain or bzip2-compressed, read as a stream.</summary>
internal static class OsmXmlLayerReader
{
    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options, bool bzip2, CancellationToken cancellationToken)
    {
        var builder = new LayerBuilder(file.FileName, options);
        var osm = new OsmAssembler(builder);
        using var raw = file.OpenRead();
        using Stream input = bzip2 ? new CappedStream(new MultiStreamBZip2Stream(raw), options.MaxDecompressedBytes, file.FileName) : raw;
        try
        {
            Parse(input, osm, builder, cancellationToken);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or EndOfStreamException)
        {
            builder.Diagnose(LayerDiagnosticKind.Damaged, "", $"reading stopped: {ex.Message}; objects read before are kept");
        }

        osm.Finish();
        return builder.Build(file, bzip2 ? "osm-xml-bz2" : "osm-xml", InfrastructureLayer.OsmAttribution);
    }

    private static void Parse(Stream input, OsmAssembler osm, LayerBuilder builder, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(input, SafeXml.Settings);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var refs = new List<long>();
        var members = new List<(char, long, string)>();
        string? element = null;
        long id = 0;
        double lat = double.NaN, lon = double.NaN;
        var count = 0L;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "node" or "way" or "relation":
                        if ((++count & 0xFFFF) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                        }

                        element = reader.LocalName;
                        id = long.Parse(reader.GetAttribute("id") ?? throw new FormatException($"{element} without id"), CultureInfo.InvariantCulture);
                        lat = ParseDouble(reader.GetAttribute("lat"));
                        lon = ParseDouble(reader.GetAttribute("lon"));
                        tags = new Dictionary<string, string>(StringComparer.Ordinal);
                        refs.Clear();
                        members = [];
                        if (reader.IsEmptyElement)
                        {
                            Emit();
                        }

                        break;
                    case "tag" when element is not null:
                        var k = reader.GetAttribute("k");
                        if (k is not null)
                        {
                            tags[k] = reader.GetAttribute("v") ?? "";
                        }

                        break;
                    case "nd" when element == "way":
                        if (long.TryParse(reader.GetAttribute("ref"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r))
                        {
                            refs.Add(r);
                        }

                        break;
                    case "member" when element == "relation":
                        var type = reader.GetAttribute("type") ?? "";
                        if (long.TryParse(reader.GetAttribute("ref"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
                        {
                            members.Add((type.Length > 0 ? type[0] : '?', m, reader.GetAttribute("role") ?? ""));
                        }

                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == element)
            {
                Emit();
            }
        }

        builder.Count("xmlObjects", count);

        void Emit()
        {
            switch (element)
            {
                case "node":
                    osm.AddNode(id, lat, lon, tags.Count > 0 ? tags : null);
                    break;
                case "way":
                    osm.AddWay(id, [.. refs], tags.Count > 0 ? tags : null);
                    break;
                case "relation":
                    osm.AddRelation(id, members, tags.Count > 0 ? tags : null);
                    break;
            }

            element = null;
        }
    }

    private static double ParseDouble(string? s) =>
        s is not null && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
