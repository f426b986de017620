using FlightForensics.Core.Evidence;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FlightForensics.Geo;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting.Exports;
using Spectre.Console;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>check FILE --infra LAYER ... [--buffer-m N] [--json]</c>: overflights, close approaches and camera captures.</summary>
public static class CheckVerb
{
    public static Option<string[]> InfraOption(bool required) => new("--infra")
    {
        Description = "Infrastructure layer file (GeoJSON, KML/KMZ, OSM XML/PBF, Overpass JSON, Shapefile, OpenAir, WKT/CSV). Repeatable.",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var infra = InfraOption(required: true);
        var buffer = new Option<double?>("--buffer-m") { Description = "Close-approach distance in metres for every feature (default: per category, from the taxonomy)." };
        var json = new Option<bool>("--json") { Description = "The check JSON on stdout." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON to a file instead of stdout." };
        var media = new MediaOptions();
        var command = new Command("check", "Overflights, close approaches and camera captures of infrastructure.");
        common.AddTo(command);
        media.AddTo(command);
        command.Options.Add(infra);
        command.Options.Add(buffer);
        command.Options.Add(json);
        command.Options.Add(output);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var options = common.ToDecodeOptions(parse);
            var layerPaths = parse.GetValue(infra) ?? [];
            double? bufferM = parse.GetValue(buffer);
            if (bufferM is double b && (!double.IsFinite(b) || b < 0))
            {
                throw new CliUsageException("--buffer-m must be a non-negative number of metres");
            }

            var outPath = parse.GetValue(output);
            var guard = EvidenceGuard.For([path, .. layerPaths, .. media.Paths(parse), parse.GetValue(common.Keychains)]);
            OutputPlan.Ensure(guard, (outPath, "output"));
            var (log, layers) = AnalysisFactory.ReadLogAndLayers(context, path, options, layerPaths);
            var checkOptions = media.Apply(new CheckOptions { BufferMetersOverride = bufferM }, parse, context, options, out var loader);
            var result = InfrastructureCheck.Run(log, layers, checkOptions);
            if (loader is { SkippedInFolders: > 0 } l)
            {
                result = result with { Notes = [.. result.Notes, $"--media folders: {l.SkippedInFolders} file(s) that are neither DJI subtitles nor photos were skipped"] };
            }

            if (parse.GetValue(json) || outPath is not null)
            {
                using var target = OutputTarget.Open(context, outPath, guard);
                using (var w = new Utf8JsonWriter(target.Stream, JsonParts.WriterOptions(indented: true)))
                {
                    GeoJsonOutput.WriteCheck(w, result, checkOptions);
                }

                target.Stream.WriteByte((byte)'\n');
                target.Commit();
            }

            WriteHuman(context, result);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A terminal table of 100,000 findings helps no one and costs seconds to render; the JSON has them all.</summary>
    private const int MaxTableRows = 50;

    private static void WriteHuman(CliContext context, CheckResult result)
    {
        var console = HumanOutput.ConsoleFor(context.Stderr);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("finding", "feature", "category", "when (UTC)", "detail");
        foreach (var o in result.Overflights)
        {
            if (table.Rows.Count >= MaxTableRows)
            {
                break;
            }

            table.AddRow("overflight", Markup.Escape(o.Feature.Name ?? o.Feature.FeatureId), o.Feature.Category,
                o.EntryUtc is { } t ? NumberFormat.Utc(t) : "", Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"{o.DurationSeconds:0.0} s, min {o.MinHeightAboveTakeoffMeters:0.0} m above takeoff")));
        }

        foreach (var c in result.Captures)
        {
            if (table.Rows.Count >= MaxTableRows)
            {
                break;
            }

            table.AddRow($"capture ({c.Kind})", Markup.Escape(c.Feature.Name ?? c.Feature.FeatureId), c.Feature.Category,
                c.Utc is { } t ? NumberFormat.Utc(t) : "", string.Create(CultureInfo.InvariantCulture, $"slant range {c.SlantRangeMeters:0} m"));
        }

        foreach (var m in result.Media)
        {
            table.AddRow(m.Matched ? "media matched" : "media not matched", Markup.Escape(m.File), m.Format,
                m.FirstUtc is { } t ? NumberFormat.Utc(t) : "", Markup.Escape(m.Matched
                    ? string.Create(CultureInfo.InvariantCulture, $"clock offset {m.ClockOffsetSeconds:+0.0;-0.0;0} s ({m.OffsetSource}), residual {m.ResidualMeters:0.00} m, {m.Frames} frame(s)")
                    : m.Reason));
        }

        foreach (var p in result.Proximity)
        {
            if (table.Rows.Count >= MaxTableRows)
            {
                break;
            }

            table.AddRow("close approach", Markup.Escape(p.Feature.Name ?? p.Feature.FeatureId), p.Feature.Category,
                p.AtUtc is { } t ? NumberFormat.Utc(t) : "", string.Create(CultureInfo.InvariantCulture, $"{p.ClosestApproachMeters:0} m (buffer {p.BufferMeters:0} m)"));
        }

        console.MarkupLine(Markup.Escape($"{result.Flight.File}: {result.Overflights.Count} overflight(s), {result.Captures.Count} camera capture(s), {result.Proximity.Count} close approach(es)"
            + (result.Media.Count > 0 ? $", {result.Media.Count(m => m.Matched)} of {result.Media.Count} media file(s) matched" : "")));
        if (table.Rows.Count > 0)
        {
            console.Write(table);
        }

        int notShown = result.Overflights.Count + result.Captures.Count + result.Proximity.Count - table.Rows.Count;
        if (notShown > 0)
        {
            console.MarkupLine(Markup.Escape($"... and {notShown} more finding(s): the table shows the first {MaxTableRows}; --json or report gives all of them"));
        }

        foreach (var note in result.Notes)
        {
            console.MarkupLine($"[grey]note:[/] {Markup.Escape(note)}");
        }
    }
}
