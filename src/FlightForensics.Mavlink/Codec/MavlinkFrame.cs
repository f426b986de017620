using System.Buffers.Binary;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Mavlink.Codec;

/// <summary>Which framing a packet used (start byte 0xFE or 0xFD).</summary>
public enum MavlinkVersion : byte
{
    V1 = 1,
    V2 = 2,
}

/// <summary>
/// One MAVLink packet as it lies in the input: views over the caller's bytes, nothing copied.
/// Layouts: research/mavlink-formats.md §1.1 (v2) and §1.2 (v1).
/// </summary>
public readonly ref struct MavlinkFrame
{
    public const byte StartV1 = 0xFE;
    public const byte StartV2 = 0xFD;
    public const int HeaderLengthV1 = 6;
    public const int HeaderLengthV2 = 10;
    public const int SignatureLength = 13;

    /// <summary>Incompatibility flag: the packet carries a 13-byte signature.</summary>
    public const byte IncompatSigned = 0x01;

    /// <summary>The longest possible packet (v2, 255 payload bytes, signed).</summary>
    public const int MaxPacketLength = HeaderLengthV2 + 255 + 2 + SignatureLength;

    internal MavlinkFrame(ReadOnlySpan<byte> packet, MavlinkMessageInfo? message)
    {
        Packet = packet;
        Message = message;
    }

    /// <summary>The whole packet: start byte to the end of the checksum (and signature).</summary>
    public ReadOnlySpan<byte> Packet { get; }

    /// <summary>The dialect's description of the message, or null when the id is unknown.</summary>
    public MavlinkMessageInfo? Message { get; }

    public MavlinkVersion Version => Packet[0] == StartV2 ? MavlinkVersion.V2 : MavlinkVersion.V1;
    public int HeaderLength => Packet[0] == StartV2 ? HeaderLengthV2 : HeaderLengthV1;

    /// <summary>Payload length as sent (after MAVLink 2 trailing-zero truncation).</summary>
    public byte PayloadLength => Packet[1];
    public byte IncompatFlags => Version == MavlinkVersion.V2 ? Packet[2] : (byte)0;
    public byte CompatFlags => Version == MavlinkVersion.V2 ? Packet[3] : (byte)0;
    public byte Sequence => Version == MavlinkVersion.V2 ? Packet[4] : Packet[2];
    public byte SystemId => Version == MavlinkVersion.V2 ? Packet[5] : Packet[3];
    public byte ComponentId => Version == MavlinkVersion.V2 ? Packet[6] : Packet[4];

    public uint MessageId => Version == MavlinkVersion.V2
        ? (uint)(Packet[7] | (Packet[8] << 8) | (Packet[9] << 16))
        : Packet[5];

    /// <summary>The payload bytes as sent; reads past them through <see cref="MavlinkPayload"/> yield zeros (truncation).</summary>
    public ReadOnlySpan<byte> Payload => Packet.Slice(HeaderLength, PayloadLength);

    public ushort Checksum => BinaryPrimitives.ReadUInt16LittleEndian(Packet.Slice(HeaderLength + PayloadLength, 2));

    public bool IsSigned => (IncompatFlags & IncompatSigned) != 0;

    /// <summary>The 13-byte signature block (link id, 48-bit timestamp, 6-byte signature), empty when unsigned.</summary>
    public ReadOnlySpan<byte> Signature => IsSigned ? Packet.Slice(HeaderLength + PayloadLength + 2, SignatureLength) : [];

    public byte SignatureLinkId => IsSigned ? Signature[0] : (byte)0;

    /// <summary>Signing timestamp in units of 10 µs since 2015-01-01 00:00 UTC (research §4).</summary>
    public ulong SignatureTimestamp
    {
        get
        {
            if (!IsSigned)
            {
                return 0;
            }

            var s = Signature;
            ulong value = 0;
            for (int i = 0; i < 6; i++)
            {
                value |= (ulong)s[1 + i] << (8 * i);
            }

            return value;
        }
    }

    /// <summary>The signing timestamp as UTC, or null when unsigned.</summary>
    public DateTimeOffset? SignatureTimeUtc => IsSigned
        ? MavlinkSigning.Epoch.AddTicks((long)Math.Min(SignatureTimestamp, (ulong)(long.MaxValue / 100)) * 100)
        : null;

    /// <summary>The message name, or <c>UNKNOWN_&lt;id&gt;</c>.</summary>
    public string MessageName => Message?.Name ?? MavlinkNames.Unknown(MessageId);
}

/// <summary>Outcome of examining bytes that start with a MAVLink start byte.</summary>
public enum MavlinkFrameStatus
{
    /// <summary>A complete packet of a known message whose checksum matched.</summary>
    Valid,
    /// <summary>The input ends before the packet does.</summary>
    NeedMoreData,
    /// <summary>The first byte is not 0xFE or 0xFD.</summary>
    NotStartByte,
    /// <summary>A complete candidate whose checksum did not match.</summary>
    CrcMismatch,
    /// <summary>A complete candidate whose message id the dialect does not define (checksum cannot be checked).</summary>
    UnknownMessage,
    /// <summary>A valid checksum, but incompatibility flags this decoder does not understand: the packet must be discarded.</summary>
    UnsupportedIncompatFlags,
}

/// <summary>Parses one packet at the start of a span. Pure, allocation-free.</summary>
public static class MavlinkFrameParser
{
    public static bool IsStartByte(byte b) => b is MavlinkFrame.StartV1 or MavlinkFrame.StartV2;

    /// <summary>Examines <paramref name="data"/>, which should begin with a start byte.</summary>
    public static MavlinkFrameStatus TryParse(ReadOnlySpan<byte> data, out MavlinkFrame frame)
    {
        frame = default;
        if (data.IsEmpty)
        {
            return MavlinkFrameStatus.NeedMoreData;
        }

        byte stx = data[0];
        int headerLength;
        int total;
        uint messageId;
        if (stx == MavlinkFrame.StartV2)
        {
            if (data.Length < MavlinkFrame.HeaderLengthV2)
            {
                return MavlinkFrameStatus.NeedMoreData;
            }

            headerLength = MavlinkFrame.HeaderLengthV2;
            total = headerLength + data[1] + 2 + ((data[2] & MavlinkFrame.IncompatSigned) != 0 ? MavlinkFrame.SignatureLength : 0);
            messageId = (uint)(data[7] | (data[8] << 8) | (data[9] << 16));
        }
        else if (stx == MavlinkFrame.StartV1)
        {
            if (data.Length < MavlinkFrame.HeaderLengthV1)
            {
                return MavlinkFrameStatus.NeedMoreData;
            }

            headerLength = MavlinkFrame.HeaderLengthV1;
            total = headerLength + data[1] + 2;
            messageId = data[5];
        }
        else
        {
            return MavlinkFrameStatus.NotStartByte;
        }

        if (data.Length < total)
        {
            return MavlinkFrameStatus.NeedMoreData;
        }

        var packet = data[..total];
        var info = MavlinkDialect.Find(messageId);
        frame = new MavlinkFrame(packet, info);
        if (info is null)
        {
            return MavlinkFrameStatus.UnknownMessage;
        }

        int covered = headerLength - 1 + packet[1];
        ushort expected = MavlinkCrc.Compute(packet.Slice(1, covered), info.CrcExtra);
        ushort stored = (ushort)(packet[1 + covered] | (packet[2 + covered] << 8));
        if (expected != stored)
        {
            return MavlinkFrameStatus.CrcMismatch;
        }

        if (stx == MavlinkFrame.StartV2 && (packet[2] & ~MavlinkFrame.IncompatSigned) != 0)
        {
            return MavlinkFrameStatus.UnsupportedIncompatFlags;
        }

        return MavlinkFrameStatus.Valid;
    }
}

/// <summary>Cached names for message ids the dialect lacks (no string built per packet).</summary>
public static class MavlinkNames
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<uint, string> s_unknown = new();

    public static string Unknown(uint id) => s_unknown.GetOrAdd(id, static i => "UNKNOWN_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
