using System.Buffers.Binary;
using System.Text;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Synthesis.Mavlink;

/// <summary>Fills a message payload field by field, by the names of the XML definitions.</summary>
public sealed class MavlinkPayloadBuilder
{
    private readonly byte[] _payload;

    public MavlinkPayloadBuilder(MavlinkMessageInfo message)
    {
        Message = message ?? throw new ArgumentNullException(nameof(message));
        _payload = new byte[message.MaxLength];
    }

    /// <summary>A builder for a message of the dialect by name (e.g. <c>GLOBAL_POSITION_INT</c>).</summary>
    public static MavlinkPayloadBuilder For(string messageName) =>
        new(MavlinkDialect.Find(messageName) ?? throw new ArgumentException($"no message {messageName} in the dialect", nameof(messageName)));

    public MavlinkMessageInfo Message { get; }

    /// <summary>The full (untruncated) payload.</summary>
    public ReadOnlySpan<byte> Payload => _payload;

    /// <summary>Sets a numeric field (element <paramref name="index"/> of an array); the value is converted to the wire type.</summary>
    public MavlinkPayloadBuilder Set(string field, double value, int index = 0)
    {
        var f = Field(field);
        if ((uint)index >= (uint)Math.Max(1, f.ArrayLength))
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        var at = _payload.AsSpan(f.Offset + (index * f.ElementSize), f.ElementSize);
        switch (f.Type)
        {
            case MavlinkFieldType.Char:
            case MavlinkFieldType.UInt8: at[0] = checked((byte)value); break;
            case MavlinkFieldType.Int8: at[0] = unchecked((byte)checked((sbyte)value)); break;
            case MavlinkFieldType.Int16: BinaryPrimitives.WriteInt16LittleEndian(at, checked((short)value)); break;
            case MavlinkFieldType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(at, checked((ushort)value)); break;
            case MavlinkFieldType.Int32: BinaryPrimitives.WriteInt32LittleEndian(at, checked((int)value)); break;
            case MavlinkFieldType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(at, checked((uint)value)); break;
            case MavlinkFieldType.Int64: BinaryPrimitives.WriteInt64LittleEndian(at, checked((long)value)); break;
            case MavlinkFieldType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(at, checked((ulong)value)); break;
            case MavlinkFieldType.Float: BinaryPrimitives.WriteSingleLittleEndian(at, (float)value); break;
            default: BinaryPrimitives.WriteDoubleLittleEndian(at, value); break;
        }

        return this;
    }

    /// <summary>Sets a 64-bit unsigned field exactly (values above 2^53 do not survive a double).</summary>
    public MavlinkPayloadBuilder SetUInt64(string field, ulong value)
    {
        var f = Field(field);
        if (f.Type is not (MavlinkFieldType.UInt64 or MavlinkFieldType.Int64))
        {
            throw new ArgumentException($"{field} is not a 64-bit field", nameof(field));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(_payload.AsSpan(f.Offset, 8), value);
        return this;
    }

    /// <summary>Sets a char[N] field (Latin-1; cut to N bytes, NUL-padded).</summary>
    public MavlinkPayloadBuilder SetText(string field, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var f = Field(field);
        if (f.Type != MavlinkFieldType.Char || !f.IsArray)
        {
            throw new ArgumentException($"{field} is not a char array", nameof(field));
        }

        var target = _payload.AsSpan(f.Offset, f.ArrayLength);
        target.Clear();
        var bytes = Encoding.Latin1.GetBytes(text);
        bytes.AsSpan(0, Math.Min(bytes.Length, target.Length)).CopyTo(target);
        return this;
    }

    /// <summary>Sets raw bytes of a uint8_t[N] or char[N] field.</summary>
    public MavlinkPayloadBuilder SetBytes(string field, ReadOnlySpan<byte> bytes)
    {
        var f = Field(field);
        var target = _payload.AsSpan(f.Offset, f.Size);
        target.Clear();
        bytes[..Math.Min(bytes.Length, target.Length)].CopyTo(target);
        return this;
    }

    private MavlinkFieldInfo Field(string name) =>
        Message.FindField(name) ?? throw new ArgumentException($"{Message.Name} has no field {name}", nameof(name));
}
