using System.Buffers.Binary;
using System.Text;

namespace FlightForensics.OnboardLogs.Tests;

/// <summary>
/// A small DataFlash encoder for synthetic fixtures: FMT records and records of the defined types, laid out
/// per mavlink-formats.md §6.1 (A3 95 type, body by format characters, FMT = type 128, 89 bytes).
/// </summary>
internal sealed class DataFlashTestLog
{
    private readonly List<byte> _out = [];
    private readonly Dictionary<byte, string> _formats = [];

    public long Position => _out.Count;

    public DataFlashTestLog Fmt(byte type, string name, string format, string columns, int? lengthOverride = null)
    {
        int length = lengthOverride ?? 3 + format.Sum(SizeOf);
        _formats[type] = format;
        Span<byte> body = stackalloc byte[86];
        body.Clear();
        body[0] = type;
        body[1] = (byte)length;
        Encoding.ASCII.GetBytes(name).CopyTo(body[2..6]);
        Encoding.ASCII.GetBytes(format).CopyTo(body[6..22]);
        Encoding.ASCII.GetBytes(columns).CopyTo(body[22..86]);
        _out.AddRange([0xA3, 0x95, 0x80]);
        _out.AddRange(body.ToArray());
        return this;
    }

    /// <summary>Standard FMT/UNIT/MULT/FMTU definitions at the ids ArduPilot uses.</summary>
    public DataFlashTestLog Preamble()
    {
        Fmt(128, "FMT", "BBnNZ", "Type,Length,Name,Format,Columns");
        Fmt(177, "FMTU", "QBNN", "TimeUS,FmtType,UnitIds,MultIds");
        Fmt(178, "UNIT", "QbZ", "TimeUS,Id,Label");
        Fmt(179, "MULT", "Qbd", "TimeUS,Id,Mult");
        return this;
    }

    /// <summary>Writes a record of a defined type; values in column order (strings for n/N/Z, numbers as raw stored values).</summary>
    public DataFlashTestLog Rec(byte type, params object[] values)
    {
        string format = _formats[type];
        _out.AddRange([0xA3, 0x95, type]);
        for (int i = 0; i < format.Length; i++)
        {
            object v = i < values.Length ? values[i] : 0;
            var buf = new byte[SizeOf(format[i])];
            switch (format[i])
            {
                case 'b': buf[0] = (byte)(sbyte)Convert.ToInt64(v); break;
                case 'B' or 'M': buf[0] = (byte)Convert.ToInt64(v); break;
                case 'h' or 'c': BinaryPrimitives.WriteInt16LittleEndian(buf, (short)Convert.ToInt64(v)); break;
                case 'H' or 'C': BinaryPrimitives.WriteUInt16LittleEndian(buf, (ushort)Convert.ToInt64(v)); break;
                case 'i' or 'e' or 'L': BinaryPrimitives.WriteInt32LittleEndian(buf, (int)Convert.ToInt64(v)); break;
                case 'I' or 'E': BinaryPrimitives.WriteUInt32LittleEndian(buf, (uint)Convert.ToInt64(v)); break;
                case 'f': BinaryPrimitives.WriteSingleLittleEndian(buf, Convert.ToSingle(v, System.Globalization.CultureInfo.InvariantCulture)); break;
                case 'd': BinaryPrimitives.WriteDoubleLittleEndian(buf, Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)); break;
                case 'q': BinaryPrimitives.WriteInt64LittleEndian(buf, Convert.ToInt64(v)); break;
                case 'Q': BinaryPrimitives.WriteUInt64LittleEndian(buf, Convert.ToUInt64(v)); break;
                case 'n' or 'N' or 'Z': Encoding.ASCII.GetBytes((string)v).AsSpan(0, Math.Min(((string)v).Length, buf.Length)).CopyTo(buf); break;
                default: throw new InvalidOperationException("format char " + format[i]);
            }

            _out.AddRange(buf);
        }

        return this;
    }

    public DataFlashTestLog Raw(params byte[] bytes)
    {
        _out.AddRange(bytes);
        return this;
    }

    public byte[] ToArray() => [.. _out];

    private static int SizeOf(char c) => c switch
    {
        'b' or 'B' or 'M' => 1,
        'h' or 'H' or 'c' or 'C' => 2,
        'i' or 'I' or 'f' or 'e' or 'E' or 'L' or 'n' => 4,
        'd' or 'q' or 'Q' => 8,
        'N' => 16,
        'Z' => 64,
        _ => throw new InvalidOperationException("format char " + c),
    };
}

/// <summary>A read-only, non-seekable view of a byte array (as a pipe would be).</summary>
internal sealed class NonSeekableStream(byte[] data) : Stream
{
    private readonly MemoryStream _inner = new(data, writable: false);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 1000));
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
