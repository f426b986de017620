using System.Buffers.Binary;
using System.Text;

namespace FlightForensics.RemoteId.Tests;

/// <summary>
/// Builds small captures byte by byte from the published layouts (pcap draft, pcapng draft, radiotap, 802.11,
/// ASTM F3411), for the Synthetic... tests. Written apart from the decoder: no decoder type is used here.
/// </summary>
internal static class SyntheticCapture
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 10, 20, 30, TimeSpan.Zero);

    public static byte[] BasicId(string id, int idType = 1, int uaType = 2)
    {
        var m = new byte[25];
        m[0] = 0x02; // type 0, protocol version 2
        m[1] = (byte)((idType << 4) | uaType);
        Encoding.ASCII.GetBytes(id).CopyTo(m, 2);
        return m;
    }

    public static byte[] Location(double latDeg, double lonDeg, int tenthsPastHour = 0, int speedRaw = 0, int heightRaw = 2200)
    {
        var m = new byte[25];
        m[0] = 0x12; // type 1, version 2
        m[1] = 0x20; // airborne, height above takeoff, no segment, multiplier 0
        m[3] = (byte)speedRaw;
        BinaryPrimitives.WriteInt32LittleEndian(m.AsSpan(5), (int)Math.Round(latDeg * 1e7));
        BinaryPrimitives.WriteInt32LittleEndian(m.AsSpan(9), (int)Math.Round(lonDeg * 1e7));
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(17), (ushort)heightRaw);
        BinaryPrimitives.WriteUInt16LittleEndian(m.AsSpan(21), (ushort)tenthsPastHour);
        return m;
    }

    public static byte[] SystemMessage(double opLat, double opLon)
    {
        var m = new byte[25];
        m[0] = 0x42;
        m[1] = 0x01;
        BinaryPrimitives.WriteInt32LittleEndian(m.AsSpan(2), (int)Math.Round(opLat * 1e7));
        BinaryPrimitives.WriteInt32LittleEndian(m.AsSpan(6), (int)Math.Round(opLon * 1e7));
        return m;
    }

    public static byte[] AuthPage(int page, int lastPage = 1)
    {
        var m = new byte[25];
        m[0] = 0x22;
        m[1] = (byte)((1 << 4) | page);
        if (page == 0)
        {
            m[2] = (byte)lastPage;
            m[3] = 30;
        }

        return m;
    }

    public static byte[] Pack(int statedCount, params byte[][] messages)
    {
        var p = new List<byte> { 0xF2, 25, (byte)statedCount };
        foreach (var m in messages)
        {
            p.AddRange(m);
        }

        return [.. p];
    }

    /// <summary>A beacon with the Open Drone ID vendor element (OUI FA:0B:BC, type 0x0D, counter, pack).</summary>
    public static byte[] Beacon(byte[] source, byte[] pack, bool withOdid = true)
    {
        var f = new List<byte> { 0x80, 0x00, 0, 0 };
        f.AddRange(Enumerable.Repeat((byte)0xFF, 6));
        f.AddRange(source);
        f.AddRange(source);
        f.AddRange([0, 0]); // sequence
        f.AddRange(new byte[12]); // timestamp, interval, capabilities
        f.AddRange([0, 4, (byte)'T', (byte)'E', (byte)'S', (byte)'T']); // SSID element
        if (withOdid)
        {
            f.AddRange([0xDD, (byte)(5 + pack.Length), 0xFA, 0x0B, 0xBC, 0x0D, 0x01]);
            f.AddRange(pack);
        }

        return [.. f];
    }

    /// <summary>Radiotap with TSFT and Flags, optionally an extended present word with unknown bits and a vendor namespace.</summary>
    public static byte[] Radiotap(byte[] frame, bool extensions = false, bool fcs = false)
    {
        var h = new List<byte> { 0, 0, 0, 0 };
        if (extensions)
        {
            // word 0: TSFT, Flags, unknown bit 27, vendor namespace next (bit 30), extension (bit 31);
            // word 1: unknown bits (vendor namespace), no further extension.
            AddU32(h, 0x0000_0003u | (1u << 27) | (1u << 30) | (1u << 31));
            AddU32(h, 0x0000_00FFu);
        }
        else
        {
            AddU32(h, 0x0000_0003u);
        }

        while (h.Count % 8 != 0)
        {
            h.Add(0);
        }

        h.AddRange(new byte[8]); // TSFT
        h.Add((byte)(fcs ? 0x10 : 0)); // Flags
        if (extensions)
        {
            h.AddRange([0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x01]); // the unknown fields' bytes, skipped by length
        }

        BinaryPrimitives.WriteUInt16LittleEndian(global::System.Runtime.InteropServices.CollectionsMarshal.AsSpan(h)[2..], (ushort)h.Count);
        h.AddRange(frame);
        if (fcs)
        {
            h.AddRange([0xDE, 0xAD, 0xBE, 0xEF]);
        }

        return [.. h];
    }

    public static byte[] Pcap(int linkType, IEnumerable<(DateTimeOffset Time, byte[] Data)> packets, bool bigEndian = false, bool nanoseconds = false, int? capturedOverride = null)
    {
        var o = new List<byte>();
        Put32(o, nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u, bigEndian);
        Put16(o, 2, bigEndian);
        Put16(o, 4, bigEndian);
        Put32(o, 0, bigEndian);
        Put32(o, 0, bigEndian);
        Put32(o, 262144, bigEndian);
        Put32(o, (uint)linkType, bigEndian);
        foreach (var (time, data) in packets)
        {
            long ticks = (time - DateTimeOffset.UnixEpoch).Ticks;
            Put32(o, (uint)(ticks / TimeSpan.TicksPerSecond), bigEndian);
            Put32(o, (uint)(nanoseconds ? ticks % TimeSpan.TicksPerSecond * 100 : ticks % TimeSpan.TicksPerSecond / 10), bigEndian);
            Put32(o, (uint)(capturedOverride ?? data.Length), bigEndian);
            Put32(o, (uint)data.Length, bigEndian);
            o.AddRange(data);
        }

        return [.. o];
    }

    public static byte[] PcapngSection() => Block(0x0A0D0D0A, [0x4D, 0x3C, 0x2B, 0x1A, 1, 0, 0, 0, .. Enumerable.Repeat((byte)0xFF, 8)]);

    public static byte[] PcapngInterface(int linkType, byte? tsresol = null)
    {
        var b = new List<byte>();
        AddU16(b, (ushort)linkType);
        AddU16(b, 0);
        AddU32(b, 0);
        if (tsresol is byte r)
        {
            AddU16(b, 9);
            AddU16(b, 1);
            b.AddRange([r, 0, 0, 0]);
            AddU32(b, 0);
        }

        return Block(1, [.. b]);
    }

    public static byte[] PcapngPacket(int interfaceId, ulong units, byte[] data, int? original = null, string? comment = null)
    {
        var b = new List<byte>();
        AddU32(b, (uint)interfaceId);
        AddU32(b, (uint)(units >> 32));
        AddU32(b, (uint)units);
        AddU32(b, (uint)data.Length);
        AddU32(b, (uint)(original ?? data.Length));
        b.AddRange(data);
        while (b.Count % 4 != 0)
        {
            b.Add(0);
        }

        if (comment is not null)
        {
            var text = Encoding.UTF8.GetBytes(comment);
            AddU16(b, 1);
            AddU16(b, (ushort)text.Length);
            b.AddRange(text);
            while (b.Count % 4 != 0)
            {
                b.Add(0);
            }

            AddU32(b, 0);
        }

        return Block(6, [.. b]);
    }

    public static byte[] Block(uint type, byte[] body)
    {
        var b = new List<byte>();
        int length = 12 + body.Length;
        AddU32(b, type);
        AddU32(b, (uint)length);
        b.AddRange(body);
        AddU32(b, (uint)length);
        return [.. b];
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static void AddU16(List<byte> b, ushort v) => b.AddRange([(byte)v, (byte)(v >> 8)]);

    private static void AddU32(List<byte> b, uint v) => b.AddRange([(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);

    private static void Put16(List<byte> b, ushort v, bool be) => b.AddRange(be ? [(byte)(v >> 8), (byte)v] : [(byte)v, (byte)(v >> 8)]);

    private static void Put32(List<byte> b, uint v, bool be) => b.AddRange(be ? [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v] : [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)]);
}
