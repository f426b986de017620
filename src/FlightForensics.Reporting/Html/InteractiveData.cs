using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Html;

/// <summary>The ff-data JSON island the report's script reads: tile settings, the map data and the chart data.</summary>
internal static class InteractiveData
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    /// <summary>The JSON the script reads; JavaScriptEncoder.Default escapes &lt; &gt; &amp; ' so it cannot close its script element.</summary>
    public static string Build(FlightLog log, FlightSeries series, IReadOnlyList<ReportFeature> features, IReadOnlyList<ReportFinding> findings, ReportOptions options)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, s_json))
        {
            j.WriteStartObject();
            if (options.TileUrl is not null)
            {
                j.WriteString("tileUrl", options.TileUrl);
                j.WriteString("tileAttribution", options.TileAttribution ?? "");
            }

            j.WriteBoolean("osm", features.Any(f => f.IsOpenStreetMap));
            MapDataWriter.Write(j, log, series, features, findings, options);
            ChartDataWriter.Write(j, log, series, findings);
            j.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
