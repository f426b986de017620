namespace FlightForensics.Dji.Dat;

/// <summary>
/// The record checksum of DJI .DAT files: CRC-16 with the reflected CCITT polynomial 0x8408 (table entry 1 = 0x1189),
/// seeded 0x3692, no final XOR, over the record from its 0x55 up to the checksum (dji-formats.md §4).
/// </summary>
public static class DatCrc16
{
    public const ushort Seed = 0x3692;

    private static readonly ushort[] Table = Build();

    private static ushort[] Build()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? (c >> 1) ^ 0x8408 : c >> 1;
            }

            table[i] = (ushort)c;
        }

        return table;
    }

    public static ushort Compute(ReadOnlySpan<byte> data, ushort seed = Seed)
    {
        var table = Table;
        int crc = seed;
        foreach (byte b in data)
        {
            crc = (crc >> 8) ^ table[(crc ^ b) & 0xFF];
        }

        return (ushort)crc;
    }
}
