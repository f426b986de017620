using FlightForensics.Application.Batch;
using FlightForensics.Core.Decoding;
using FlightForensics.Geo.Analysis;

namespace FlightForensics.Application.Workflows;

/// <summary>A batch's settings: the evidence folder, the output folder, the layers to check every flight against.</summary>
public sealed record BatchWorkflowOptions
{
    public required string InputDirectory { get; init; }
    public required string OutputDirectory { get; init; }
    public IReadOnlyList<string> LayerPaths { get; init; } = [];

    /// <summary>Close-approach distance for every feature; null: per category.</summary>
    public double? BufferMeters { get; init; }

    public int Jobs { get; init; } = Environment.ProcessorCount;
    public bool WriteSamplesCsv { get; init; } = true;

    /// <summary>Damaged files are reported as unreadable instead of decoded with diagnostics.</summary>
    public bool Strict { get; init; }

    /// <inheritdoc cref="BatchOptions.OutputInsideEvidence"/>
    public bool OutputInsideEvidence { get; init; }
}

/// <summary>
/// Every log under a folder (see <see cref="BatchProcessor"/>). <see cref="Prepare"/> reads the layers once; the run
/// then checks every flight against them.
/// </summary>
public sealed class BatchWorkflow
{
    private readonly BatchProcessor _processor;
    private readonly BatchOptions _options;

    private BatchWorkflow(BatchProcessor processor, BatchOptions options)
    {
        _processor = processor;
        _options = options;
    }

    /// <summary>Each file's result as it completes (from worker threads).</summary>
    public event Action<BatchFileResult>? FileCompleted
    {
        add => _processor.FileCompleted += value;
        remove => _processor.FileCompleted -= value;
    }

    /// <summary>Reads the layers (no analysis without them).</summary>
    public static BatchWorkflow Prepare(FlightLogReader reader, BatchWorkflowOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        IFlightAnalysis? analysis = options.LayerPaths.Count == 0
            ? null
            : new InfrastructureAnalysis(PreparedCase.ReadLayers(options.LayerPaths, cancellationToken), new CheckOptions { BufferMetersOverride = options.BufferMeters });
        return new BatchWorkflow(new BatchProcessor(reader, analysis), new BatchOptions
        {
            InputDirectory = options.InputDirectory,
            OutputDirectory = options.OutputDirectory,
            Jobs = Math.Max(1, options.Jobs),
            WriteSamplesCsv = options.WriteSamplesCsv,
            Decode = new DecodeOptions { Strict = options.Strict },
            OutputInsideEvidence = options.OutputInsideEvidence,
            OtherInputs = options.LayerPaths,
        });
    }

    /// <summary>The files the run will look at (for a progress bar).</summary>
    public int CountInputs() => BatchProcessor.FindInputs(_options.InputDirectory).Count;

    public Task<IReadOnlyList<BatchFileResult>> RunAsync(CancellationToken cancellationToken = default) => _processor.RunAsync(_options, cancellationToken);

    /// <summary>The one-line account of a finished run.</summary>
    public string Describe(IReadOnlyList<BatchFileResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var byStatus = string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
        int resumed = results.Count(r => r.Resumed);
        if (results.Count == 0)
        {
            return $"batch: no logs found in {_options.InputDirectory} (no files under it); an empty summary is in {Path.Combine(_options.OutputDirectory, "summary.csv")}";
        }

        return $"batch: {results.Count} files ({byStatus}); {resumed} taken from an earlier run; summary in {Path.Combine(_options.OutputDirectory, "summary.csv")}";
    }
}
