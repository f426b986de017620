using System.CommandLine;
using FlightForensics.Application.Workflows;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>extract FILE -o DIR [--json]</c>: carves the images and attachments a decoder located inside a log, by offset
/// and length, into DIR, and lists each one's SHA-256 and where it lay in the evidence (the manifest as JSON with --json).
/// </summary>
public static class ExtractVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--output", "-o") { Description = "Folder for the extracted files (created if missing).", Required = true };
        var json = new Option<bool>("--json") { Description = "The manifest (each file's name, type, byte range and SHA-256) as JSON on stdout." };
        var command = new Command("extract", "Embedded images and attachments carried inside a log, each with its SHA-256.");
        common.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var options = common.ToDecodeOptions(parse);
            var result = new ExtractWorkflow(context.Reader).Run(path, options, outDir);
            if (parse.GetValue(json))
            {
                OutputTarget.WriteJson(context, null, null, w => ExtractWorkflow.WriteManifest(w, result));
            }

            HumanTables.WriteExtract(context.Stderr, result, outDir);
            return ExitCodes.Success;
        }));
        return command;
    }
}
