using System.Text.Json;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Tamper;

/// <summary>One injected edit: what was done to which copy, and when (UTC, on the original's clock).</summary>
/// <param name="File">The edited copy's file name.</param>
/// <param name="Original">The sample it was made from.</param>
/// <param name="Edit">delete, shift, offset, reorder or splice.</param>
/// <param name="StartUnixSeconds">Start of the edited stretch (the cut for a splice; the first sample for whole-file edits).</param>
/// <param name="EndUnixSeconds">End of the edited stretch.</param>
/// <param name="Amount">Seconds deleted or shifted, metres offset, seconds per reordered block; 0 for a splice.</param>
/// <param name="Detail">Anything else, in words (bearing, the second flight of a splice).</param>
public sealed record InjectedEdit(string File, string Original, string Edit, double StartUnixSeconds, double EndUnixSeconds, double Amount, string Detail)
{
    public static void WriteJson(Stream stream, IEnumerable<InjectedEdit> edits)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartArray("edits");
        foreach (var e in edits)
        {
            w.WriteStartObject();
            w.WriteString("file", e.File);
            w.WriteString("original", e.Original);
            w.WriteString("edit", e.Edit);
            w.WriteString("startUtc", Utc(e.StartUnixSeconds));
            w.WriteString("endUtc", Utc(e.EndUnixSeconds));
            w.WriteNumber("amount", Math.Round(e.Amount, 3));
            w.WriteString("detail", e.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Utc(double unixSeconds) => NumberFormat.Utc(DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(unixSeconds * 1e7)));
}
