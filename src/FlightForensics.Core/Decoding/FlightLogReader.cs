using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Core.Decoding;

/// <summary>
/// Opens evidence read-only, hashes it, detects its format from content and runs the decoder.
/// The one entry point the CLI and the analyses use.
/// </summary>
public sealed class FlightLogReader(FormatRegistry registry)
{
    public FormatRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Hashes and detects without decoding.</summary>
    public (EvidenceFile Evidence, IFlightLogDecoder Decoder, FormatMatch Match) Identify(string path)
    {
        var evidence = EvidenceFile.Open(path);
        using var stream = EvidenceFile.OpenRead(path);
        var (decoder, match) = Registry.DetectOrThrow(stream, evidence.FileName);
        return (evidence, decoder, match);
    }

    /// <summary>Decodes a file into a sink of the caller's choosing (for streaming outputs).</summary>
    public (EvidenceFile Evidence, IFlightLogDecoder Decoder) Decode(string path, FlightLogSink sink, DecodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        options ??= DecodeOptions.Default;
        var (evidence, decoder, match) = Identify(path);
        if (match.FormatVersion is not null)
        {
            sink.SetFormatVersion(match.FormatVersion);
        }

        using var stream = EvidenceFile.OpenRead(path);
        try
        {
            decoder.Decode(stream, sink, options, cancellationToken);
        }
        catch (EndOfStreamException ex)
        {
            // A decoder that ran off the end has met a truncated file: report it, keep what was decoded.
            sink.AddDiagnostic(stream.CanSeek ? stream.Position : 0, DiagnosticKind.Truncated, $"unexpected end of file ({ex.Message})");
        }
        catch (Exception ex) when (ex is not FlightLogException and not OperationCanceledException and not OutOfMemoryException)
        {
            // A decoder defect met on hostile input must not cost the examiner what was already decoded:
            // keep the partial results and say exactly where and why decoding stopped. The fuzz tests call
            // decoders directly, without this net, so such defects are still found and fixed.
            sink.AddDiagnostic(stream.CanSeek ? stream.Position : 0, DiagnosticKind.Corrupt,
                $"decoding stopped early: {ex.GetType().Name}: {ex.Message}");
        }

        return (evidence, decoder);
    }

    /// <summary>Decodes a file and keeps every sample.</summary>
    public FlightLog Read(string path, DecodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = new FlightLogBuilder(options);
        var (evidence, decoder) = Decode(path, builder, options, cancellationToken);
        return builder.Build(evidence, decoder);
    }

    /// <summary>Decodes a file keeping only the summary and bookkeeping (constant memory in the sample count).</summary>
    public FlightLog ReadSummary(string path, DecodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sink = new FlightLogSink(options);
        var (evidence, decoder) = Decode(path, sink, options, cancellationToken);
        return FlightLogBuilder.Build(sink, evidence, decoder, []);
    }
}
