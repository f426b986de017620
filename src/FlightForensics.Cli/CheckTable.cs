using System.Globalization;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting.Exports;
using Spectre.Console;

namespace FlightForensics.Cli;

/// <summary>The check's findings as a terminal table on stderr (the JSON on stdout carries them all).</summary>
internal static class CheckTable
{
    /// <summary>A terminal table of 100,000 findings helps no one and costs seconds to render; the JSON has them all.</summary>
    private const int MaxTableRows = 50;

    public static void Write(CliContext context, CheckResult result)
    {
        var console = HumanOutput.ConsoleFor(context.Stderr);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("finding", "feature", "category", "when (UTC)", "detail");
        foreach (var o in result.Overflights)
        {
            if (table.Rows.Count >= MaxTableRows)
            {
                break;
            }

            table.AddRow("overflight", HumanOutput.Escape(o.Feature.Name ?? o.Feature.FeatureId), o.Feature.Category,
                o.EntryUtc is { } t ? NumberFormat.Utc(t) : "", HumanOutput.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{o.DurationSeconds:0.0} s, min {o.MinHeightAboveTakeoffMeters:0.0} m above takeoff")));
        }

        foreach (var a in result.Airspace)
        {
            if (table.Rows.Count >= MaxTableRows)
            {
                break;
            }

            table.AddRow($"zone ({a.Verdict})", HumanOutput.Escape(a.Feature.Name ?? a.Feature.FeatureId), a.Restriction,
                a.EntryUtc is { } t ? NumberFormat.Utc(t) : "", HumanOutput.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{a.DurationSeconds:0.0} s, band {a.LowerPublished} – {a.UpperPublished}, flown {a.FlightMinMeters:0.0}–{a.FlightMaxMeters:0.0} m {a.FlightReference}, margin {a.VerticalMarginMeters:0.0} m")));
        }

        foreach (var c in result.Captures)
        {
            if (table.Rows.Count >= MaxTableRows)
            {
                break;
            }

            table.AddRow($"capture ({c.Kind})", HumanOutput.Escape(c.Feature.Name ?? c.Feature.FeatureId), c.Feature.Category,
                c.Utc is { } t ? NumberFormat.Utc(t) : "", string.Create(CultureInfo.InvariantCulture, $"slant range {c.SlantRangeMeters:0} m"));
        }

        foreach (var m in result.Media)
        {
            table.AddRow(m.Matched ? "media matched" : "media not matched", HumanOutput.Escape(m.File), m.Format,
                m.FirstUtc is { } t ? NumberFormat.Utc(t) : "", HumanOutput.Escape(m.Matched
                    ? string.Create(CultureInfo.InvariantCulture, $"clock offset {m.ClockOffsetSeconds:+0.0;-0.0;0} s ({m.OffsetSource}), residual {m.ResidualMeters:0.00} m, {m.Frames} frame(s)")
                    : m.Reason));
        }

        foreach (var p in result.Proximity)
        {
            if (table.Rows.Count >= MaxTableRows)
            {
                break;
            }

            table.AddRow("close approach", HumanOutput.Escape(p.Feature.Name ?? p.Feature.FeatureId), p.Feature.Category,
                p.AtUtc is { } t ? NumberFormat.Utc(t) : "", string.Create(CultureInfo.InvariantCulture, $"{p.ClosestApproachMeters:0} m (buffer {p.BufferMeters:0} m{(p.DurationSeconds is double d ? $", within it {d:0.0} s" : "")})"));
        }

        console.MarkupLine(HumanOutput.Escape($"{result.Flight.File}: {result.Overflights.Count} overflight(s), {result.Captures.Count} camera capture(s), {result.Proximity.Count} close approach(es)"
            + (result.Airspace.Count > 0 ? $", {result.Airspace.Count} drone-zone stay(s) ({result.Airspace.Count(a => a.Verdict is "inside")} inside, {result.Airspace.Count(a => a.Verdict is "above" or "below")} outside the band, {result.Airspace.Count(a => a.Verdict is "unknown")} unknown)" : "")
            + (result.Media.Count > 0 ? $", {result.Media.Count(m => m.Matched)} of {result.Media.Count} media file(s) matched" : "")));
        if (table.Rows.Count > 0)
        {
            console.Write(table);
        }

        int notShown = result.Overflights.Count + result.Airspace.Count + result.Captures.Count + result.Proximity.Count + result.Media.Count - table.Rows.Count;
        if (notShown > 0)
        {
            console.MarkupLine(HumanOutput.Escape($"... and {notShown} more finding(s): the table shows the first {MaxTableRows}; --json or report gives all of them"));
        }

        foreach (var note in result.Notes)
        {
            console.MarkupLine($"[grey]note:[/] {HumanOutput.Escape(note)}");
        }
    }
}
