using System.Globalization;
using FlightForensics.Application.Workflows;
using FlightForensics.Core.Model;
using FlightForensics.Geo;
using FlightForensics.Geo.Model;
using FlightForensics.Reporting.Exports;
using Spectre.Console;

namespace FlightForensics.Cli;

/// <summary>
/// Human summaries (stderr) of the verbs whose machine form is JSON: <c>inspect</c>, <c>layers</c>, <c>extract</c>.
/// JSON is written only with <c>--json</c> (issue #24 §3: a person running the verb should not read JSON).
/// </summary>
public static class HumanTables
{
    /// <summary>Record types listed before the rest are summed into one line.</summary>
    private const int MaxRecordRows = 25;

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static void WriteInspect(TextWriter writer, FlightLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var console = HumanOutput.ConsoleFor(writer);
        var head = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        head.AddRow("file", HumanOutput.Escape(log.Evidence.FileName));
        head.AddRow("sha256", log.Evidence.Sha256);
        head.AddRow("format", HumanOutput.Escape(log.FormatVersion is null ? log.FormatId : $"{log.FormatId} (version {log.FormatVersion})"));
        head.AddRow("samples", Count(log.Summary.Count));
        head.AddRow("events", Count(log.Events.Count));
        head.AddRow("attachments", Count(log.Attachments.Count));
        head.AddRow("damage", HumanOutput.Escape(HumanOutput.DamageLine(log.Damage)));
        foreach (var (group, counters) in log.FormatCounters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            head.AddRow(HumanOutput.Escape(group), HumanOutput.Escape(string.Join(", ", counters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {Count(kv.Value)}"))));
        }

        console.Write(head);
        var byCount = log.RecordCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var records = new Table().Border(TableBorder.Rounded).AddColumn("record type").AddColumn(new TableColumn("valid records").RightAligned());
        foreach (var (name, count) in byCount.Take(MaxRecordRows))
        {
            records.AddRow(HumanOutput.Escape(name), Count(count));
        }

        if (byCount.Count > MaxRecordRows)
        {
            records.AddRow($"{Count(byCount.Count - MaxRecordRows)} more types", Count(byCount.Skip(MaxRecordRows).Sum(kv => (long)kv.Value)));
        }

        console.Write(records);
        HumanOutput.WriteFirstDiagnostics(console, log, 10);
    }

    public static void WriteLayers(TextWriter writer, LayerSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var console = HumanOutput.ConsoleFor(writer);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        table.AddRow("file", HumanOutput.Escape(s.File));
        table.AddRow("bytes", Count(s.Bytes));
        table.AddRow("sha256", s.Sha256);
        table.AddRow("format", HumanOutput.Escape(s.Format));
        table.AddRow("features", Count(s.Features));
        foreach (var (category, n) in s.ByCategory.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            table.AddRow($"  {HumanOutput.Escape(category)}", Count(n));
        }

        if (s.Bounds is { } b)
        {
            table.AddRow("bounds", $"{NumberFormat.Coordinate(b.MinLatitude)},{NumberFormat.Coordinate(b.MinLongitude)} .. {NumberFormat.Coordinate(b.MaxLatitude)},{NumberFormat.Coordinate(b.MaxLongitude)}");
        }

        if (s.Truncated is not null)
        {
            table.AddRow("[red]NOT READ TO ITS END[/]", HumanOutput.Escape(s.Truncated));
        }

        if (s.SkippedObjects > 0)
        {
            table.AddRow("skipped objects", Count(s.SkippedObjects));
        }

        foreach (var c in s.Companions)
        {
            table.AddRow($"companion {HumanOutput.Escape(c.FileName)}", c.Sha256);
        }

        if (s.Attribution is not null)
        {
            table.AddRow("attribution", HumanOutput.Escape(s.Attribution));
        }

        console.Write(table);
        foreach (var d in s.Diagnostics.Take(10))
        {
            console.MarkupLine($"[yellow]{d.Kind.ToName()}[/] at {HumanOutput.Escape(d.Location)}: {HumanOutput.Escape(d.Message)}");
        }

        if (s.Diagnostics.Count > 10)
        {
            console.MarkupLine($"... and {Count(s.Diagnostics.Count - 10)} more diagnostics (layers --json lists them)");
        }
    }

    public static void WriteExtract(TextWriter writer, ExtractResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        var console = HumanOutput.ConsoleFor(writer);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("file").AddColumn("type").AddColumn(new TableColumn("offset").RightAligned()).AddColumn(new TableColumn("bytes").RightAligned()).AddColumn("sha256");
        foreach (var x in result.Extracted)
        {
            table.AddRow(HumanOutput.Escape(x.Name), HumanOutput.Escape(x.MediaType), x.Offset.ToString(CultureInfo.InvariantCulture), Count(x.Length), x.Sha256);
        }

        if (result.Extracted.Count > 0)
        {
            console.Write(table);
        }

        console.MarkupLine(HumanOutput.Escape($"extracted {result.Extracted.Count} of {result.Attachments} attachment(s) from {result.FileName} ({result.Sha256}) into {folder}"));
    }
}
