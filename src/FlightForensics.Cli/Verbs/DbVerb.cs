using System.CommandLine;
using System.Text.Json;
using FlightForensics.Core.Evidence;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Postgis;
using FlightForensics.Application.Batch;
using FlightForensics.Geo;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>db ingest</c> and <c>db check</c>: the fleet-scale path on PostgreSQL/PostGIS (docs/postgis.md). Thin: the
/// work is in FlightForensics.Postgis.
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
            var layerPaths = parse.GetValue(infra) ?? [];
            var paths = parse.GetValue(inputs) ?? [];
            if (layerPaths.Length == 0 && paths.Length == 0)
            {
                throw new UsageException("nothing to ingest: give evidence files or folders, or --infra layers");
            }

            await using var store = await PostgisStore.OpenAsync(parse.GetValue(connection)!, ct).ConfigureAwait(false);
            int layersAdded = 0, layersPresent = 0, added = 0, present = 0, skipped = 0;
            foreach (var layerPath in layerPaths)
            {
                var file = LayerFile.Open(layerPath);
                if (await store.HasLayerAsync(file.Sha256, ct).ConfigureAwait(false))
                {
                    layersPresent++;
                    continue;
                }

                var layer = LayerReader.Read(layerPath, LayerReadOptions.Default, ct);
                if (await PostgisIngest.IngestLayerAsync(store, layer, ct).ConfigureAwait(false) == IngestOutcome.Added)
                {
                    layersAdded++;
                }
                else
                {
                    layersPresent++;
                }
            }

            string? firstFailure = null;
            foreach (var path in paths)
            {
                var fromFolder = Directory.Exists(path);
                foreach (var file in fromFolder ? BatchProcessor.FindInputs(path) : [path])
                {
                    ct.ThrowIfCancellationRequested();
                    try
                    {
                        var evidence = EvidenceFile.Open(file);
                        if (await store.HasFlightAsync(evidence.Sha256, ct).ConfigureAwait(false))
                        {
                            present++;
                            continue;
                        }

                        var log = context.Reader.Read(file, new Core.Decoding.DecodeOptions(), ct);
                        if (await PostgisIngest.IngestFlightAsync(store, log, cancellationToken: ct).ConfigureAwait(false) == IngestOutcome.Added)
                        {
                            added++;
                        }
                        else
                        {
                            present++;
                        }
                    }
                    catch (PostgisException)
                    {
                        // The database failed: stop, and say exactly what is and is not stored.
                        context.Stderr.WriteLine($"db ingest: stopped at {file}: {added} flight(s) added before it; it and the files after it are not stored");
                        throw;
                    }
                    catch (FlightLogException ex)
                    {
                        // One unusable file never stops the ingest; a named file that fails makes the exit code 2.
                        skipped++;
                        context.Stderr.WriteLine($"db ingest: skipped {file}: {ex.Message}");
                        if (!fromFolder)
                        {
                            firstFailure ??= ex.Message;
                        }
                    }
                }
            }

            context.Stderr.WriteLine($"db ingest: {added} flight(s) added, {present} already present, {skipped} file(s) skipped; {layersAdded} layer(s) added, {layersPresent} already present");
            return firstFailure is null ? ExitCodes.Success : ExitCodes.InputError;
        }).ConfigureAwait(false));
        return command;
    }

    private static Command CreateCheck(CliContext context)
    {
        var connection = ConnectionOption();
        var buffer = new Option<double?>("--buffer-m") { Description = "Close-approach distance in metres for every feature (default: per category, from the taxonomy)." };
        var json = new Option<bool>("--json") { Description = "{ \"flights\": [ <check JSON per flight> ] } on stdout." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON to a file instead of stdout." };
        var command = new Command("check", "Overflights and close approaches of every ingested flight, computed in SQL; findings are stored.") { connection, buffer, json, output };
        command.SetAction(async (parse, ct) => await context.GuardAsync(async () =>
        {
            double? bufferM = parse.GetValue(buffer);
            if (bufferM is double b && (!double.IsFinite(b) || b < 0))
            {
                throw new UsageException("--buffer-m must be a non-negative number of metres");
            }

            await using var store = await PostgisStore.OpenAsync(parse.GetValue(connection)!, ct).ConfigureAwait(false);
            var checkOptions = new CheckOptions { BufferMetersOverride = bufferM };
            var results = await PostgisCheck.RunAsync(store, checkOptions, ct).ConfigureAwait(false);
            var outPath = parse.GetValue(output);
            if (parse.GetValue(json) || outPath is not null)
            {
                using var target = OutputTarget.Open(context, outPath);
                using (var w = new Utf8JsonWriter(target.Stream, JsonParts.WriterOptions(indented: true)))
                {
                    w.WriteStartObject();
                    w.WritePropertyName("flights");
                    w.WriteStartArray();
                    foreach (var r in results)
                    {
                        GeoJsonOutput.WriteCheck(w, r.Result, checkOptions);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                target.Stream.WriteByte((byte)'\n');
                target.Commit();
            }

            context.Stderr.WriteLine($"db check: {results.Count} flight(s), {results.Sum(r => r.Result.Overflights.Count)} overflight(s), {results.Sum(r => r.Result.Proximity.Count)} close approach(es)");
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }
}
