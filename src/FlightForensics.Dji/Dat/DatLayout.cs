using System.Buffers.Binary;
using System.Text;

namespace FlightForensics.Dji.Dat;

/// <summary>The kinds of .DAT file this decoder recognises.</summary>
public enum DatLayoutKind
{
    Unknown = 0,

    /// <summary>Aircraft SD-card log with the <c>BUILD</c> header, V3 layout (<c>DJI_LOG_V3</c> at 242): records from 256.</summary>
    V3,

    /// <summary><c>BUILD</c> header without the V3 mark (Phantom 3 / Inspire 1): records from 128.</summary>
    V1,

    /// <summary>No <c>BUILD</c> header; records after a short header (the DJI GO 4 app cache, dji-formats.md addendum).</summary>
    Headerless,

    /// <summary>Starts with <c>LOGH</c>: AES-encrypted log of newer aircraft, identified but not decoded.</summary>
    LoghEncrypted,

    /// <summary>DJI Assistant 2 export: items (0x11B-byte headers) that usually hold <c>LOGH</c> blocks.</summary>
    AssistantExport,
}

/// <summary>What the first bytes of a .DAT say (dji-formats.md §4).</summary>
public readonly record struct DatLayout(DatLayoutKind Kind, long RecordsStart, byte AircraftCode, string? FirmwareDate)
{
    public const int V1RecordsStart = 128;
    public const int V3RecordsStart = 256;

    public string VersionName => Kind switch
    {
        DatLayoutKind.V3 => "v3",
        DatLayoutKind.V1 => "v1",
        DatLayoutKind.Headerless => "headerless",
        DatLayoutKind.LoghEncrypted => "logh-encrypted",
        DatLayoutKind.AssistantExport => "assistant-export",
        _ => "unknown",
    };

    /// <summary>Tick rate of the record clock: 600 Hz on P3/I1 (V1), 85 MHz on the M100, 4.5 MHz otherwise (DatCon DatHeader).</summary>
    public double TicksPerSecond => Kind == DatLayoutKind.V1 ? 600.0 : AircraftCode == 5 && Kind == DatLayoutKind.V3 ? 85e6 : 4.5e6;

    public static DatLayout Detect(ReadOnlySpan<byte> head, int maxHeaderSearch)
    {
        if (head.Length >= 21 && head.Slice(16, 5).SequenceEqual("BUILD"u8))
        {
            bool v3 = head.Length >= 252 && head.Slice(242, 10).SequenceEqual("DJI_LOG_V3"u8);
            string? firmware = head.Length >= 33 ? Printable(head.Slice(21, 12)) : null;
            return new DatLayout(v3 ? DatLayoutKind.V3 : DatLayoutKind.V1, v3 ? V3RecordsStart : V1RecordsStart, head[0], firmware);
        }

        if (head.StartsWith("LOGH"u8))
        {
            return new DatLayout(DatLayoutKind.LoghEncrypted, 0, 0, null);
        }

        if (LooksLikeAssistantExport(head))
        {
            return new DatLayout(DatLayoutKind.AssistantExport, 0, 0, null);
        }

        long first = FindChainedRecords(head, maxHeaderSearch, 3);
        return first >= 0 ? new DatLayout(DatLayoutKind.Headerless, first, 0, null) : default;
    }

    /// <summary>An item header: 0xA4, u32 data length, 2 bytes, 5 ASCII product bytes, then a file path (D3VL/DJI-DAT-Decryptor config).</summary>
    internal static bool LooksLikeAssistantExport(ReadOnlySpan<byte> head)
    {
        if (head.Length < AssistantItemHeaderBytes || head[0] != 0xA4)
        {
            return false;
        }

        var product = head.Slice(7, 5);
        foreach (var b in product)
        {
            if (b is < 0x20 or >= 0x7F)
            {
                return false;
            }
        }

        return head.Slice(0x0C, 1)[0] is >= 0x20 and < 0x7F;
    }

    public const int AssistantItemHeaderBytes = 0x11B;

    /// <summary>The first offset (below <paramref name="limit"/>) where <paramref name="chain"/> records with good checksums follow each other.</summary>
    internal static long FindChainedRecords(ReadOnlySpan<byte> head, int limit, int chain)
    {
        int end = Math.Min(head.Length, limit);
        for (int start = 0; start < end; start++)
        {
            if (head[start] != 0x55)
            {
                continue;
            }

            int p = start, good = 0;
            while (good < chain && TryRecordLength(head, p, out int length))
            {
                good++;
                p += length;
                while (p < head.Length && head[p] == 0)
                {
                    p++; // padding runs between records
                }
            }

            if (good >= chain)
            {
                return start;
            }
        }

        return -1;
    }

    /// <summary>True when a whole record with a good checksum starts at <paramref name="p"/>.</summary>
    internal static bool TryRecordLength(ReadOnlySpan<byte> data, int p, out int length)
    {
        length = 0;
        if (p + 2 > data.Length || data[p] != 0x55)
        {
            return false;
        }

        int l = data[p + 1];
        if (l < DatFrame.MinLength || p + l > data.Length)
        {
            return false;
        }

        var record = data.Slice(p, l);
        if (DatCrc16.Compute(record[..^2]) != BinaryPrimitives.ReadUInt16LittleEndian(record[^2..]))
        {
            return false;
        }

        length = l;
        return true;
    }

    internal static string? Printable(ReadOnlySpan<byte> bytes)
    {
        int n = bytes.IndexOf((byte)0);
        if (n >= 0)
        {
            bytes = bytes[..n];
        }

        foreach (var b in bytes)
        {
            if (b is < 0x20 or >= 0x7F)
            {
                return null;
            }
        }

        var text = Encoding.ASCII.GetString(bytes).Trim();
        return text.Length == 0 ? null : text;
    }
}

/// <summary>Record framing constants: <c>0x55</c>, u8 length, u8 0, u8 header check, u16 type @4, u32 tick @6, payload, u16 CRC.</summary>
internal static class DatFrame
{
    public const byte Start = 0x55;
    public const int HeaderLength = 10;
    public const int MinLength = HeaderLength + 2;
}
