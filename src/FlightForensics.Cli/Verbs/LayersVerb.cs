using System.CommandLine;
using System.Text.Json;
using FlightForensics.Geo;
using FlightForensics.Geo.Layers;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>layers LAYER [--json]</c>: what an infrastructure file holds: features by category, bounds, SHA-256.</summary>
public static class LayersVerb
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("LAYER") { Description = "Infrastructure layer file (format detected from content)." };
        var json = new Option<bool>("--json") { Description = "JSON on stdout; without it a summary for people on stderr." };
        var category = new Option<string?>("--category") { Description = "Category for every feature that does not name its own." };
        var command = new Command("layers", "What an infrastructure file holds: features by category, bounds, SHA-256.") { file, json, category };
        command.SetAction(parse => context.Guard(() =>
        {
            var layer = LayerReader.Read(parse.GetValue(file)!, LayerReadOptions.Default with { DefaultCategory = parse.GetValue(category) });
            var summary = LayerSummary.Of(layer);
            if (!parse.GetValue(json))
            {
                HumanTables.WriteLayers(context.Stderr, summary);
                return ExitCodes.Success;
            }

            OutputTarget.WriteJson(context, null, null, w => CheckJson.WriteLayerSummary(w, summary));
            return ExitCodes.Success;
        }));
        return command;
    }
}
