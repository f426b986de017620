using System.CommandLine;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>inspect FILE [--json]</c>: the low-level view (record counts, damage counters, diagnostics).</summary>
public static class InspectVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "JSON on stdout; without it a summary for people on stderr." };
        var limit = new Option<int>("--max-diagnostics") { Description = "How many diagnostics to list.", DefaultValueFactory = _ => 200 };
        var command = new Command("inspect", "Counts of valid records by type, damage counters and the first diagnostics.");
        common.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(limit);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var options = common.ToDecodeOptions(parse);
            var log = context.Reader.ReadSummary(path, options);
            if (parse.GetValue(json))
            {
                OutputTarget.WriteJson(context, null, null, w => EvidenceJson.WriteInspect(w, log, Math.Max(0, parse.GetValue(limit))));
            }
            else
            {
                HumanTables.WriteInspect(context.Stderr, log);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
