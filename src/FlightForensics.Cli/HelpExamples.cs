using System.CommandLine;
using System.CommandLine.Help;

namespace FlightForensics.Cli;

/// <summary>
/// What `--help` adds after the generated text: the exit codes and three examples at the root, one example per verb
/// (issue #24 §3). Kept beside the verbs' registration so that a new verb gets its example in the same change.
/// </summary>
public static class HelpExamples
{
    private static readonly Dictionary<string, string> s_verbExamples = new(StringComparer.Ordinal)
    {
        ["info"] = "flightforensics info FLIGHT.txt                 # a table on stderr; --json for JSON on stdout",
        ["inspect"] = "flightforensics inspect FLIGHT.tlog --json      # record counts by type, damage counters, diagnostics",
        ["decode"] = "flightforensics decode FLIGHT.tlog -o track.csv  # also --format json|geojson|kml|gpx; writes track.csv.provenance.json",
        ["extract"] = "flightforensics extract FLIGHT.txt -o pictures/  # each carved file with its byte range and SHA-256",
        ["check"] = "flightforensics check FLIGHT.txt --infra town.geojson --json > findings.json",
        ["layers"] = "flightforensics layers substations.shp           # features by category, bounds, SHA-256",
        ["plot"] = "flightforensics plot FLIGHT.txt --infra town.geojson -o map.svg   # and map-profile.svg",
        ["report"] = "flightforensics report FLIGHT.txt --infra town.geojson -o report.html",
        ["listen"] = "flightforensics listen udp://0.0.0.0:14550 --infra town.geojson --tlog live.tlog",
        ["batch"] = "flightforensics batch seized-card/ --infra town.geojson -o results/ --jobs 2",
        ["db"] = "flightforensics db ingest --connection \"$CS\" --infra grid.osm.pbf cases/",
        ["ingest"] = "flightforensics db ingest --connection \"$CS\" --infra grid.osm.pbf cases/",
        ["check-db"] = "flightforensics db check --connection \"$CS\" --json > findings.json",
        ["verify"] = "flightforensics verify app.txt FLY012.DAT clip.SRT --json",
    };

    private const string RootText = """
        Exit codes:
          0  success (damage recovered from is reported, not fatal)
          1  usage error, or an output refused (it would replace evidence) or not writable
          2  input unreadable or unsupported, or damaged with --strict

        Examples:
          flightforensics info FLIGHT.txt
          flightforensics check FLIGHT.txt --infra town.geojson --json > findings.json
          flightforensics report FLIGHT.txt --infra town.geojson --media photos/ -o report.html
        """;

    /// <summary>The text to print after the generated help of <paramref name="parse"/>, or null when it did not ask for help.</summary>
    public static string? For(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Action is not HelpAction)
        {
            return null;
        }

        var command = parse.CommandResult.Command;
        if (!command.Parents.Any())
        {
            return RootText;
        }

        var key = command.Name == "check" && command.Parents.OfType<Command>().Any(p => p.Name == "db") ? "check-db" : command.Name;
        return s_verbExamples.TryGetValue(key, out var example) ? $"Example:{Environment.NewLine}  {example}{Environment.NewLine}" : null;
    }
}
