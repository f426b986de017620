using System.Text.Json;
using FlightForensics.Application.Batch;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Postgis;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Application.Workflows;

/// <summary>What an ingest stored, and the first named file that could not be used (null when none).</summary>
public sealed record DbIngestOutcome(int FlightsAdded, int FlightsPresent, int FilesSkipped, int LayersAdded, int LayersPresent, string? FirstFailure)
{
    public string Describe() =>
        $"db ingest: {FlightsAdded} flight(s) added, {FlightsPresent} already present, {FilesSkipped} file(s) skipped; {LayersAdded} layer(s) added, {LayersPresent} already present";
}

/// <summary>
/// The fleet-scale path on PostgreSQL/PostGIS (docs/postgis.md): load flights and layers (one transaction each,
/// idempotent by SHA-256), and run the check in SQL. The work is in FlightForensics.Postgis; this is the flow.
/// </summary>
public sealed class DbWorkflow(FlightLogReader reader)
{
    /// <param name="connectionString">Npgsql connection string.</param>
    /// <param name="layerPaths">Infrastructure layer files.</param>
    /// <param name="paths">Evidence files or folders (searched recursively).</param>
    /// <param name="messages">Where each skipped file and a stop are reported (stderr).</param>
    /// <param name="cancellationToken">Stops between files.</param>
    public async Task<DbIngestOutcome> IngestAsync(string connectionString, IReadOnlyList<string> layerPaths, IReadOnlyList<string> paths, TextWriter messages,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layerPaths);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(messages);
        if (layerPaths.Count == 0 && paths.Count == 0)
        {
            throw new UsageException("nothing to ingest: give evidence files or folders, or --infra layers");
        }

        await using var store = await PostgisStore.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var (layersAdded, layersPresent) = await IngestLayersAsync(store, layerPaths, cancellationToken).ConfigureAwait(false);
        int added = 0, present = 0, skipped = 0;
        string? firstFailure = null;
        foreach (var path in paths)
        {
            var fromFolder = Directory.Exists(path);
            foreach (var file in fromFolder ? BatchProcessor.FindInputs(path) : [path])
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var evidence = EvidenceFile.Open(file);
                    if (await store.HasFlightAsync(evidence.Sha256, cancellationToken).ConfigureAwait(false))
                    {
                        present++;
                        continue;
                    }

                    var log = reader.Read(file, new DecodeOptions(), cancellationToken);
                    if (await PostgisIngest.IngestFlightAsync(store, log, cancellationToken: cancellationToken).ConfigureAwait(false) == IngestOutcome.Added)
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
                    messages.WriteLine($"db ingest: stopped at {file}: {added} flight(s) added before it; it and the files after it are not stored");
                    throw;
                }
                catch (FlightLogException ex)
                {
                    // One unusable file never stops the ingest; a named file that fails is the outcome's failure.
                    skipped++;
                    messages.WriteLine($"db ingest: skipped {file}: {ex.Message}");
                    if (!fromFolder)
                    {
                        firstFailure ??= ex.Message;
                    }
                }
            }
        }

        return new DbIngestOutcome(added, present, skipped, layersAdded, layersPresent, firstFailure);
    }

    private static async Task<(int Added, int Present)> IngestLayersAsync(PostgisStore store, IReadOnlyList<string> layerPaths, CancellationToken cancellationToken)
    {
        int added = 0, present = 0;
        foreach (var layerPath in layerPaths)
        {
            var file = LayerFile.Open(layerPath);
            if (await store.HasLayerAsync(file.Sha256, cancellationToken).ConfigureAwait(false))
            {
                present++;
                continue;
            }

            var layer = LayerReader.Read(layerPath, LayerReadOptions.Default, cancellationToken);
            if (await PostgisIngest.IngestLayerAsync(store, layer, cancellationToken).ConfigureAwait(false) == IngestOutcome.Added)
            {
                added++;
            }
            else
            {
                present++;
            }
        }

        return (added, present);
    }

    /// <summary>The check of every ingested flight, computed in SQL (findings are stored).</summary>
    public static async Task<(IReadOnlyList<DatabaseCheckResult> Results, CheckOptions Options)> CheckAsync(string connectionString, double? bufferMeters,
        CancellationToken cancellationToken = default)
    {
        CheckWorkflow.ValidateBuffer(bufferMeters);
        await using var store = await PostgisStore.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        var options = new CheckOptions { BufferMetersOverride = bufferMeters };
        return (await PostgisCheck.RunAsync(store, options, cancellationToken).ConfigureAwait(false), options);
    }

    /// <summary><c>{ "flights": [ &lt;check JSON per flight&gt; ] }</c>, indented, followed by one newline.</summary>
    public static void WriteJson(Stream output, IReadOnlyList<DatabaseCheckResult> results, CheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        using (var w = new Utf8JsonWriter(output, JsonParts.WriterOptions(indented: true)))
        {
            w.WriteStartObject();
            w.WritePropertyName("flights");
            w.WriteStartArray();
            foreach (var r in results)
            {
                CheckJson.WriteCheck(w, r.Result, options);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>The one-line account of a database check.</summary>
    public static string Describe(IReadOnlyList<DatabaseCheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return $"db check: {results.Count} flight(s), {results.Sum(r => r.Result.Overflights.Count)} overflight(s), {results.Sum(r => r.Result.Proximity.Count)} close approach(es)";
    }
}
