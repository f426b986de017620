using System.CommandLine;
using FlightForensics.Application.Provenance;
using FlightForensics.Application.Workflows;
using FlightForensics.Core.Evidence;
using FlightForensics.Reporting;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>report FILE --infra LAYER ... -o OUT.html|OUT.pdf</c>: the self-contained evidence report (offline HTML;
/// PDF by printing it with headless Chromium, Debian package chromium).
/// </summary>
public static class ReportVerb
{
    public static Command Create(CliContext context)
    {
        var arguments = new CaseArguments(infraRequired: false, bufferDefaultText: "per category");
        var output = new Option<string>("--output", "-o") { Description = "Report file: .html, or .pdf (needs chromium).", Required = true };
        var tiles = new Option<string?>("--tile-url") { Description = "Optional base-map tile URL template for readers who are online (the report makes no request without it)." };
        var noJs = new Option<bool>("--static") { Description = "No interactive map and chart (SVG only)." };
        var corroborate = new Option<string[]>("--corroborate")
        {
            Description = "Another evidence file of the same flight (log, subtitles, Remote ID capture; repeatable): adds the \"Can it be trusted?\" section.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("report", "The evidence report: one self-contained HTML file (or PDF).");
        arguments.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(tiles);
        command.Options.Add(noJs);
        command.Options.Add(corroborate);
        command.SetAction(parse => context.Guard(() =>
        {
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            if (!ReportWorkflow.IsReportPath(outPath))
            {
                throw new UsageException("-o must end in .html or .pdf");
            }

            var options = new ReportWorkflowOptions
            {
                Case = arguments.ToCaseOptions(parse),
                OutputPath = outPath,
                TileUrl = parse.GetValue(tiles),
                Static = parse.GetValue(noJs),
                CorroboratePaths = parse.GetValue(corroborate) ?? [],
            };
            OutputPlan.Ensure(EvidenceGuard.For([.. options.Case.InputPaths(), .. options.CorroboratePaths]), (outPath, "report"), (ProvenanceWriter.PathFor(outPath), "provenance manifest"));
            var outcome = new ReportWorkflow(context.Reader).Run(options);
            if (!outcome.Written.Success)
            {
                context.Stderr.WriteLine($"flightforensics: {outcome.Written.Message}");
                return ExitCodes.InputError;
            }

            var findings = outcome.Findings;
            context.Stderr.WriteLine($"report: {outPath}");
            context.Stderr.WriteLine($"found: {findings.Count(f => f.Kind == FindingKind.Overflight)} overflight(s), {findings.Count(f => f.Kind == FindingKind.Capture)} camera capture(s), {findings.Count(f => f.Kind == FindingKind.Proximity)} close approach(es)"
                + (findings.Count > 0 ? " - " + string.Join("; ", findings.Where(f => f.Kind != FindingKind.Proximity)
                    .GroupBy(f => (f.Kind, f.FeatureName)).Select(g => $"{g.Key.Kind.ToString().ToLowerInvariant()} of {Reporting.Text.TerminalText.Safe(g.Key.FeatureName)}")) : ""));
            return ExitCodes.Success;
        }));
        return command;
    }
}
