using System.CommandLine;
using FlightForensics.Application.Workflows;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>extract FILE -o DIR</c>: carves the images and attachments a decoder located inside a log, by offset
/// and length, into DIR, and prints a manifest with each one's SHA-256 and where it lay in the evidence.
/// </summary>
public static class ExtractVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--output", "-o") { Description = "Folder for the extracted files (created if missing).", Required = true };
        var command = new Command("extract", "Embedded images and attachments carried inside a log, each with its SHA-256.");
        common.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var options = common.ToDecodeOptions(parse);
            using var target = OutputTarget.Open(context, null);
            var (fileName, count) = new ExtractWorkflow(context.Reader).Run(path, options, outDir, target.Stream);
            target.Commit();
            context.Stderr.WriteLine($"extracted {count} attachment(s) from {fileName} into {outDir}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
