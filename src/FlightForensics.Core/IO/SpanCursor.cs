using System.Buffers.Binary;

namespace FlightForensics.Core.IO;

/// <summary>
/// A bounds-checked little-endian reader over a span, in the manner of <c>Utf8JsonReader</c>:
/// <c>TryRead...</c> never throws and never advances past the end.
/// </summary>
public ref struct SpanCursor
{
    private readonly ReadOnlySpan<byte> _data;

    public SpanCursor(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; private set; }
    public readonly int Length => _data.Length;
    public readonly int Remaining => _data.Length - Position;
    public readonly ReadOnlySpan<byte> Rest => _data[Position..];

    public bool TrySkip(int count)
    {
        if ((uint)count > (uint)Remaining)
        {
            return false;
        }

        Position += count;
        return true;
    }

    public bool TryReadByte(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }

        value = _data[Position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt16LittleEndian(_data.Slice(Position, 2));
        Position += 2;
        return true;
    }

    public bool TryReadInt16(out short value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadInt16LittleEndian(_data.Slice(Position, 2));
        Position += 2;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt32LittleEndian(_data.Slice(Position, 4));
        Position += 4;
        return true;
    }

    public bool TryReadInt32(out int value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadInt32LittleEndian(_data.Slice(Position, 4));
        Position += 4;
        return true;
    }

    public bool TryReadUInt64(out ulong value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64LittleEndian(_data.Slice(Position, 8));
        Position += 8;
        return true;
    }

    public bool TryReadInt64(out long value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadInt64LittleEndian(_data.Slice(Position, 8));
        Position += 8;
        return true;
    }

    public bool TryReadSingle(out float value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadSingleLittleEndian(_data.Slice(Position, 4));
        Position += 4;
        return true;
    }

    public bool TryReadDouble(out double value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(Position, 8));
        Position += 8;
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> value)
    {
        if ((uint)count > (uint)Remaining)
        {
            value = default;
            return false;
        }

        value = _data.Slice(Position, count);
        Position += count;
        return true;
    }
}
