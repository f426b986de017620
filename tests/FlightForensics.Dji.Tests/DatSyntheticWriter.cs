using System.Buffers.Binary;
using System.Text;
using FlightForensics.Dji.Dat;

namespace FlightForensics.Dji.Tests;

/// <summary>
/// Our own encoder for the documented .DAT layout (dji-formats.md §4), for tests named "Synthetic":
/// BUILD header, 0x55 records with XOR-ed payloads and CRC-16 (seed 0x3692), GPS and IMU payloads, LOGH blocks.
/// </summary>
internal sealed class DatSyntheticWriter
{
    private readonly List<byte> _out = [];

    public long Position => _out.Count;

    public DatSyntheticWriter BuildHeader(bool v3, byte aircraftCode = 16, string firmwareDate = "2017-08-01")
    {
        var header = new byte[v3 ? DatLayout.V3RecordsStart : DatLayout.V1RecordsStart];
        header[0] = aircraftCode;
        "BUILD"u8.CopyTo(header.AsSpan(16));
        Encoding.ASCII.GetBytes(firmwareDate).CopyTo(header.AsSpan(21));
        if (v3)
        {
            "DJI_LOG_V3"u8.CopyTo(header.AsSpan(242));
        }

        _out.AddRange(header);
        return this;
    }

    public DatSyntheticWriter Raw(ReadOnlySpan<byte> bytes)
    {
        _out.AddRange(bytes);
        return this;
    }

    public DatSyntheticWriter Padding(int zeros) => Raw(new byte[zeros]);

    /// <summary>One record; <paramref name="breakCrc"/> stores a wrong checksum.</summary>
    public DatSyntheticWriter Record(ushort type, uint tick, ReadOnlySpan<byte> payload, bool breakCrc = false)
    {
        _out.AddRange(EncodeRecord(type, tick, payload, breakCrc));
        return this;
    }

    public static byte[] EncodeRecord(ushort type, uint tick, ReadOnlySpan<byte> payload, bool breakCrc = false)
    {
        int length = 10 + payload.Length + 2;
        if (length > 255)
        {
            throw new ArgumentException("payload too long for a u8 record length", nameof(payload));
        }

        var record = new byte[length];
        record[0] = 0x55;
        record[1] = (byte)length;
        record[2] = 0;
        record[3] = 0x5A; // header check byte: not verified by any reader
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(4), type);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(6), tick);
        for (int i = 0; i < payload.Length; i++)
        {
            record[10 + i] = (byte)(payload[i] ^ (byte)tick);
        }

        ushort crc = DatCrc16.Compute(record.AsSpan(0, length - 2));
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(length - 2), breakCrc ? (ushort)~crc : crc);
        return record;
    }

    public static byte[] Gps(uint date, uint time, double lon, double lat, double heightM, float velNcm, float velEcm, float velDcm, ushort satellites)
    {
        var p = new byte[72];
        BinaryPrimitives.WriteUInt32LittleEndian(p, date);
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(4), time);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(8), (int)Math.Round(lon * 1e7));
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(12), (int)Math.Round(lat * 1e7));
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(16), (int)Math.Round(heightM * 1000));
        BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(20), velNcm);
        BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(24), velEcm);
        BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(28), velDcm);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(64), satellites);
        return p;
    }

    /// <summary>IMU_ATTI payload (120 bytes): lon/lat radians, and the quaternion for a yaw-only attitude.</summary>
    public static byte[] Imu(double lonDeg, double latDeg, double yawDeg)
    {
        var p = new byte[120];
        BinaryPrimitives.WriteDoubleLittleEndian(p, lonDeg * Math.PI / 180);
        BinaryPrimitives.WriteDoubleLittleEndian(p.AsSpan(8), latDeg * Math.PI / 180);
        double half = yawDeg * Math.PI / 360;
        BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(48), (float)Math.Cos(half));
        BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(52), 0f);
        BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(56), 0f);
        BinaryPrimitives.WriteSingleLittleEndian(p.AsSpan(60), (float)Math.Sin(half));
        return p;
    }

    /// <summary>OSD payload (id 12, the .txt OSD layout, dji-formats.md §3.1): flags @32 (bit3 motors up), motor start failure @38, battery % @40.</summary>
    public static byte[] Osd(byte batteryPercent, bool motorsUp, byte motorStartFailure = 0)
    {
        var p = new byte[53];
        p[32] = (byte)(motorsUp ? 0x08 : 0x00);
        p[38] = motorStartFailure;
        p[40] = batteryPercent;
        return p;
    }

    public static byte[] Logh(string model, string serial, ulong dataLength)
    {
        var block = new byte[0x38 + (int)Math.Min(dataLength, 4096)];
        "LOGH"u8.CopyTo(block);
        BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(8), 0x38);
        BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(16), dataLength);
        Encoding.ASCII.GetBytes(model).CopyTo(block.AsSpan(0x18));
        Encoding.ASCII.GetBytes(serial).CopyTo(block.AsSpan(0x28));
        new Random(7).NextBytes(block.AsSpan(0x38)); // stands in for the AES body
        return block;
    }

    public static byte[] AssistantItem(string product, string path, byte[] data)
    {
        var header = new byte[DatLayout.AssistantItemHeaderBytes];
        header[0] = 0xA4;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), (uint)data.Length);
        Encoding.ASCII.GetBytes(product).CopyTo(header.AsSpan(7));
        Encoding.ASCII.GetBytes(path).CopyTo(header.AsSpan(0x0C));
        return [.. header, .. data];
    }

    public byte[] ToArray() => _out.ToArray();
}
