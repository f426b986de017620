using System.Buffers.Binary;

namespace FlightForensics.Tamper;

/// <summary>
/// A tlog as a list of records: an 8-byte big-endian UNIX-µs timestamp, then one MAVLink v1 or v2 packet
/// (MAVLink serialisation: v1 = 0xFE, len, seq, sys, comp, msgid, payload, crc16; v2 = 0xFD, len, incompat, compat,
/// seq, sys, comp, msgid×3, payload, crc16, 13-byte signature when incompat bit 0 is set). Bytes that do not start a
/// plausible record stay attached to the record before them, so that an edit moves them along and writes them back.
/// </summary>
public sealed class TlogFile
{
    // Plausible tlog times (2001..2096 in µs), as the decoder checks them.
    private const ulong MinMicros = 1_000_000_000_000_000UL;
    private const ulong MaxMicros = 4_000_000_000_000_000UL;

    public TlogFile(List<TlogRecord> records) => Records = records;

    public List<TlogRecord> Records { get; }

    public static TlogFile Parse(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var records = new List<TlogRecord>();
        int p = 0, junkStart = -1;
        while (p < data.Length)
        {
            int length = RecordLength(data, p);
            if (length <= 0)
            {
                junkStart = junkStart < 0 ? p : junkStart;
                p++;
                continue;
            }

            if (junkStart >= 0)
            {
                Attach(records, data, junkStart, p);
                junkStart = -1;
            }

            records.Add(new TlogRecord(data.AsSpan(p, length).ToArray()));
            p += length;
        }

        if (junkStart >= 0)
        {
            Attach(records, data, junkStart, data.Length);
        }

        return new TlogFile(records);
    }

    public byte[] ToBytes()
    {
        using var ms = new MemoryStream();
        foreach (var r in Records)
        {
            ms.Write(r.Bytes);
        }

        return ms.ToArray();
    }

    private static void Attach(List<TlogRecord> records, byte[] data, int from, int to)
    {
        if (records.Count == 0)
        {
            return; // leading junk has no record to travel with; it is dropped from edited copies (recorded in the truth)
        }

        var last = records[^1];
        records[^1] = new TlogRecord([.. last.Bytes, .. data.AsSpan(from, to - from)]);
    }

    private static int RecordLength(byte[] d, int p)
    {
        if (p + 10 > d.Length)
        {
            return 0;
        }

        ulong us = BinaryPrimitives.ReadUInt64BigEndian(d.AsSpan(p));
        if (us is < MinMicros or > MaxMicros)
        {
            return 0;
        }

        int length = d[p + 8] switch
        {
            0xFE => 8 + 6 + d[p + 9] + 2,
            0xFD when p + 11 <= d.Length => 8 + 10 + d[p + 9] + 2 + ((d[p + 10] & 1) != 0 ? 13 : 0),
            _ => 0,
        };
        return length > 0 && p + length <= d.Length ? length : 0;
    }
}

/// <summary>One tlog record (timestamp + packet, plus any unparsed bytes that followed it).</summary>
public sealed class TlogRecord(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public ulong Micros
    {
        get => BinaryPrimitives.ReadUInt64BigEndian(Bytes);
        set => BinaryPrimitives.WriteUInt64BigEndian(Bytes, value);
    }

    public double UnixSeconds => Micros / 1e6;

    public bool IsV2 => Bytes[8] == 0xFD;

    public uint MessageId => IsV2 ? (uint)(Bytes[15] | (Bytes[16] << 8) | (Bytes[17] << 16)) : Bytes[13];

    public int PayloadLength => Bytes[9];

    /// <summary>The sender's system id (v1 byte 3 of the packet, v2 byte 5).</summary>
    public byte SystemId
    {
        get => Bytes[IsV2 ? 13 : 11];
        set => Bytes[IsV2 ? 13 : 11] = value;
    }

    /// <summary>Index in <see cref="Bytes"/> of the first payload byte.</summary>
    public int PayloadStart => IsV2 ? 18 : 14;
}
