namespace FlightForensics.Mavlink.Codec;

/// <summary>
/// CRC-16/MCRF4XX as MAVLink uses it ("X.25" in MAVLink code): init 0xFFFF, reflected polynomial
/// 0x1021, no final XOR (research/mavlink-formats.md §2). Table-driven, one lookup per byte.
/// </summary>
public static class MavlinkCrc
{
    public const ushort Initial = 0xFFFF;

    private static readonly ushort[] s_table = BuildTable();

    // Slicing-by-4 tables: s_slice[k][i] is the CRC contribution of byte i followed by k zero bytes, so four
    // input bytes fold in with four independent lookups instead of a chain of four.
    private static readonly ushort[] s_slice1 = Next(s_table);
    private static readonly ushort[] s_slice2 = Next(s_slice1);
    private static readonly ushort[] s_slice3 = Next(s_slice2);

    public static ushort Accumulate(ushort crc, byte value) =>
        (ushort)((crc >> 8) ^ s_table[(crc ^ value) & 0xFF]);

    public static ushort Accumulate(ushort crc, ReadOnlySpan<byte> data)
    {
        var t0 = s_table;
        var t1 = s_slice1;
        var t2 = s_slice2;
        var t3 = s_slice3;
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            int x = crc ^ (data[i] | (data[i + 1] << 8));
            crc = (ushort)(t3[x & 0xFF] ^ t2[x >> 8] ^ t1[data[i + 2]] ^ t0[data[i + 3]]);
        }

        for (; i < data.Length; i++)
        {
            crc = (ushort)((crc >> 8) ^ t0[(crc ^ data[i]) & 0xFF]);
        }

        return crc;
    }

    /// <summary>The plain byte-at-a-time form, kept as the reference the sliced form is tested against.</summary>
    internal static ushort AccumulateBytewise(ushort crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = Accumulate(crc, b);
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

    private static ushort[] Next(ushort[] previous)
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = (ushort)((previous[i] >> 8) ^ s_table[previous[i] & 0xFF]);
        }

        return table;
    }
}
