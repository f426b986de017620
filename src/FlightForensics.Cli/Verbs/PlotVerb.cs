using System.CommandLine;
using FlightForensics.Application.Workflows;
using FlightForensics.Core.Evidence;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>plot FILE -o OUT.svg|OUT.png|OUT.pdf [--infra LAYER ...]</c>: the track map, and beside it OUT-profile.svg
/// (the altitude profile). SVG and PNG are drawn in-process by ScottPlot; PDF goes through Chromium.
/// </summary>
public static class PlotVerb
{
    public static Command Create(CliContext context)
    {
        var arguments = new CaseArguments(infraRequired: false, withMedia: false, withBuffer: false);
        var output = new Option<string>("--output", "-o") { Description = "Map file: .svg, .png or .pdf. The altitude profile is written beside it as NAME-profile.EXT.", Required = true };
        var command = new Command("plot", "Track map and altitude profile (SVG or PNG; PDF through Chromium).");
        arguments.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => context.Guard(() =>
        {
            var mapPath = Path.GetFullPath(parse.GetValue(output)!);
            if (!PlotWorkflow.IsPlotPath(mapPath))
            {
                throw new UsageException("-o must end in .svg, .png or .pdf");
            }

            var options = new PlotWorkflowOptions { Case = arguments.ToCaseOptions(parse), MapPath = mapPath };
            OutputPlan.Ensure(EvidenceGuard.For(options.Case.InputPaths()), (mapPath, "plot"), (options.ProfilePath, "altitude profile"));
            var outcome = new PlotWorkflow(context.Reader).Run(options);
            if (outcome.Profile is not { } profile)
            {
                context.Stderr.WriteLine($"flightforensics: {outcome.Map.Message}");
                return ExitCodes.InputError;
            }

            context.Stderr.WriteLine($"map: {mapPath}");
            context.Stderr.WriteLine(profile.Success ? $"profile: {options.ProfilePath}" : $"profile not written: {profile.Message}");
            return profile.Success ? ExitCodes.Success : ExitCodes.InputError;
        }));
        return command;
    }
}
