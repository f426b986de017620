using FlightForensics.Core.Evidence;
using System.CommandLine;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting;
using FlightForensics.Reporting.Plots;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>plot FILE -o OUT.svg|OUT.png|OUT.pdf [--infra LAYER ...]</c>: the track map, and beside it OUT-profile.svg
/// (the altitude profile). PNG and PDF go through rsvg-convert (Debian package librsvg2-bin).
/// </summary>
public static class PlotVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var infra = CheckVerb.InfraOption(required: false);
        var output = new Option<string>("--output", "-o") { Description = "Map file: .svg, .png or .pdf. The altitude profile is written beside it as NAME-profile.EXT.", Required = true };
        var terrain = new MediaOptions(withMedia: false);
        var command = new Command("plot", "Track map and altitude profile (SVG; PNG/PDF through rsvg-convert).");
        common.AddTo(command);
        terrain.AddTo(command);
        command.Options.Add(infra);
        command.Options.Add(output);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var layerPaths = parse.GetValue(infra) ?? [];
            var mapPath = Path.GetFullPath(parse.GetValue(output)!);
            var ext = Path.GetExtension(mapPath).ToLowerInvariant();
            if (ext is not (".svg" or ".png" or ".pdf"))
            {
                throw new CliUsageException("-o must end in .svg, .png or .pdf");
            }

            var profilePath = ProfilePathFor(mapPath);
            var guard = EvidenceGuard.For([path, .. layerPaths, .. terrain.Paths(parse), parse.GetValue(common.Keychains)]);
            OutputPlan.Ensure(guard, (mapPath, "plot"), (profilePath, "altitude profile"));

            var decodeOptions = common.ToDecodeOptions(parse);
            var (log, layers) = AnalysisFactory.ReadLogAndLayers(context, path, decodeOptions, layerPaths);
            var checkOptions = terrain.Apply(CheckOptions.Default, parse, context, decodeOptions, out _);
            List<ReportFinding> findings = [];
            List<ReportFeature> features = [];
            if (layers.Count > 0)
            {
                var result = InfrastructureCheck.Run(log, layers, checkOptions);
                findings = GeoReportMapping.Findings(result);
                features = GeoReportMapping.FeaturesNear(layers, result, log.Summary.Bounds);
            }

            var map = PlotFiles.WriteMap(mapPath, log, features, findings);
            if (!map.Success)
            {
                context.Stderr.WriteLine($"flightforensics: {map.Message}");
                return ExitCodes.InputError;
            }

            var profile = PlotFiles.WriteProfile(profilePath, log, findings);
            context.Stderr.WriteLine($"map: {mapPath}");
            context.Stderr.WriteLine(profile.Success ? $"profile: {profilePath}" : $"profile not written: {profile.Message}");
            return profile.Success ? ExitCodes.Success : ExitCodes.InputError;
        }));
        return command;
    }

    /// <summary>The altitude profile's file beside the map: NAME-profile.EXT.</summary>
    public static string ProfilePathFor(string mapPath)
    {
        ArgumentNullException.ThrowIfNull(mapPath);
        return Path.Combine(Path.GetDirectoryName(mapPath)!, Path.GetFileNameWithoutExtension(mapPath) + "-profile" + Path.GetExtension(mapPath).ToLowerInvariant());
    }
}
