using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.RemoteId;
using FlightForensics.RemoteId.Analysis;
using FlightForensics.Verification;
using FlightForensics.Verification.Model;

namespace FlightForensics.Application.Workflows;

/// <summary>
/// <c>verify</c> as a workflow (docs/verify.md): decodes every file, turns a Remote ID capture into one source per
/// aircraft (or the one <see cref="DecodeOptions.AircraftId"/> names) with the capture's broadcast-believability
/// indicators as findings, and hands everything to <see cref="Verifier"/>.
/// </summary>
public sealed class VerifyWorkflow(FlightLogReader reader)
{
    /// <summary>A capture with more aircraft than this is verified whole (one source) rather than split: hundreds of
    /// sources would bury the findings. Name one with <c>--aircraft</c>.</summary>
    public const int MaxAircraftSplit = 20;

    public VerifyResult Run(IReadOnlyList<string> paths, DecodeOptions? decode = null, VerifyOptions? options = null, CancellationToken cancellationToken = default) =>
        new Verifier(options).VerifySources(Sources(paths, decode, cancellationToken), cancellationToken);

    /// <summary>The files as verify sources (a Remote ID capture as one source per aircraft, with its indicators).</summary>
    public List<VerifySource> Sources(IReadOnlyList<string> paths, DecodeOptions? decode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        decode ??= DecodeOptions.Default;
        var sources = new List<VerifySource>(paths.Count);
        foreach (var path in paths)
        {
            var log = reader.Read(path, decode, cancellationToken);
            if (log.FormatId == "remoteid-capture")
            {
                sources.AddRange(RemoteIdSources(path, log, decode, cancellationToken));
            }
            else
            {
                sources.Add(new VerifySource(log));
            }
        }

        return sources;
    }

    /// <summary>One source per aircraft of a capture, each with the believability indicators about that aircraft.</summary>
    private List<VerifySource> RemoteIdSources(string path, FlightLog log, DecodeOptions decode, CancellationToken cancellationToken)
    {
        RemoteIdCaptureContents contents;
        using (var stream = EvidenceFile.OpenRead(path))
        {
            contents = RemoteIdCapture.Read(stream, new FlightLogSink(), keepObservations: true, cancellationToken);
        }

        var indicators = BroadcastBelievability.Analyse(contents);
        var present = log.Samples.Select(s => s.AircraftId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (decode.AircraftId is not null || present.Count <= 1 || present.Count > MaxAircraftSplit)
        {
            // Already one aircraft (the decoder kept only the one named), or too many to split.
            return [new VerifySource(log, present.Count == 1 ? Label(log, present[0]) : null)
            {
                Indicators = [.. indicators.Where(i => present.Contains(i.AircraftId, StringComparer.Ordinal)).Select(ToFinding)],
            }];
        }

        return [.. present.Select(id => new VerifySource(reader.Read(path, decode with { AircraftId = id }, cancellationToken), Label(log, id))
        {
            Indicators = [.. indicators.Where(i => i.AircraftId == id).Select(ToFinding)],
        })];
    }

    private static string Label(FlightLog log, string aircraftId) => log.Evidence.FileName + " [" + aircraftId + "]";

    /// <summary>The indicator as a verify finding (kinds and severities already use the contract's names).</summary>
    internal static Finding ToFinding(BelievabilityIndicator indicator) => new()
    {
        Kind = indicator.Kind,
        Severity = indicator.Severity switch
        {
            "high" => Severity.High,
            "medium" => Severity.Medium,
            "low" => Severity.Low,
            _ => Severity.Info,
        },
        StartUtc = indicator.StartUtc,
        EndUtc = indicator.EndUtc ?? indicator.StartUtc,
        Sources = [],
        Evidence = [.. indicator.Evidence.Select(e => double.TryParse(e.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? new EvidenceFigure(e.Key, v) : EvidenceFigure.Of(e.Key, e.Value)), EvidenceFigure.Of("aircraftId", indicator.AircraftId)],
        SourceOffsets = indicator.SourceOffsets,
        Explanation = "Remote ID broadcast of " + indicator.AircraftId + ": " + indicator.Explanation,
    };
}
