using FlightForensics.Core.Decoding;
using FlightForensics.Mavlink.Codec;

namespace FlightForensics.Mavlink;

/// <summary>The MAVLink telemetry (tlog, raw) decoders, for registration.</summary>
public static class MavlinkDecoders
{
    public static IEnumerable<IFlightLogDecoder> All => [new MavlinkTlogDecoder(), new MavlinkRawDecoder()];
}

/// <summary>Shared decoding of the two MAVLink framings.</summary>
public abstract class MavlinkDecoderBase : IFlightLogDecoder
{
    public abstract string FormatId { get; }
    public string DecoderName => "FlightForensics.Mavlink";
    public string DecoderVersion => typeof(MavlinkDecoderBase).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private protected abstract MavlinkFraming Framing { get; }

    public abstract FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength);

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        var source = PositionSource.Undecided;
        if (input.CanSeek)
        {
            // Contract: samples per GLOBAL_POSITION_INT, GPS_RAW_INT only where a log has none. A framing-only
            // pass stops at the first GLOBAL_POSITION_INT, so it is short for every log that has one.
            long start = input.Position;
            var finder = new GlobalPositionFinder();
            MavlinkStreamReader.Read(input, Framing, finder, cancellationToken: cancellationToken);
            source = finder.Found ? PositionSource.GlobalPositionInt : PositionSource.GpsRawInt;
            input.Position = start;
        }

        var session = new MavlinkDecodeSession(sink, options, Framing, source);
        MavlinkStreamReader.Read(input, Framing, session, cancellationToken: cancellationToken);
        session.Finish();
    }

    private sealed class GlobalPositionFinder : IMavlinkReadHandler
    {
        public bool Found { get; private set; }

        public bool StopRequested => Found;

        public void Handle(in MavlinkReadResult result, long streamOffset)
        {
            if (result.Kind == MavlinkReadKind.Packet && result.Frame.MessageId == Definitions.MavlinkMessageId.GlobalPositionInt)
            {
                Found = true;
            }
        }
    }

    /// <summary>Counts valid back-to-back records from <paramref name="start"/> (at most <paramref name="max"/>).</summary>
    private protected static int ChainLength(ReadOnlySpan<byte> head, int start, MavlinkFraming framing, int max, out MavlinkVersion firstVersion)
    {
        int prefix = framing == MavlinkFraming.Tlog ? 8 : 0;
        int count = 0;
        int p = start;
        firstVersion = MavlinkVersion.V2;
        while (count < max && p + prefix < head.Length)
        {
            var status = MavlinkFrameParser.TryParse(head[(p + prefix)..], out var frame);
            if (status != MavlinkFrameStatus.Valid)
            {
                break;
            }

            if (count == 0)
            {
                firstVersion = frame.Version;
            }

            count++;
            p += prefix + frame.Packet.Length;
        }

        return count;
    }

    private protected static string VersionName(MavlinkVersion version) => version == MavlinkVersion.V1 ? "MAVLink 1" : "MAVLink 2";
}

/// <summary>
/// MAVLink telemetry logs as ground stations write them (<c>.tlog</c>): each packet preceded by its
/// 8-byte big-endian receive time in µs since the UNIX epoch (research/mavlink-formats.md §5).
/// </summary>
public sealed class MavlinkTlogDecoder : MavlinkDecoderBase
{
    public override string FormatId => "mavlink-tlog";

    private protected override MavlinkFraming Framing => MavlinkFraming.Tlog;

    public override FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        // A tlog has no header: the structure is the magic. Records from offset 0 that check out by CRC,
        // and a plausible first timestamp, or (damaged start) a chain of records found a little later.
        int chain = ChainLength(head, 0, MavlinkFraming.Tlog, 4, out var version);
        if (chain >= 3 || (chain >= 1 && totalLength <= head.Length && ChainReachesEnd(head)))
        {
            return new FormatMatch(95, VersionName(version));
        }

        if (chain >= 1)
        {
            return new FormatMatch(60, VersionName(version));
        }

        int limit = Math.Min(head.Length - 9, 4096);
        for (int p = 1; p < limit; p++)
        {
            if (MavlinkFrameParser.IsStartByte(head[p + 8]) && ChainLength(head, p, MavlinkFraming.Tlog, 3, out version) >= 3)
            {
                return new FormatMatch(75, VersionName(version));
            }
        }

        return FormatMatch.None;
    }

    private static bool ChainReachesEnd(ReadOnlySpan<byte> head)
    {
        // Small files: every record valid up to (nearly) the end, a short truncated tail allowed.
        int p = 0;
        while (p + 8 < head.Length && MavlinkFrameParser.TryParse(head[(p + 8)..], out var frame) == MavlinkFrameStatus.Valid)
        {
            p += 8 + frame.Packet.Length;
        }

        return p > 0 && head.Length - p < MavlinkFrame.MaxPacketLength + 8;
    }
}

/// <summary>Raw MAVLink 1/2 byte streams (serial or network captures, Mission Planner <c>.rlog</c>): packets back to back.</summary>
public sealed class MavlinkRawDecoder : MavlinkDecoderBase
{
    public override string FormatId => "mavlink-raw";

    private protected override MavlinkFraming Framing => MavlinkFraming.Raw;

    public override FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        // A capture may start mid-packet: look for the first start byte that begins a chain of valid packets.
        int limit = Math.Min(head.Length, 4096);
        for (int p = 0; p < limit; p++)
        {
            if (!MavlinkFrameParser.IsStartByte(head[p]))
            {
                continue;
            }

            int chain = ChainLength(head, p, MavlinkFraming.Raw, 4, out var version);
            if (chain >= 3 || (chain >= 1 && totalLength <= head.Length && chain >= 1 && p == 0))
            {
                return new FormatMatch(p == 0 ? 90 : 80, VersionName(version));
            }
        }

        return FormatMatch.None;
    }
}
