using System.CommandLine;
using FlightForensics.Core.Evidence;
using FlightForensics.Application.Workflows;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>check FILE --infra LAYER ... [--buffer-m N] [--json]</c>: overflights, close approaches and camera captures.</summary>
public static class CheckVerb
{
    public static Command Create(CliContext context)
    {
        var arguments = new CaseArguments(infraRequired: true);
        var json = new Option<bool>("--json") { Description = "The check JSON on stdout." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON to a file instead of stdout." };
        var command = new Command("check", "Overflights, close approaches and camera captures of infrastructure.");
        arguments.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(output);
        command.SetAction(parse => context.Guard(() =>
        {
            var options = arguments.ToCaseOptions(parse);
            CheckWorkflow.ValidateBuffer(options.BufferMeters);
            var outPath = parse.GetValue(output);
            var guard = EvidenceGuard.For(options.InputPaths());
            OutputPlan.Ensure(guard, (outPath, "output"));
            var (prepared, result) = new CheckWorkflow(context.Reader).Run(options);
            if (parse.GetValue(json) || outPath is not null)
            {
                using var target = OutputTarget.Open(context, outPath, guard);
                CheckWorkflow.WriteJson(target.Stream, result, prepared.CheckOptions);
                target.Commit();
            }

            CheckTable.Write(context, result);
            return ExitCodes.Success;
        }));
        return command;
    }
}
