using System.CommandLine;
using FlightForensics.Application.Workflows;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>db ingest</c> and <c>db check</c>: the fleet-scale path on PostgreSQL/PostGIS (docs/postgis.md). Thin: the
/// flow is <see cref="DbWorkflow"/>, the work in FlightForensics.Postgis.
/// </summary>
public static class DbVerb
{
    public static Command Create(CliContext context)
    {
        var command = new Command("db", "Fleet scale on PostgreSQL/PostGIS: load flights and layers, run the check in SQL.");
        command.Subcommands.Add(CreateIngest(context));
        command.Subcommands.Add(CreateCheck(context));
        return command;
    }

    private static Option<string> ConnectionOption() => new("--connection")
    {
        Description = "Npgsql connection string, e.g. \"Host=127.0.0.1;Port=5432;Database=flights;Username=ff\" (password: PGPASSWORD or ~/.pgpass).",
        Required = true,
    };

    private static Command CreateIngest(CliContext context)
    {
        var connection = ConnectionOption();
        // One layer per --infra (repeat the option): several values per token would swallow the evidence paths.
        var infra = new Option<string[]>("--infra") { Description = "Infrastructure layer file to load (any format `check` reads). Repeatable." };
        var inputs = new Argument<string[]>("FILE|DIR") { Description = "Evidence files or folders (searched recursively).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ingest", "Load flights (one transaction each, idempotent by SHA-256) and infrastructure layers.") { connection, infra, inputs };
        command.SetAction(async (parse, ct) => await context.GuardAsync(async () =>
        {
            var outcome = await new DbWorkflow(context.Reader).IngestAsync(parse.GetValue(connection)!, parse.GetValue(infra) ?? [], parse.GetValue(inputs) ?? [],
                context.Stderr, ct).ConfigureAwait(false);
            context.Stderr.WriteLine(outcome.Describe());
            return outcome.FirstFailure is null ? ExitCodes.Success : ExitCodes.InputError;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command CreateCheck(CliContext context)
    {
        var buffer = CaseArguments.BufferOption();
        var json = new Option<bool>("--json") { Description = "{ \"flights\": [ <check JSON per flight> ] } on stdout." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON to a file instead of stdout." };
        var connection = ConnectionOption();
        var command = new Command("check", "Overflights and close approaches of every ingested flight, computed in SQL; findings are stored.") { connection, buffer, json, output };
        command.SetAction(async (parse, ct) => await context.GuardAsync(async () =>
        {
            var (results, options) = await DbWorkflow.CheckAsync(parse.GetValue(connection)!, parse.GetValue(buffer), ct).ConfigureAwait(false);
            var outPath = parse.GetValue(output);
            if (parse.GetValue(json) || outPath is not null)
            {
                using var target = OutputTarget.Open(context, outPath);
                DbWorkflow.WriteJson(target.Stream, results, options);
                target.Commit();
            }

            context.Stderr.WriteLine(DbWorkflow.Describe(results));
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }
}
