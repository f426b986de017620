using System.Buffers.Binary;
using System.Text;

namespace FlightForensics.OnboardLogs.ULog;

/// <summary>ULog message types (ULog spec; one ASCII letter each).</summary>
public static class ULogMessageType
{
    public const byte FlagBits = (byte)'B';
    public const byte Format = (byte)'F';
    public const byte Info = (byte)'I';
    public const byte MultiInfo = (byte)'M';
    public const byte Parameter = (byte)'P';
    public const byte DefaultParameter = (byte)'Q';
    public const byte Subscription = (byte)'A';
    public const byte Unsubscription = (byte)'R';
    public const byte Data = (byte)'D';
    public const byte Logging = (byte)'L';
    public const byte TaggedLogging = (byte)'C';
    public const byte Sync = (byte)'S';
    public const byte Dropout = (byte)'O';

    public static bool IsKnown(byte type) => type is FlagBits or Format or Info or MultiInfo or Parameter or DefaultParameter
        or Subscription or Unsubscription or Data or Logging or TaggedLogging or Sync or Dropout;
}

/// <summary>One ULog message as read, valid until the reader moves on.</summary>
public readonly ref struct ULogMessage
{
    internal ULogMessage(long offset, byte type, ReadOnlySpan<byte> body, ULogSubscription? subscription)
    {
        Offset = offset;
        Type = type;
        Body = body;
        Subscription = subscription;
    }

    /// <summary>Byte offset of the message's 3-byte header in the evidence.</summary>
    public long Offset { get; }

    /// <summary>The message type letter (see <see cref="ULogMessageType"/>).</summary>
    public byte Type { get; }

    /// <summary>The message after its 3-byte header.</summary>
    public ReadOnlySpan<byte> Body { get; }

    /// <summary>For a data message whose msg_id is subscribed: the subscription.</summary>
    public ULogSubscription? Subscription { get; }

    /// <summary>For a data message: the fields, laid out per the subscription's format (empty when unresolved).</summary>
    public ULogData Data => Type == ULogMessageType.Data && Body.Length >= 2 && Subscription?.Format is ULogFormat f
        ? new ULogData(f, Body[2..])
        : default;

    /// <summary>For 'L' and 'C': the level byte ('0' emergency .. '7' debug), the tag ('C' only), the timestamp and the text.</summary>
    public bool TryGetLogString(out byte level, out ushort? tag, out ulong timestampUs, out string text)
    {
        level = 0;
        tag = null;
        timestampUs = 0;
        text = "";
        int header = Type == ULogMessageType.TaggedLogging ? 11 : Type == ULogMessageType.Logging ? 9 : -1;
        if (header < 0 || Body.Length < header)
        {
            return false;
        }

        level = Body[0];
        if (Type == ULogMessageType.TaggedLogging)
        {
            tag = BinaryPrimitives.ReadUInt16LittleEndian(Body[1..]);
            timestampUs = BinaryPrimitives.ReadUInt64LittleEndian(Body[3..]);
        }
        else
        {
            timestampUs = BinaryPrimitives.ReadUInt64LittleEndian(Body[1..]);
        }

        var t = Body[header..];
        int nul = t.IndexOf((byte)0);
        text = Encoding.UTF8.GetString(nul >= 0 ? t[..nul] : t);
        return true;
    }
}

/// <summary>The fields of one data message, read in place.</summary>
public readonly ref struct ULogData
{
    internal ULogData(ULogFormat format, ReadOnlySpan<byte> payload)
    {
        Format = format;
        Payload = payload;
    }

    public ULogFormat? Format { get; }

    /// <summary>The message body after the msg_id.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    public bool IsEmpty => Format is null;

    /// <summary>A numeric field (element <paramref name="element"/> of an array) as double; false when absent or cut off.</summary>
    public bool TryGetDouble(int field, out double value, int element = 0)
    {
        value = 0;
        if (!TrySlice(field, element, out var s, out var type))
        {
            return false;
        }

        value = type switch
        {
            ULogBaseType.Int8 => (sbyte)s[0],
            ULogBaseType.UInt8 or ULogBaseType.Bool or ULogBaseType.Char => s[0],
            ULogBaseType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(s),
            ULogBaseType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(s),
            ULogBaseType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(s),
            ULogBaseType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(s),
            ULogBaseType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(s),
            ULogBaseType.UInt64 => BinaryPrimitives.ReadUInt64LittleEndian(s),
            ULogBaseType.Float => BinaryPrimitives.ReadSingleLittleEndian(s),
            _ => BinaryPrimitives.ReadDoubleLittleEndian(s),
        };
        return true;
    }

    /// <summary>An integer field exactly (uint64 above long.MaxValue is clamped); false for floats, absent or cut-off fields.</summary>
    public bool TryGetInt64(int field, out long value, int element = 0)
    {
        value = 0;
        if (!TrySlice(field, element, out var s, out var type))
        {
            return false;
        }

        switch (type)
        {
            case ULogBaseType.Int8: value = (sbyte)s[0]; return true;
            case ULogBaseType.UInt8 or ULogBaseType.Bool or ULogBaseType.Char: value = s[0]; return true;
            case ULogBaseType.Int16: value = BinaryPrimitives.ReadInt16LittleEndian(s); return true;
            case ULogBaseType.UInt16: value = BinaryPrimitives.ReadUInt16LittleEndian(s); return true;
            case ULogBaseType.Int32: value = BinaryPrimitives.ReadInt32LittleEndian(s); return true;
            case ULogBaseType.UInt32: value = BinaryPrimitives.ReadUInt32LittleEndian(s); return true;
            case ULogBaseType.Int64: value = BinaryPrimitives.ReadInt64LittleEndian(s); return true;
            case ULogBaseType.UInt64:
                ulong u = BinaryPrimitives.ReadUInt64LittleEndian(s);
                value = u > long.MaxValue ? long.MaxValue : (long)u;
                return true;
            default: return false;
        }
    }

    /// <summary>A char[] field up to its first NUL.</summary>
    public string? GetString(int field)
    {
        if (Format is null || (uint)field >= (uint)Format.Fields.Count || Format.Fields[field].Type != ULogBaseType.Char)
        {
            return null;
        }

        var f = Format.Fields[field];
        if (f.Offset >= Payload.Length)
        {
            return null;
        }

        var s = Payload.Slice(f.Offset, Math.Min(f.Size, Payload.Length - f.Offset));
        int nul = s.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? s[..nul] : s);
    }

    private bool TrySlice(int field, int element, out ReadOnlySpan<byte> slice, out ULogBaseType type)
    {
        slice = default;
        type = default;
        if (Format is null || (uint)field >= (uint)Format.Fields.Count)
        {
            return false;
        }

        var f = Format.Fields[field];
        if ((uint)element >= (uint)f.ArrayLength)
        {
            return false;
        }

        int at = f.Offset + (element * f.ElementSize);
        if (at + f.ElementSize > Payload.Length)
        {
            return false;
        }

        slice = Payload.Slice(at, f.ElementSize);
        type = f.Type;
        return true;
    }
}
