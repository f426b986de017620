using System.Buffers.Binary;
using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.IO;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>Options of the flight-record decoder beyond <see cref="DecodeOptions"/>.</summary>
public sealed record FlightRecordDecoderOptions
{
    public static FlightRecordDecoderOptions Default { get; } = new();

    /// <summary>Read buffer; at least one v13 record (65 539 bytes) must fit.</summary>
    public int BufferBytes { get; init; } = 256 * 1024;

    /// <summary>Keychains given directly (tests, callers that fetched them); overrides <see cref="DecodeOptions.DjiKeychainsPath"/>.</summary>
    public FlightRecordKeychains? Keychains { get; init; }
}

/// <summary>
/// Decoder of DJI app flight records (<c>DJIFlightRecord_*.txt</c>), versions 1 to 14 (dji-formats.md §2–3).
/// One sample per OSD record, filled with the GIMBAL, CUSTOM and CAMERA records that follow it up to the next OSD.
/// </summary>
public sealed class DjiFlightRecordDecoder : IFlightLogDecoder
{
    public const string Id = "dji-txt";

    private readonly FlightRecordDecoderOptions _options;

    public DjiFlightRecordDecoder(FlightRecordDecoderOptions? options = null)
    {
        _options = options ?? FlightRecordDecoderOptions.Default;
    }

    public string FormatId => Id;
    public string DecoderName => "FlightForensics.Dji.FlightRecord";
    public string DecoderVersion => "1.0.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        var stated = ProbeStated(head, totalLength);
        if (stated.Confidence >= 60 || !FlightRecordPrefix.TryParse(head, out var prefix) || prefix.DetailLength is < FlightRecordDetails.MinimumLength or > 4096)
        {
            return stated;
        }

        // A damaged version byte: records that frame (with XOR check bytes) under another layout still identify
        // the file; the decoder reports the mismatch (FlightRecordWalker.CheckVersionAgainstStructure).
        foreach (byte family in (byte[])[11, 6, 5])
        {
            var alternative = prefix with { Version = family, MagicVersion = 0 };
            var match = Confidence(head, alternative.Length, alternative, 20, totalLength);
            if (match.Confidence >= 60 && match.Confidence > stated.Confidence)
            {
                return new FormatMatch(Math.Min(match.Confidence, 60), prefix.Version.ToString(CultureInfo.InvariantCulture));
            }
        }

        return stated;
    }

    private static FormatMatch ProbeStated(ReadOnlySpan<byte> head, long totalLength)
    {
        if (!FlightRecordPrefix.TryParse(head, out var prefix) || prefix.Version is 0 or > 20)
        {
            return FormatMatch.None;
        }

        int version = prefix.Version;
        int start = prefix.Length;
        if (version >= 13)
        {
            // v13+: auxiliary blocks at 100 ([kind][u16 len]...), kind 0 first; detail_offset = records start.
            if (head.Length < 103 || head[100] != 0 || prefix.DetailOffset < 103 || (long)prefix.DetailOffset > totalLength)
            {
                return FormatMatch.None;
            }

            int infoLength = BinaryPrimitives.ReadUInt16LittleEndian(head[101..]);
            if (103 + infoLength + 3 > (long)prefix.DetailOffset)
            {
                return FormatMatch.None;
            }

            return Confidence(head, (long)prefix.DetailOffset, prefix, 70, totalLength);
        }

        if (version == 12)
        {
            return Confidence(head, FlightRecordPrefix.LongLength + 436, prefix, 50, totalLength);
        }

        // v1–11: details offset lies after the records; a truncated file may end before it, so only require it sane.
        if (prefix.DetailOffset < (ulong)start || prefix.DetailLength is < FlightRecordDetails.MinimumLength or > 4096)
        {
            return FormatMatch.None;
        }

        return Confidence(head, start, prefix, 50, totalLength);
    }

    /// <summary>Walks the first records in the head: each consistent record raises confidence.</summary>
    private static FormatMatch Confidence(ReadOnlySpan<byte> head, long recordsStart, FlightRecordPrefix prefix, int baseConfidence, long totalLength)
    {
        int header = prefix.WideLength ? 3 : 2;
        long pos = recordsStart;
        int good = 0;
        while (good < 8 && pos + header < head.Length)
        {
            int p = (int)pos;
            byte type = head[p];
            int length = prefix.WideLength ? BinaryPrimitives.ReadUInt16LittleEndian(head[(p + 1)..]) : head[p + 1];
            long end = pos + header + length;
            if (end >= head.Length || head[(int)end] != 0xFF)
            {
                break;
            }

            if (prefix.Scrambled && !FlightRecordScrambler.CheckMatches(type, head.Slice(p + header, length), prefix.MagicVersion))
            {
                break;
            }

            good++;
            pos = end + 1;
        }

        string version = prefix.Version.ToString(CultureInfo.InvariantCulture);
        if (good == 0)
        {
            // A header alone (records not in the probe window, or damaged) is a weak match.
            return recordsStart >= totalLength || recordsStart >= head.Length ? new FormatMatch(20, version) : FormatMatch.None;
        }

        return new FormatMatch(Math.Min(100, baseConfidence + (good * 10)), version);
    }

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default) =>
        Decode(input, sink, options, null, cancellationToken);

    internal void Decode(Stream input, FlightLogSink sink, DecodeOptions options, Keychains.KeychainRequestCollector? requestCollector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= DecodeOptions.Default;

        if (!input.CanSeek)
        {
            // The layout needs the details block at the end first; buffer a non-seekable source once.
            var copy = new MemoryStream();
            input.CopyTo(copy);
            copy.Position = 0;
            input = copy;
        }

        var keychains = _options.Keychains;
        if (keychains is null && !string.IsNullOrEmpty(options.DjiKeychainsPath))
        {
            try
            {
                keychains = FlightRecordKeychains.Load(options.DjiKeychainsPath);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                sink.AddDiagnostic(0, DiagnosticKind.Decryption, $"keychains file not usable: {ex.Message}");
            }
        }

        long length = input.Length - input.Position;
        using var window = new SeekableWindow(input, length, Math.Max(_options.BufferBytes, 65536 + 16));
        using var walker = new FlightRecordWalker(window, sink, keychains, cancellationToken) { RequestCollector = requestCollector };
        walker.Run();
    }
}
