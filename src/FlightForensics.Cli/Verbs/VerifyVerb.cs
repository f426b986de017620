using System.CommandLine;
using System.Text;
using System.Text.Json;
using FlightForensics.Application.Workflows;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>verify FILE [FILE ...] [--json] [--aircraft ID] [-o OUT]</c>: can the track be trusted (docs/verify.md). Runs
/// <see cref="VerifyWorkflow"/>, prints the result. Exit 0 whatever it finds; 2 for unreadable input.
/// </summary>
public static class VerifyVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var files = new Argument<string[]>("FILE") { Description = "Evidence files believed to describe one flight (any mix of formats).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Machine-readable JSON (contract: verify --json)." };
        var output = new Option<string?>("--output", "-o") { Description = "Output file (default: JSON on stdout, text on stderr)." };
        var command = new Command("verify", "Can the track be trusted: gaps, edits, clock and GNSS problems within each file, agreement across files.");
        command.Arguments.Add(files);
        command.Options.Add(common.Strict);
        command.Options.Add(common.Keychains);
        command.Options.Add(common.SigningKey);
        command.Options.Add(json);
        command.Options.Add(common.Aircraft);
        command.Options.Add(output);
        command.SetAction(parse => context.Guard(() =>
        {
            var paths = parse.GetValue(files)!;
            // --aircraft selects one aircraft of a Remote ID capture; without it a capture is one source per aircraft.
            var options = common.ToDecodeOptions(parse);
            var result = new VerifyWorkflow(context.Reader).Run(paths, options);
            var outPath = parse.GetValue(output);
            if (!parse.GetValue(json) && outPath is null)
            {
                context.Stderr.Write(VerifyOutput.ToText(result));
                return ExitCodes.Success;
            }

            using var target = OutputTarget.Open(context, outPath, Core.Evidence.EvidenceGuard.For(paths));
            if (parse.GetValue(json))
            {
                using (var w = new Utf8JsonWriter(target.Stream, JsonParts.WriterOptions(indented: true)))
                {
                    VerifyOutput.WriteJson(w, result);
                }

                target.Stream.WriteByte((byte)'\n');
            }
            else
            {
                target.Stream.Write(Encoding.UTF8.GetBytes(VerifyOutput.ToText(result)));
            }

            target.Commit();
            return ExitCodes.Success;
        }));
        return command;
    }
}
