using System.Text;
using System.Text.Json;
using FlightForensics.Verification.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The contract's <c>verify --json</c> (sources, alignment, agreement, findings, summary) and a short text for people.
/// Numbers go through <see cref="JsonParts"/> and <see cref="NumberFormat"/> like every other output.
/// </summary>
public static class VerifyOutput
{
    public static void WriteJson(Utf8JsonWriter w, VerifyResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        w.WriteStartArray("sources");
        foreach (var s in result.Sources)
        {
            w.WriteStartObject();
            w.WriteString("file", s.File);
            w.WriteString("sha256", s.Sha256);
            w.WriteString("format", s.Format);
            Time(w, "startUtc", s.StartUtc);
            Time(w, "endUtc", s.EndUtc);
            w.WriteNumber("samples", s.Samples);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("alignment");
        foreach (var a in result.Alignment)
        {
            w.WriteStartObject();
            w.WriteString("source", a.Source);
            JsonParts.WriteNumberOrNull(w, "clockOffsetS", a.ClockOffsetSeconds, 3);
            w.WriteString("method", a.Method);
            JsonParts.WriteNumberOrNull(w, "confidence", a.Confidence, 3);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("agreement");
        foreach (var p in result.Agreement)
        {
            w.WriteStartObject();
            w.WriteString("a", p.A);
            w.WriteString("b", p.B);
            JsonParts.WriteNumberOrNull(w, "overlapS", p.OverlapSeconds, 3);
            JsonParts.WriteNumberOrNull(w, "medianHorizontalM", p.MedianHorizontalMeters, 3);
            JsonParts.WriteNumberOrNull(w, "p95HorizontalM", p.P95HorizontalMeters, 3);
            JsonParts.WriteNumberOrNull(w, "medianVerticalM", p.MedianVerticalMeters, 3);
            JsonParts.WriteNumberOrNull(w, "p95VerticalM", p.P95VerticalMeters, 3);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var f in result.Findings)
        {
            WriteFinding(w, f);
        }

        w.WriteEndArray();
        w.WriteString("summary", result.Summary);
        w.WriteString("tool", JsonParts.ToolString);
        w.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter w, Finding f)
    {
        w.WriteStartObject();
        w.WriteString("kind", f.Kind);
        w.WriteString("severity", f.Severity.ToName());
        Time(w, "startUtc", f.StartUtc);
        Time(w, "endUtc", f.EndUtc);
        w.WriteStartArray("sources");
        foreach (var s in f.Sources)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteStartObject("evidence");
        foreach (var e in f.Evidence)
        {
            if (e.Text is not null)
            {
                w.WriteString(e.Name, e.Text);
            }
            else
            {
                JsonParts.WriteNumberOrNull(w, e.Name, e.Number, 6);
            }
        }

        w.WriteEndObject();
        w.WriteStartArray("sourceOffsets");
        foreach (var offset in f.SourceOffsets)
        {
            w.WriteNumberValue(offset);
        }

        w.WriteEndArray();
        w.WriteString("explanation", f.Explanation);
        w.WriteEndObject();
    }

    /// <summary>A few lines per source and finding, for a terminal.</summary>
    public static string ToText(VerifyResult result, int maxFindings = 40)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        foreach (var s in result.Sources)
        {
            sb.Append("source  ").Append(s.File).Append("  ").Append(s.Format).Append("  ")
              .Append(Utc(s.StartUtc)).Append(" .. ").Append(Utc(s.EndUtc)).Append("  ").Append(NumberFormat.Integer(s.Samples)).AppendLine(" samples");
        }

        foreach (var a in result.Alignment)
        {
            sb.Append("clock   ").Append(a.Source).Append("  offset ")
              .Append(a.ClockOffsetSeconds is double o ? NumberFormat.Seconds(o) + " s" : "unknown")
              .Append("  confidence ").Append(NumberFormat.Measure(a.Confidence)).Append("  (").Append(a.Method).AppendLine(")");
        }

        foreach (var p in result.Agreement)
        {
            sb.Append("agree   ").Append(p.A).Append(" ~ ").Append(p.B).Append("  overlap ").Append(NumberFormat.Measure(p.OverlapSeconds))
              .Append(" s  horizontal median ").Append(Measure(p.MedianHorizontalMeters)).Append(" m, p95 ").Append(Measure(p.P95HorizontalMeters))
              .Append(" m  vertical median ").Append(Measure(p.MedianVerticalMeters)).Append(" m, p95 ").Append(Measure(p.P95VerticalMeters)).AppendLine(" m");
        }

        var shown = result.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.StartUtc ?? DateTimeOffset.MaxValue).Take(maxFindings).ToList();
        foreach (var f in shown)
        {
            sb.Append(f.Severity.ToName().ToUpperInvariant().PadRight(7)).Append(' ').Append(f.Kind).Append("  ")
              .Append(Utc(f.StartUtc)).Append(f.EndUtc != f.StartUtc ? " .. " + Utc(f.EndUtc) : "").Append("  ")
              .AppendLine(string.Join(", ", f.Sources));
            sb.Append("        ").AppendLine(f.Explanation);
        }

        if (result.Findings.Count > shown.Count)
        {
            sb.Append("        (").Append(NumberFormat.Integer(result.Findings.Count - shown.Count)).AppendLine(" more findings in --json)");
        }

        sb.AppendLine(result.Summary);
        return sb.ToString();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? value) =>
        JsonParts.WriteStringOrNull(w, name, value is DateTimeOffset t ? NumberFormat.Utc(t) : null);

    private static string Utc(DateTimeOffset? value) => value is DateTimeOffset t ? NumberFormat.Utc(t) : "(no UTC)";

    private static string Measure(double? value) => value is double v ? NumberFormat.Measure(Math.Round(v, 2)) : "-";
}
