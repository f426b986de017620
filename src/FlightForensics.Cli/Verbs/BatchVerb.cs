using System.CommandLine;
using FlightForensics.Reporting.Batch;
using Spectre.Console;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>batch DIR --infra LAYER ... -o OUTDIR [--jobs N]</c>: every log under a folder, in parallel, one result per
/// file and a summary; one bad file never stops the batch; a second run resumes by SHA-256.
/// </summary>
public static class BatchVerb
{
    public static Command Create(CliContext context)
    {
        var dir = new Argument<string>("DIR") { Description = "Folder of evidence (searched recursively; formats detected from content)." };
        var infra = CheckVerb.InfraOption(required: false);
        var buffer = new Option<double?>("--buffer-m") { Description = "Close-approach distance in metres for every feature (default: per category)." };
        var output = new Option<string>("--output", "-o") { Description = "Output folder (results/ per SHA-256, summary.csv, summary.json).", Required = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files processed in parallel.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noCsv = new Option<bool>("--no-samples-csv") { Description = "Do not write the per-file samples CSV." };
        var strict = new Option<bool>("--strict") { Description = "Damaged files are reported as unreadable instead of decoded with diagnostics." };
        var inside = new Option<bool>("--output-inside-evidence")
        {
            Description = "Allow an output folder equal to, inside or containing DIR (its results/ are then skipped as input); a summary already there is never replaced.",
        };
        var command = new Command("batch", "Every log in a folder: one result per file and a summary; one bad file never stops the batch.")
        {
            dir, infra, buffer, output, jobs, noCsv, strict, inside,
        };
        command.SetAction(async (parse, ct) => await context.GuardAsync(async () =>
        {
            var inputDir = parse.GetValue(dir)!;
            var outDir = parse.GetValue(output)!;
            var layers = parse.GetValue(infra) ?? [];
            var analysis = AnalysisFactory.Create(layers, parse.GetValue(buffer));
            var processor = new BatchProcessor(context.Reader, analysis);
            var options = new BatchOptions
            {
                InputDirectory = inputDir,
                OutputDirectory = outDir,
                Jobs = Math.Max(1, parse.GetValue(jobs)),
                WriteSamplesCsv = !parse.GetValue(noCsv),
                Decode = new Core.Decoding.DecodeOptions { Strict = parse.GetValue(strict) },
                OutputInsideEvidence = parse.GetValue(inside),
                OtherInputs = layers,
            };
            int total = BatchProcessor.FindInputs(inputDir).Count;
            IReadOnlyList<BatchFileResult> results;
            bool interactive = ReferenceEquals(context.Stderr, Console.Error) && !Console.IsErrorRedirected;
            if (interactive)
            {
                var console = HumanOutput.ConsoleFor(context.Stderr);
                results = await console.Progress().StartAsync(async progress =>
                {
                    var task = progress.AddTask("files", maxValue: total);
                    processor.FileCompleted += _ => task.Increment(1);
                    return await processor.RunAsync(options, ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                results = await processor.RunAsync(options, ct).ConfigureAwait(false);
            }

            var byStatus = string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
            int resumed = results.Count(r => r.Resumed);
            context.Stderr.WriteLine($"batch: {results.Count} files ({byStatus}); {resumed} taken from an earlier run; summary in {Path.Combine(outDir, "summary.csv")}");
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }
}
