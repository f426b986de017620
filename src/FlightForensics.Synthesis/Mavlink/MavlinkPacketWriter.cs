using System.Buffers.Binary;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Synthesis.Mavlink;

/// <summary>Signing parameters for an outgoing MAVLink 2 packet (research/mavlink-formats.md §4).</summary>
/// <param name="SecretKey">32-byte key.</param>
/// <param name="LinkId">Link id written into the signature block.</param>
/// <param name="Timestamp">Units of 10 µs since 2015-01-01 UTC.</param>
public readonly record struct MavlinkSigningParameters(ReadOnlyMemory<byte> SecretKey, byte LinkId, ulong Timestamp)
{
    public static ulong TimestampFor(DateTimeOffset utc) => (ulong)((utc - MavlinkSigning.Epoch).Ticks / 100);
}

/// <summary>Encodes MAVLink 1 and 2 packets (framing, truncation, checksum, optional signature). No allocation.</summary>
public static class MavlinkPacketWriter
{
    /// <summary>
    /// Writes a MAVLink 2 packet into <paramref name="destination"/> and returns its length. Trailing zero
    /// bytes of the payload are stripped (the first byte is always kept), as senders do (research §3.1).
    /// </summary>
    public static int WriteV2(Span<byte> destination, MavlinkMessageInfo message, ReadOnlySpan<byte> payload,
        byte sequence, byte systemId, byte componentId, MavlinkSigningParameters? signing = null, bool truncate = true)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (payload.Length > 255)
        {
            throw new ArgumentException("a payload has at most 255 bytes", nameof(payload));
        }

        int length = payload.Length;
        if (truncate)
        {
            while (length > 1 && payload[length - 1] == 0)
            {
                length--;
            }
        }

        int total = MavlinkFrame.HeaderLengthV2 + length + 2 + (signing is null ? 0 : MavlinkFrame.SignatureLength);
        if (destination.Length < total)
        {
            throw new ArgumentException($"destination needs {total} bytes", nameof(destination));
        }

        destination[0] = MavlinkFrame.StartV2;
        destination[1] = (byte)length;
        destination[2] = signing is null ? (byte)0 : MavlinkFrame.IncompatSigned;
        destination[3] = 0;
        destination[4] = sequence;
        destination[5] = systemId;
        destination[6] = componentId;
        destination[7] = (byte)message.Id;
        destination[8] = (byte)(message.Id >> 8);
        destination[9] = (byte)(message.Id >> 16);
        payload[..length].CopyTo(destination[MavlinkFrame.HeaderLengthV2..]);
        int crcAt = MavlinkFrame.HeaderLengthV2 + length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[crcAt..], MavlinkCrc.Compute(destination[1..crcAt], message.CrcExtra));
        if (signing is { } s)
        {
            int sig = crcAt + 2;
            destination[sig] = s.LinkId;
            for (int i = 0; i < 6; i++)
            {
                destination[sig + 1 + i] = (byte)(s.Timestamp >> (8 * i));
            }

            MavlinkSigning.ComputeSignature(destination[..(sig + 7)], s.SecretKey.Span, destination.Slice(sig + 7, 6));
        }

        return total;
    }

    /// <summary>Writes a MAVLink 1 packet (ids below 256, the base payload without extensions).</summary>
    public static int WriteV1(Span<byte> destination, MavlinkMessageInfo message, ReadOnlySpan<byte> payload, byte sequence, byte systemId, byte componentId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Id > 255)
        {
            throw new ArgumentException($"{message.Name} (id {message.Id}) cannot be sent as MAVLink 1", nameof(message));
        }

        int length = Math.Min(payload.Length, message.MinLength);
        int total = MavlinkFrame.HeaderLengthV1 + length + 2;
        if (destination.Length < total)
        {
            throw new ArgumentException($"destination needs {total} bytes", nameof(destination));
        }

        destination[0] = MavlinkFrame.StartV1;
        destination[1] = (byte)length;
        destination[2] = sequence;
        destination[3] = systemId;
        destination[4] = componentId;
        destination[5] = (byte)message.Id;
        payload[..length].CopyTo(destination[MavlinkFrame.HeaderLengthV1..]);
        int crcAt = MavlinkFrame.HeaderLengthV1 + length;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[crcAt..], MavlinkCrc.Compute(destination[1..crcAt], message.CrcExtra));
        return total;
    }
}

/// <summary>
/// Writes a tlog: each packet preceded by its time as 8 big-endian bytes of µs since the UNIX epoch
/// (research §5). Keeps one sequence counter per (system, component).
/// </summary>
public sealed class TlogWriter(Stream output) : IDisposable
{
    private readonly Stream _output = output ?? throw new ArgumentNullException(nameof(output));
    private readonly byte[] _buffer = new byte[8 + MavlinkFrame.MaxPacketLength];
    private readonly byte[] _sequences = new byte[65536];

    /// <summary>Packets written so far.</summary>
    public long PacketCount { get; private set; }

    /// <summary>Writes one record from a packet that is already encoded (e.g. one received off the air).</summary>
    public void WriteRecord(DateTimeOffset timeUtc, ReadOnlySpan<byte> packet)
    {
        Span<byte> stamp = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(stamp, (ulong)((timeUtc - DateTimeOffset.UnixEpoch).Ticks / 10));
        _output.Write(stamp);
        _output.Write(packet);
        PacketCount++;
    }

    /// <summary>Encodes and writes one message as MAVLink 2 (or 1) at <paramref name="timeUtc"/>.</summary>
    public void Write(DateTimeOffset timeUtc, MavlinkPayloadBuilder message, byte systemId = 1, byte componentId = 1,
        MavlinkVersion version = MavlinkVersion.V2, MavlinkSigningParameters? signing = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        int source = (systemId << 8) | componentId;
        byte sequence = _sequences[source]++;
        var packet = _buffer.AsSpan(8);
        int length = version == MavlinkVersion.V1
            ? MavlinkPacketWriter.WriteV1(packet, message.Message, message.Payload, sequence, systemId, componentId)
            : MavlinkPacketWriter.WriteV2(packet, message.Message, message.Payload, sequence, systemId, componentId, signing);
        WriteRecord(timeUtc, packet[..length]);
    }

    public void Dispose() => _output.Flush();
}
