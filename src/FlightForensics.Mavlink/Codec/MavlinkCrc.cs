namespace FlightForensics.Mavlink.Codec;

/// <summary>
/// CRC-16/MCRF4XX as MAVLink uses it ("X.25" in MAVLink code): init 0xFFFF, reflected polynomial
/// 0x1021, no final XOR (research/mavlink-formats.md §2). Table-driven, one lookup per byte.
/// </summary>
public static class MavlinkCrc
{
    public const ushort Initial = 0xFFFF;

    private static readonly ushort[] s_table = BuildTable();

    public static ushort Accumulate(ushort crc, byte value) =>
        (ushort)((crc >> 8) ^ s_table[(crc ^ value) & 0xFF]);

    public static ushort Accumulate(ushort crc, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        foreach (byte b in data)
        {
            crc = (ushort)((crc >> 8) ^ table[(crc ^ b) & 0xFF]);
        }

        return crc;
    }

    /// <summary>The checksum of a packet: <paramref name="covered"/> (header after the start byte, payload) then CRC_EXTRA.</summary>
    public static ushort Compute(ReadOnlySpan<byte> covered, byte crcExtra) => Accumulate(Accumulate(Initial, covered), crcExtra);

    private static ushort[] BuildTable()
    {
        // Each entry is the bitwise form of research §2 applied to one byte from a zero CRC.
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int tmp = i;
            tmp = (tmp ^ (tmp << 4)) & 0xFF;
            table[i] = (ushort)((tmp << 8) ^ (tmp << 3) ^ (tmp >> 4));
        }

        return table;
    }
}
