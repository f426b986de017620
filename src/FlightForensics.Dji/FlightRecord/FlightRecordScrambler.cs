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

    // The CRC has no inversion, so it is linear over GF(2): CRC(start, data) = CRC(start, 8 zero bytes) ^ CRC(0, data).
    // Both halves take only 256 values (start is a byte, data is seed × constant), so a record's key is two table
    // loads instead of eight CRC steps, and the walker needs it twice per record (check byte, then body).
    private static readonly ulong[] s_keyByStart = BuildKeyByStart();
    private static readonly ulong[] s_keyBySeed = BuildKeyBySeed();

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

    private static ulong[] BuildKeyByStart()
    {
        var keys = new ulong[256];
        Span<byte> zeros = stackalloc byte[8];
        zeros.Clear();
        for (int start = 0; start < 256; start++)
        {
            keys[start] = Crc64((ulong)start, zeros);
        }

        return keys;
    }

    private static ulong[] BuildKeyBySeed()
    {
        var keys = new ulong[256];
        Span<byte> data = stackalloc byte[8];
        for (int seed = 0; seed < 256; seed++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(data, unchecked(SeedMultiplier * (ulong)seed));
            keys[seed] = Crc64(0, data);
        }

        return keys;
    }

    /// <summary>The key computed step by step (the definition; <see cref="Key"/> uses the equivalent tables).</summary>
    public static ulong KeyByDefinition(byte recordType, byte seed, byte magicVersion = 0)
    {
        Span<byte> data = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(data, unchecked(SeedMultiplier * seed));
        return Crc64(CheckValue(recordType, seed, magicVersion), data);
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
    public static ulong Key(byte recordType, byte seed, byte magicVersion = 0) =>
        s_keyByStart[CheckValue(recordType, seed, magicVersion)] ^ s_keyBySeed[seed];

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
