using System.Buffers.Binary;
using System.Text;

namespace FlightForensics.OnboardLogs.Tests;

/// <summary>
/// A small ULog encoder for synthetic fixtures (ULog spec as summarised in mavlink-formats.md §7): 16-byte header,
/// then messages of u16 size, u8 type, body.
/// </summary>
internal sealed class ULogTestLog
{
    private readonly List<byte> _out = [];

    public ULogTestLog(ulong headerTimestampUs = 1000, byte version = 1)
    {
        _out.AddRange("ULog\x01\x12\x35"u8.ToArray());
        _out.Add(version);
        _out.AddRange(U64(headerTimestampUs));
    }

    public long Position => _out.Count;

    public ULogTestLog Message(char type, byte[] body)
    {
        _out.AddRange(U16((ushort)body.Length));
        _out.Add((byte)type);
        _out.AddRange(body);
        return this;
    }

    public ULogTestLog FlagBits(byte incompat0 = 0, ulong appended0 = 0) =>
        Message('B', [.. new byte[8], incompat0, .. new byte[7], .. U64(appended0), .. U64(0), .. U64(0)]);

    public ULogTestLog Format(string definition) => Message('F', Encoding.ASCII.GetBytes(definition));

    public ULogTestLog Info(string typeAndKey, byte[] value) =>
        Message('I', [(byte)typeAndKey.Length, .. Encoding.ASCII.GetBytes(typeAndKey), .. value]);

    public ULogTestLog InfoString(string key, string value) => Info($"char[{value.Length}] {key}", Encoding.ASCII.GetBytes(value));

    public ULogTestLog Subscribe(ushort msgId, string name, byte multiId = 0) =>
        Message('A', [multiId, .. U16(msgId), .. Encoding.ASCII.GetBytes(name)]);

    public ULogTestLog Data(ushort msgId, byte[] payload) => Message('D', [.. U16(msgId), .. payload]);

    public ULogTestLog Log(char level, ulong timestampUs, string text) =>
        Message('L', [(byte)level, .. U64(timestampUs), .. Encoding.UTF8.GetBytes(text)]);

    public ULogTestLog TaggedLog(char level, ushort tag, ulong timestampUs, string text) =>
        Message('C', [(byte)level, .. U16(tag), .. U64(timestampUs), .. Encoding.UTF8.GetBytes(text)]);

    public ULogTestLog Dropout(ushort ms) => Message('O', U16(ms));

    public ULogTestLog Raw(params byte[] bytes)
    {
        _out.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _out];

    public static byte[] U16(ushort v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); return b; }
    public static byte[] U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); return b; }
    public static byte[] I32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }
    public static byte[] U64(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); return b; }
    public static byte[] F32(float v) { var b = new byte[4]; BinaryPrimitives.WriteSingleLittleEndian(b, v); return b; }
    public static byte[] F64(double v) { var b = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); return b; }
}
