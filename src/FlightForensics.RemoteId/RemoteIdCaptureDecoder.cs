using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.RemoteId.Capture;
using FlightForensics.RemoteId.Link;

namespace FlightForensics.RemoteId;

/// <summary>
/// <c>remoteid-capture</c>: pcap / pcapng radio captures holding ASTM F3411 Remote ID or DJI DroneID. Samples
/// carry <see cref="TelemetrySample.AircraftId"/>; <see cref="DecodeOptions.AircraftId"/> keeps one aircraft.
/// </summary>
public sealed class RemoteIdCaptureDecoder : IFlightLogDecoder
{
    /// <summary>1 MiB window: larger than any packet block written with the largest snap length in use (262,144).</summary>
    internal const int BufferBytes = 1 << 20;

    public string FormatId => "remoteid-capture";
    public string DecoderName => "FlightForensics.RemoteId";
    public string DecoderVersion => typeof(RemoteIdCaptureDecoder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        // A capture is only "ours" if it can hold Remote ID: its link types decide. Other captures are left to
        // other decoders (none today) and are then reported as unsupported.
        if (PcapReader.IsPcap(head, out bool bigEndian, out bool ns))
        {
            int link = (int)((bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(head[20..]) : BinaryPrimitives.ReadUInt32LittleEndian(head[20..])) & 0xFFFF);
            return IsRadioLink(link) ? new FormatMatch(90, ns ? "pcap ns" : "pcap") : new FormatMatch(20, "pcap");
        }

        if (PcapngReader.IsPcapng(head))
        {
            // The first interface description follows the section header: its link type says whether this can be radio.
            bool be = BinaryPrimitives.ReadUInt32BigEndian(head[8..]) == 0x1A2B3C4D;
            uint shbLength = be ? BinaryPrimitives.ReadUInt32BigEndian(head[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
            if (shbLength <= (uint)head.Length - 12)
            {
                var idb = head[(int)shbLength..];
                uint type = be ? BinaryPrimitives.ReadUInt32BigEndian(idb) : BinaryPrimitives.ReadUInt32LittleEndian(idb);
                int link = be ? BinaryPrimitives.ReadUInt16BigEndian(idb[8..]) : BinaryPrimitives.ReadUInt16LittleEndian(idb[8..]);
                if (type == 1 && !IsRadioLink(link))
                {
                    return new FormatMatch(20, "pcapng");
                }
            }

            return new FormatMatch(90, "pcapng");
        }

        return FormatMatch.None;
    }

    internal static bool IsRadioLink(int link) => link is LinkTypes.Ieee80211 or LinkTypes.Ieee80211Radiotap or LinkTypes.NordicBle
        or LinkTypes.BluetoothLeLinkLayer or LinkTypes.BluetoothLeLinkLayerWithPhdr;

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mapper = new RemoteIdMapper(sink, options.AircraftId);
        Run(input, sink, mapper, cancellationToken);
    }

    /// <summary>Reads a capture through the framer into <paramref name="mapper"/>; writes the counters to the sink.</summary>
    internal static RemoteIdFramer Run(Stream input, FlightLogSink sink, RemoteIdMapper mapper, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var framer = new RemoteIdFramer(mapper, sink);
        using var buffer = new CaptureBuffer(input, BufferBytes);
        if (!buffer.Ensure(24) && !buffer.Ensure(12))
        {
            throw new FlightLogDamagedException("capture shorter than a pcap or pcapng header") { Offset = 0 };
        }

        var head = buffer.Peek(24);
        if (PcapngReader.IsPcapng(head))
        {
            PcapngReader.Read(buffer, framer, sink, cancellationToken);
        }
        else if (PcapReader.IsPcap(head, out _, out _))
        {
            PcapReader.Read(buffer, framer, sink, cancellationToken);
        }
        else
        {
            throw new FlightLogDamagedException("not a pcap or pcapng capture") { Offset = 0 };
        }

        mapper.Finish();
        sink.AddCounter("remoteId", "frames", framer.Frames);
        sink.AddCounter("remoteId", "framesWithRemoteId", framer.FramesWithRemoteId);
        sink.AddCounter("remoteId", "aircraft", mapper.Aircraft.Count);
        if (framer.FramesCut > 0)
        {
            sink.AddCounter("remoteId", "framesCutBySnapLength", framer.FramesCut);
        }

        if (mapper.Aircraft.Count == 1)
        {
            var only = mapper.Aircraft.Values.First();
            sink.AddVehicle(new VehicleIdentity { AircraftSerial = only.Id });
        }

        return framer;
    }
}

/// <summary>What a capture holds per aircraft and per transmitter.</summary>
public sealed record RemoteIdCaptureContents(
    IReadOnlyList<AircraftTrack> Aircraft, IReadOnlyDictionary<ulong, IReadOnlyCollection<string>> IdsByTransmitter, long Frames, long FramesWithRemoteId);

/// <summary>The per-aircraft view of a capture: what <c>info</c> lists and what the believability analysis reads.</summary>
public static class RemoteIdCapture
{
    /// <summary>Reads a capture; aircraft sorted by id (ordinal), with their positions kept when asked (memory grows with the positions).</summary>
    public static RemoteIdCaptureContents Read(Stream input, FlightLogSink sink, bool keepObservations = false, CancellationToken cancellationToken = default)
    {
        // No samples are wanted here: the selection matches no aircraft id (ids never contain NUL).
        var mapper = new RemoteIdMapper(sink, onlyAircraft: "\0", keepObservations);
        var framer = RemoteIdCaptureDecoder.Run(input, sink, mapper, cancellationToken);
        return new RemoteIdCaptureContents(
            [.. mapper.Aircraft.Values.OrderBy(a => a.Id, StringComparer.Ordinal)],
            mapper.Transmitters.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)kv.Value.Ids),
            framer.Frames, framer.FramesWithRemoteId);
    }
}
