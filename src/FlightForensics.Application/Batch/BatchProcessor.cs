using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Reporting;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Application.Batch;

/// <summary>Settings of one batch run.</summary>
public sealed record BatchOptions
{
    public required string InputDirectory { get; init; }
    public required string OutputDirectory { get; init; }
    public int Jobs { get; init; } = Environment.ProcessorCount;
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Writes the per-file samples CSV (the default); off for summary-only runs.</summary>
    public bool WriteSamplesCsv { get; init; } = true;

    /// <summary>
    /// Allows an output folder equal to, inside or containing the input folder. Even then no file that existed
    /// before the run is replaced: the run stops before it starts if a summary file is already there.
    /// </summary>
    public bool OutputInsideEvidence { get; init; }

    /// <summary>Other inputs of the run (infrastructure layers), which no output may replace.</summary>
    public IReadOnlyList<string> OtherInputs { get; init; } = [];
}

/// <summary>
/// The analysis run per flight besides decoding (the infrastructure check). It writes its JSON to the stream
/// and returns findings counted by category for the summary.
/// </summary>
public interface IFlightAnalysis
{
    IReadOnlyDictionary<string, int> Analyse(FlightLog log, Stream jsonOutput, CancellationToken cancellationToken);
}

/// <summary>What happened to one input file.</summary>
public sealed record BatchFileResult
{
    public required string RelativePath { get; init; }
    public required long Bytes { get; init; }
    public string? Sha256 { get; init; }
    public string? Format { get; init; }
    public string? FormatVersion { get; init; }
    public string? VehicleSerial { get; init; }
    public string? VehicleModel { get; init; }
    public DateTimeOffset? StartUtc { get; init; }
    public double? DurationSeconds { get; init; }
    public long Samples { get; init; }
    public IReadOnlyDictionary<string, int> FindingsByCategory { get; init; } = new Dictionary<string, int>();
    public long CrcFailures { get; init; }
    public long Resyncs { get; init; }
    public long TruncatedBytes { get; init; }
    public long Diagnostics { get; init; }

    /// <summary>
    /// <c>ok</c>, <c>damaged</c> (decoded, with damage), <c>unsupported</c>, <c>unreadable</c>, <c>failed</c>, or
    /// <c>duplicate</c> (the same bytes as an earlier file in path order, which carries the result).
    /// </summary>
    public required string Status { get; init; }
    public string? Reason { get; init; }

    /// <summary>True when this run skipped the file because an earlier run had its result.</summary>
    public bool Resumed { get; init; }
}

/// <summary>
/// Every log under a folder, in parallel: per file a result record (and the samples CSV and analysis JSON),
/// then a summary over all files. One bad file is a row with its reason, never the end of the batch.
/// Resumable: results are stored by the input's SHA-256 and a later run skips files that already have one.
/// Every file is written under a temporary name and renamed when complete, so a cancelled run leaves only
/// complete results.
/// </summary>
public sealed class BatchProcessor(FlightLogReader reader, IFlightAnalysis? analysis = null)
{
    public const string ResultsFolder = "results";
    public const string DuplicateStatus = "duplicate";
    private static readonly string[] SummaryFiles = ["summary.json", "summary.csv"];

    public event Action<BatchFileResult>? FileCompleted;

    public static IReadOnlyList<string> FindInputs(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (File.Exists(directory))
        {
            throw new UsageException($"{directory} is a file: batch takes a folder of evidence (for one file use check, decode or report)");
        }

        if (!Directory.Exists(directory))
        {
            throw new EvidenceUnreadableException(directory, "no such folder");
        }

        return [.. Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Order(StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<BatchFileResult>> RunAsync(BatchOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inputs = FindInputs(options.InputDirectory);
        var outRoot = Path.GetFullPath(options.OutputDirectory);
        var guard = EvidenceGuard.For([options.InputDirectory, .. options.OtherInputs]);
        guard.EnsureFolderApart(outRoot, options.OutputInsideEvidence);
        foreach (var name in SummaryFiles)
        {
            var summary = Path.Combine(outRoot, name);
            guard.EnsureNoneIsEvidence((summary, "batch summary"));
            if (options.OutputInsideEvidence && File.Exists(summary))
            {
                throw new OutputRefusedException($"refusing to write into the evidence folder {options.OutputDirectory}: {name} is already there and would be replaced; nothing was written");
            }
        }

        var resultsDir = Path.Combine(outRoot, ResultsFolder);
        Directory.CreateDirectory(resultsDir);
        var results = new ConcurrentBag<BatchFileResult>();
        var claimed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken }, (path, ct) =>
        {
            // Our own results (an output folder inside the evidence, allowed by option) are never evidence.
            if (Path.GetFullPath(path).StartsWith(resultsDir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return ValueTask.CompletedTask;
            }

            var result = ProcessOne(path, options, resultsDir, claimed, ct);
            results.Add(result);
            FileCompleted?.Invoke(result);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        var ordered = AssignDuplicates(results.OrderBy(r => r.RelativePath, StringComparer.Ordinal).ToList(), resultsDir);
        WriteSummaries(outRoot, ordered);
        return ordered;
    }

    /// <summary>
    /// Copies of one file (common on a seized card) are processed once, by whichever worker hashed one first; here,
    /// after the run, the result goes to the first copy in path order and every other copy is a <c>duplicate</c>
    /// row naming it, so that the summary is the same whatever the scheduling.
    /// </summary>
    private static List<BatchFileResult> AssignDuplicates(List<BatchFileResult> ordered, string resultsDir)
    {
        foreach (var group in ordered.Where(r => r.Sha256 is not null).GroupBy(r => r.Sha256!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var copies = group.ToList();
            var worker = copies.First(r => r.Status != DuplicateStatus);
            var first = copies[0];
            if (!ReferenceEquals(worker, first))
            {
                var primary = worker with { RelativePath = first.RelativePath };
                ordered[ordered.IndexOf(first)] = primary;
                ordered[ordered.IndexOf(worker)] = worker with { Status = DuplicateStatus };
                AtomicFile.Write(Path.Combine(resultsDir, primary.Sha256 + ".json"), stream => WriteResult(stream, primary));
            }
        }

        foreach (var group in ordered.Where(r => r.Sha256 is not null).GroupBy(r => r.Sha256!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var firstPath = group.First().RelativePath;
            foreach (var copy in group.Skip(1))
            {
                ordered[ordered.IndexOf(copy)] = new BatchFileResult
                {
                    RelativePath = copy.RelativePath,
                    Bytes = copy.Bytes,
                    Sha256 = copy.Sha256,
                    Status = DuplicateStatus,
                    Reason = $"same content (SHA-256) as {firstPath}, whose row carries the result",
                };
            }
        }

        return ordered;
    }

    private BatchFileResult ProcessOne(string path, BatchOptions options, string resultsDir, ConcurrentDictionary<string, byte> claimed, CancellationToken ct)
    {
        var relative = Path.GetRelativePath(options.InputDirectory, path);
        long bytes = new FileInfo(path).Length;
        EvidenceFile evidence;
        try
        {
            evidence = EvidenceFile.Open(path);
        }
        catch (EvidenceUnreadableException ex)
        {
            return new BatchFileResult { RelativePath = relative, Bytes = bytes, Status = "unreadable", Reason = ex.Message };
        }

        if (!claimed.TryAdd(evidence.Sha256, 0))
        {
            // Another copy of these bytes is (or was) processed by another worker; see AssignDuplicates.
            return new BatchFileResult { RelativePath = relative, Bytes = evidence.Bytes, Sha256 = evidence.Sha256, Status = DuplicateStatus };
        }

        var resultPath = Path.Combine(resultsDir, evidence.Sha256 + ".json");
        if (File.Exists(resultPath) && TryLoad(resultPath, relative) is { } previous)
        {
            return previous with { Resumed = true };
        }

        BatchFileResult result;
        // The per-file outputs go to a temporary folder renamed when all are written; the result JSON, written
        // last, is what marks the file done. A run cancelled in between leaves neither.
        var fileDir = Path.Combine(resultsDir, evidence.Sha256);
        var partialDir = fileDir + $".{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.partial";
        try
        {
            var log = reader.Read(path, options.Decode, ct);
            Directory.CreateDirectory(partialDir);
            if (options.WriteSamplesCsv)
            {
                WriteAtomically(Path.Combine(partialDir, "samples.csv"), stream =>
                {
                    using var exporter = new CsvTelemetryExporter(stream, ExportOptions.Default);
                    exporter.Begin(log.Evidence, new ExportProvenance(log.FormatId, log.DecoderName, log.DecoderVersion));
                    foreach (var s in log.Samples)
                    {
                        exporter.WriteSample(s);
                    }

                    exporter.End(new FlightLogSink());
                });
            }

            IReadOnlyDictionary<string, int> findings = new Dictionary<string, int>();
            if (analysis is not null)
            {
                WriteAtomically(Path.Combine(partialDir, "check.json"), stream => findings = analysis.Analyse(log, stream, ct));
            }

            if (Directory.Exists(fileDir))
            {
                Directory.Delete(fileDir, recursive: true); // an earlier run's outputs without its result JSON
            }

            Directory.Move(partialDir, fileDir);

            bool damaged = log.Damage.Any;
            result = new BatchFileResult
            {
                RelativePath = relative,
                Bytes = evidence.Bytes,
                Sha256 = evidence.Sha256,
                Format = log.FormatId,
                FormatVersion = log.FormatVersion,
                VehicleSerial = log.Vehicle.AircraftSerial ?? log.Vehicle.FlightControllerSerial,
                VehicleModel = log.Vehicle.Model,
                StartUtc = log.StartUtc,
                DurationSeconds = log.Summary.DurationSeconds,
                Samples = log.Summary.Count,
                FindingsByCategory = findings,
                CrcFailures = log.Damage.CrcFailures,
                Resyncs = log.Damage.Resyncs,
                TruncatedBytes = log.Damage.TruncatedBytes,
                Diagnostics = log.Diagnostics.Count + log.DiagnosticsNotStored,
                Status = damaged ? "damaged" : "ok",
                Reason = damaged ? log.Diagnostics.FirstOrDefault(d => d.IsDamage).Message : null,
            };
        }
        catch (UnsupportedFormatException ex)
        {
            result = Failed(relative, evidence, "unsupported", ex.Message);
        }
        catch (FlightLogException ex)
        {
            result = Failed(relative, evidence, "unreadable", ex.Message);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            result = Failed(relative, evidence, "failed", $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            if (Directory.Exists(partialDir))
            {
                Directory.Delete(partialDir, recursive: true);
            }
        }

        WriteAtomically(resultPath, stream => WriteResult(stream, result));
        return result;
    }

    private static BatchFileResult Failed(string relative, EvidenceFile evidence, string status, string reason) => new()
    {
        RelativePath = relative,
        Bytes = evidence.Bytes,
        Sha256 = evidence.Sha256,
        Status = status,
        Reason = reason,
    };

    /// <summary>Writes to a temporary name in the same folder, then renames: readers never see a partial file.</summary>
    public static void WriteAtomically(string path, Action<Stream> write) => AtomicFile.Write(path, write);

    private static void WriteResult(Stream stream, BatchFileResult r)
    {
        using var w = new Utf8JsonWriter(stream, JsonParts.WriterOptions(indented: true));
        WriteResultObject(w, r);
    }

    private static void WriteResultObject(Utf8JsonWriter w, BatchFileResult r)
    {
        w.WriteStartObject();
        w.WriteString("file", r.RelativePath);
        w.WriteNumber("bytes", r.Bytes);
        JsonParts.WriteStringOrNull(w, "sha256", r.Sha256);
        JsonParts.WriteStringOrNull(w, "format", r.Format);
        JsonParts.WriteStringOrNull(w, "formatVersion", r.FormatVersion);
        JsonParts.WriteStringOrNull(w, "vehicleSerial", r.VehicleSerial);
        JsonParts.WriteStringOrNull(w, "vehicleModel", r.VehicleModel);
        JsonParts.WriteUtcOrNull(w, "startUtc", r.StartUtc);
        JsonParts.WriteNumberOrNull(w, "durationS", r.DurationSeconds, 3);
        w.WriteNumber("samples", r.Samples);
        w.WritePropertyName("findingsByCategory");
        w.WriteStartObject();
        foreach (var (k, v) in r.FindingsByCategory.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteNumber("crcFailures", r.CrcFailures);
        w.WriteNumber("resyncs", r.Resyncs);
        w.WriteNumber("truncatedBytes", r.TruncatedBytes);
        w.WriteNumber("diagnostics", r.Diagnostics);
        w.WriteString("status", r.Status);
        JsonParts.WriteStringOrNull(w, "reason", r.Reason);
        w.WriteEndObject();
    }

    private static BatchFileResult? TryLoad(string path, string relative)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var r = doc.RootElement;
            string? S(string n) => r.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            long L(string n) => r.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
            var findings = new Dictionary<string, int>(StringComparer.Ordinal);
            if (r.TryGetProperty("findingsByCategory", out var f) && f.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in f.EnumerateObject())
                {
                    findings[p.Name] = p.Value.GetInt32();
                }
            }

            return new BatchFileResult
            {
                RelativePath = relative,
                Bytes = L("bytes"),
                Sha256 = S("sha256"),
                Format = S("format"),
                FormatVersion = S("formatVersion"),
                VehicleSerial = S("vehicleSerial"),
                VehicleModel = S("vehicleModel"),
                StartUtc = S("startUtc") is string st ? DateTimeOffset.Parse(st, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
                DurationSeconds = r.TryGetProperty("durationS", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null,
                Samples = L("samples"),
                FindingsByCategory = findings,
                CrcFailures = L("crcFailures"),
                Resyncs = L("resyncs"),
                TruncatedBytes = L("truncatedBytes"),
                Diagnostics = L("diagnostics"),
                Status = S("status") ?? "failed",
                Reason = S("reason"),
            };
        }
        catch (JsonException)
        {
            return null; // an unreadable earlier result is simply redone
        }
    }

    private static void WriteSummaries(string outRoot, List<BatchFileResult> results)
    {
        var categories = results.SelectMany(r => r.FindingsByCategory.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        WriteAtomically(Path.Combine(outRoot, "summary.json"), stream =>
        {
            using var w = new Utf8JsonWriter(stream, JsonParts.WriterOptions(indented: true));
            w.WriteStartObject();
            w.WriteString("tool", JsonParts.ToolString);
            w.WriteNumber("files", results.Count);
            w.WritePropertyName("byStatus");
            w.WriteStartObject();
            foreach (var g in results.GroupBy(r => r.Status).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(g.Key, g.Count());
            }

            w.WriteEndObject();
            w.WritePropertyName("results");
            w.WriteStartArray();
            foreach (var r in results)
            {
                WriteResultObject(w, r);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

        WriteAtomically(Path.Combine(outRoot, "summary.csv"), stream =>
        {
            using var csv = CsvOutput.Create(stream);
            var header = new List<string> { "file", "sha256", "format", "format_version", "vehicle_serial", "vehicle_model", "start_utc", "duration_s", "samples" };
            header.AddRange(categories.Select(c => "findings_" + c));
            header.AddRange(["crc_failures", "resyncs", "truncated_bytes", "diagnostics", "status", "reason"]);
            csv.WriteHeader([.. header]);
            foreach (var r in results)
            {
                static string? T(string? text) => text is null ? null : CsvTelemetryExporter.DefuseFormula(text);
                var cells = new List<string?>
                {
                    T(r.RelativePath), r.Sha256, r.Format, T(r.FormatVersion), T(r.VehicleSerial), T(r.VehicleModel),
                    r.StartUtc is { } s ? NumberFormat.Utc(s) : null,
                    r.DurationSeconds is double d ? NumberFormat.Seconds(d) : null,
                    NumberFormat.Integer(r.Samples),
                };
                cells.AddRange(categories.Select(c => NumberFormat.Integer(r.FindingsByCategory.GetValueOrDefault(c))));
                cells.AddRange([NumberFormat.Integer(r.CrcFailures), NumberFormat.Integer(r.Resyncs), NumberFormat.Integer(r.TruncatedBytes), NumberFormat.Integer(r.Diagnostics), r.Status, T(r.Reason)]);
                csv.WriteRecord([.. cells]);
            }
        });
    }
}
