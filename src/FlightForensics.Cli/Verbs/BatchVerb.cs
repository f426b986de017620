using System.CommandLine;
using FlightForensics.Application.Batch;
using FlightForensics.Application.Workflows;
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
        var infra = CaseArguments.InfraOption(required: false);
        var buffer = CaseArguments.BufferOption("per category");
        var output = new Option<string>("--output", "-o") { Description = "Output folder (results/ per SHA-256, summary.csv, summary.json).", Required = true };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Files processed in parallel (1 or more; default: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--jobs takes a whole number of 1 or more");
            }
        });
        var progress = new Option<string>("--progress")
        {
            Description = "Progress on stderr: bar (default on a terminal), lines (one line per finished file; default otherwise) or none.",
        };
        progress.AcceptOnlyFromAmong("none", "lines", "bar");
        var noCsv = new Option<bool>("--no-samples-csv") { Description = "Do not write the per-file samples CSV." };
        var strict = new Option<bool>("--strict") { Description = "Damaged files are reported as unreadable instead of decoded with diagnostics." };
        var inside = new Option<bool>("--output-inside-evidence")
        {
            Description = "Allow an output folder equal to, inside or containing DIR (its results/ are then skipped as input); a summary already there is never replaced.",
        };
        var command = new Command("batch", "Every log in a folder: one result per file and a summary; one bad file never stops the batch.")
        {
            dir, infra, buffer, output, jobs, noCsv, strict, inside, progress,
        };
        command.SetAction(async (parse, ct) => await context.GuardAsync(async () =>
        {
            var batch = BatchWorkflow.Prepare(context.Reader, new BatchWorkflowOptions
            {
                InputDirectory = parse.GetValue(dir)!,
                OutputDirectory = parse.GetValue(output)!,
                LayerPaths = parse.GetValue(infra) ?? [],
                BufferMeters = parse.GetValue(buffer),
                Jobs = parse.GetValue(jobs),
                WriteSamplesCsv = !parse.GetValue(noCsv),
                Strict = parse.GetValue(strict),
                OutputInsideEvidence = parse.GetValue(inside),
            }, ct);
            int total = batch.CountInputs();
            bool onTerminal = ReferenceEquals(context.Stderr, Console.Error) && !Console.IsErrorRedirected;
            var mode = parse.GetValue(progress) ?? (onTerminal ? "bar" : "lines");
            IReadOnlyList<BatchFileResult> results;
            if (mode == "bar" && onTerminal)
            {
                results = await HumanOutput.ConsoleFor(context.Stderr).Progress().StartAsync(async bar =>
                {
                    var task = bar.AddTask("files", maxValue: total);
                    batch.FileCompleted += _ => task.Increment(1);
                    return await batch.RunAsync(ct).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                if (mode != "none")
                {
                    // Off a terminal a bar is noise in a log file; one whole line per finished file is what a script can follow.
                    int done = 0;
                    var gate = new object();
                    batch.FileCompleted += r =>
                    {
                        lock (gate)
                        {
                            done++;
                            context.Stderr.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                                $"batch: [{done}/{total}] {r.Status} {Reporting.Text.TerminalText.Safe(r.RelativePath)}"));
                        }
                    };
                }

                results = await batch.RunAsync(ct).ConfigureAwait(false);
            }

            context.Stderr.WriteLine(batch.Describe(results));
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }
}
