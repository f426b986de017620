using System.Buffers.Binary;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>
/// The per-record XOR layer of flight-record versions 7 and later (dji-formats.md §2.4): an 8-byte key
/// from a CRC-64 ("Jones", reflected, no inversion) over the seed times a fixed constant, started from
/// seed + record type. The last unscrambled byte is a check byte equal to that start value.
/// </summary>
public static class FlightRecordScrambler
{
    private const ulong ReflectedPolynomial = 0x95AC9329AC4BC9B5UL;
    private const ulong SeedMultiplier = 0x123456789ABCDEF0UL;

    private static readonly ulong[] s_table = BuildTable();

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (uint i = 0; i < 256; i++)
        {
            ulong crc = i;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }

    /// <summary>CRC-64/Jones without inversion, continuing from <paramref name="crc"/>.</summary>
    public static ulong Crc64(ulong crc, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        foreach (byte b in data)
        {
            crc = table[(int)((crc ^ b) & 0xFF)] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The value the check byte must have, and the CRC's start value.</summary>
    public static byte CheckValue(byte recordType, byte seed, byte magicVersion = 0) => (byte)(seed + recordType + magicVersion);

    /// <summary>The 8-byte key (little-endian in a ulong) for one record.</summary>
    public static ulong Key(byte recordType, byte seed, byte magicVersion = 0)
    {
        Span<byte> data = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(data, unchecked(SeedMultiplier * seed));
        return Crc64(CheckValue(recordType, seed, magicVersion), data);
    }

    /// <summary>
    /// Unscrambles a record payload (<c>[seed][data][check]</c>) into <paramref name="body"/> (the data only,
    /// payload length − 2 bytes). Returns whether the check byte matched.
    /// </summary>
    public static bool TryUnscramble(byte recordType, ReadOnlySpan<byte> payload, Span<byte> body, byte magicVersion = 0)
    {
        if (payload.Length < 2)
        {
            return false;
        }

        byte seed = payload[0];
        ulong key = Key(recordType, seed, magicVersion);
        var scrambled = payload[1..^1];
        Xor(scrambled, body[..scrambled.Length], key, 0);
        int checkIndex = scrambled.Length;
        byte check = (byte)(payload[^1] ^ (byte)(key >> (8 * (checkIndex & 7))));
        return check == CheckValue(recordType, seed, magicVersion);
    }

    /// <summary>True when the check byte of a scrambled payload matches, without unscrambling the body.</summary>
    public static bool CheckMatches(byte recordType, ReadOnlySpan<byte> payload, byte magicVersion = 0)
    {
        if (payload.Length < 2)
        {
            return false;
        }

        byte seed = payload[0];
        ulong key = Key(recordType, seed, magicVersion);
        int checkIndex = payload.Length - 2;
        byte check = (byte)(payload[^1] ^ (byte)(key >> (8 * (checkIndex & 7))));
        return check == CheckValue(recordType, seed, magicVersion);
    }

    /// <summary>Scrambles <paramref name="body"/> into <paramref name="payload"/> (body length + 2 bytes) with the given seed.</summary>
    public static void Scramble(byte recordType, byte seed, ReadOnlySpan<byte> body, Span<byte> payload, byte magicVersion = 0)
    {
        ulong key = Key(recordType, seed, magicVersion);
        payload[0] = seed;
        Xor(body, payload.Slice(1, body.Length), key, 0);
        payload[1 + body.Length] = (byte)(CheckValue(recordType, seed, magicVersion) ^ (byte)(key >> (8 * (body.Length & 7))));
    }

    private static void Xor(ReadOnlySpan<byte> source, Span<byte> destination, ulong key, int keyPhase)
    {
        int i = 0;
        if (keyPhase == 0)
        {
            // Whole 8-byte words first: the key repeats every 8 bytes.
            for (; i + 8 <= source.Length; i += 8)
            {
                ulong word = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(i, 8));
                BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(i, 8), word ^ key);
            }
        }

        for (; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ (byte)(key >> (8 * ((i + keyPhase) & 7))));
        }
    }
}
