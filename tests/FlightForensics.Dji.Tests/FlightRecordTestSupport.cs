using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Dji;
using FlightForensics.Dji.FlightRecord;

namespace FlightForensics.Dji.Tests;

/// <summary>Helpers shared by the flight-record tests: decoding files and bytes, reading reference CSVs.</summary>
internal static class FlightRecordTestSupport
{
    public static FlightLog DecodeFile(string path, DecodeOptions? options = null)
    {
        var registry = new FormatRegistry();
        foreach (var decoder in DjiDecoders.All)
        {
            registry.Add(decoder);
        }

        return new FlightLogReader(registry).Read(path, options);
    }

    /// <summary>Decodes bytes with the flight-record decoder directly (no detection).</summary>
    public static FlightLogBuilder DecodeBytes(byte[] bytes, DecodeOptions? options = null, FlightRecordDecoderOptions? decoderOptions = null)
    {
        var sink = new FlightLogBuilder(options);
        using var stream = new MemoryStream(bytes, writable: false);
        new DjiFlightRecordDecoder(decoderOptions).Decode(stream, sink, options ?? DecodeOptions.Default);
        return sink;
    }

    public static string ReferencePath(string name) => FlightForensics.TestSupport.Samples.Require("dji", "reference", name);

    public static string SamplePath(string name) => FlightForensics.TestSupport.Samples.Require("dji", "txt", name);

    /// <summary>Rows of a simple CSV (no quoted commas in the columns used), keyed by header name.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path, int skipLines = 0)
    {
        var lines = File.ReadAllLines(path).Skip(skipLines).ToList();
        var header = lines[0].Split(',');
        var rows = new List<Dictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < header.Length && i < cells.Length; i++)
            {
                row[header[i]] = cells[i];
            }

            rows.Add(row);
        }

        return rows;
    }

    public static double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>Record counts keyed by numeric type id (names mapped back through the decoder's table).</summary>
    public static Dictionary<string, long> CountsById(IReadOnlyDictionary<string, long> counts)
    {
        var byId = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int id = 0; id < 256; id++)
        {
            if (counts.TryGetValue(FlightRecordType.Name((byte)id), out long n))
            {
                byId[id.ToString(CultureInfo.InvariantCulture)] = n;
            }
        }

        return byId;
    }
}
