using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FlightForensics.Mavlink.Definitions;

/// <summary>
/// Little-endian field reads from a MAVLink payload. A MAVLink 2 sender strips trailing zero bytes
/// (research/mavlink-formats.md §3.1), so a read past the bytes present yields the zeros that were
/// stripped instead of failing: the payload never has to be copied to be padded.
/// </summary>
public static class MavlinkPayload
{
    public static byte ReadChar(ReadOnlySpan<byte> p, int offset) => ReadUInt8(p, offset);

    public static byte ReadUInt8(ReadOnlySpan<byte> p, int offset) => (uint)offset < (uint)p.Length ? p[offset] : (byte)0;

    public static sbyte ReadInt8(ReadOnlySpan<byte> p, int offset) => unchecked((sbyte)ReadUInt8(p, offset));

    public static ushort ReadUInt16(ReadOnlySpan<byte> p, int offset) =>
        offset + 2 <= p.Length ? BinaryPrimitives.ReadUInt16LittleEndian(p.Slice(offset, 2)) : (ushort)ReadPadded(p, offset, 2);

    public static short ReadInt16(ReadOnlySpan<byte> p, int offset) => unchecked((short)ReadUInt16(p, offset));

    public static uint ReadUInt32(ReadOnlySpan<byte> p, int offset) =>
        offset + 4 <= p.Length ? BinaryPrimitives.ReadUInt32LittleEndian(p.Slice(offset, 4)) : (uint)ReadPadded(p, offset, 4);

    public static int ReadInt32(ReadOnlySpan<byte> p, int offset) => unchecked((int)ReadUInt32(p, offset));

    public static ulong ReadUInt64(ReadOnlySpan<byte> p, int offset) =>
        offset + 8 <= p.Length ? BinaryPrimitives.ReadUInt64LittleEndian(p.Slice(offset, 8)) : ReadPadded(p, offset, 8);

    public static long ReadInt64(ReadOnlySpan<byte> p, int offset) => unchecked((long)ReadUInt64(p, offset));

    public static float ReadFloat(ReadOnlySpan<byte> p, int offset) => BitConverter.Int32BitsToSingle(ReadInt32(p, offset));

    public static double ReadDouble(ReadOnlySpan<byte> p, int offset) => BitConverter.Int64BitsToDouble(ReadInt64(p, offset));

    /// <summary>The bytes of an array field that are present (a truncated tail is implied zero).</summary>
    public static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> p, int offset, int length)
    {
        if (offset >= p.Length)
        {
            return [];
        }

        return p.Slice(offset, Math.Min(length, p.Length - offset));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong ReadPadded(ReadOnlySpan<byte> p, int offset, int size)
    {
        ulong value = 0;
        for (int i = 0; i < size; i++)
        {
            int at = offset + i;
            if ((uint)at < (uint)p.Length)
            {
                value |= (ulong)p[at] << (8 * i);
            }
        }

        return value;
    }
}
