using System.Globalization;
using System.Text;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Mavlink.Codec;

/// <summary>Generic by-name access to every field of every message of the dialect.</summary>
public static class MavlinkFields
{
    /// <summary>Element <paramref name="index"/> of a numeric field as a double (exact for every type but 64-bit integers above 2^53).</summary>
    public static double ReadDouble(ReadOnlySpan<byte> payload, MavlinkFieldInfo field, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(field);
        int at = CheckedOffset(field, index);
        return field.Type switch
        {
            MavlinkFieldType.Float => MavlinkPayload.ReadFloat(payload, at),
            MavlinkFieldType.Double => MavlinkPayload.ReadDouble(payload, at),
            MavlinkFieldType.UInt64 => MavlinkPayload.ReadUInt64(payload, at),
            _ => ReadInt64(payload, field, index),
        };
    }

    /// <summary>Element <paramref name="index"/> of an integer field (a uint64 above long.MaxValue wraps; use <see cref="MavlinkPayload.ReadUInt64"/>).</summary>
    public static long ReadInt64(ReadOnlySpan<byte> payload, MavlinkFieldInfo field, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(field);
        int at = CheckedOffset(field, index);
        return field.Type switch
        {
            MavlinkFieldType.Char or MavlinkFieldType.UInt8 => MavlinkPayload.ReadUInt8(payload, at),
            MavlinkFieldType.Int8 => MavlinkPayload.ReadInt8(payload, at),
            MavlinkFieldType.Int16 => MavlinkPayload.ReadInt16(payload, at),
            MavlinkFieldType.UInt16 => MavlinkPayload.ReadUInt16(payload, at),
            MavlinkFieldType.Int32 => MavlinkPayload.ReadInt32(payload, at),
            MavlinkFieldType.UInt32 => MavlinkPayload.ReadUInt32(payload, at),
            MavlinkFieldType.Int64 => MavlinkPayload.ReadInt64(payload, at),
            MavlinkFieldType.UInt64 => unchecked((long)MavlinkPayload.ReadUInt64(payload, at)),
            MavlinkFieldType.Float => (long)MavlinkPayload.ReadFloat(payload, at),
            _ => (long)MavlinkPayload.ReadDouble(payload, at),
        };
    }

    /// <summary>A char[N] field as text, up to the first NUL (Latin-1, so every byte maps to one character).</summary>
    public static string ReadText(ReadOnlySpan<byte> payload, MavlinkFieldInfo field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Text(MavlinkPayload.Slice(payload, field.Offset, Math.Max(1, field.ArrayLength)));
    }

    /// <summary>Text of a NUL-terminated (or full-length) char array.</summary>
    public static string Text(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return Encoding.Latin1.GetString(nul >= 0 ? bytes[..nul] : bytes);
    }

    /// <summary>The field's value as invariant text: a number, a text for char arrays, "[a, b, ...]" for other arrays.</summary>
    public static string Format(ReadOnlySpan<byte> payload, MavlinkFieldInfo field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Type == MavlinkFieldType.Char && field.IsArray)
        {
            return ReadText(payload, field);
        }

        if (!field.IsArray)
        {
            return FormatElement(payload, field, 0);
        }

        var sb = new StringBuilder("[");
        for (int i = 0; i < field.ArrayLength; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(FormatElement(payload, field, i));
        }

        return sb.Append(']').ToString();
    }

    /// <summary>Every field of a frame's message as name/value text pairs, in wire order (for inspect and users).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(in MavlinkFrame frame)
    {
        var info = frame.Message;
        if (info is null)
        {
            return [];
        }

        var payload = frame.Payload;
        var list = new List<KeyValuePair<string, string>>(info.Fields.Count);
        foreach (var f in info.Fields)
        {
            list.Add(new(f.Name, Format(payload, f)));
        }

        return list;
    }

    /// <summary>A numeric field of a frame by name; false when the message is unknown or has no such field.</summary>
    public static bool TryGetDouble(in MavlinkFrame frame, string fieldName, out double value, int index = 0)
    {
        var field = frame.Message?.FindField(fieldName);
        if (field is null || (uint)index >= (uint)Math.Max(1, field.ArrayLength))
        {
            value = 0;
            return false;
        }

        value = ReadDouble(frame.Payload, field, index);
        return true;
    }

    private static string FormatElement(ReadOnlySpan<byte> payload, MavlinkFieldInfo field, int index) => field.Type switch
    {
        MavlinkFieldType.Float => MavlinkPayload.ReadFloat(payload, field.Offset + (index * 4)).ToString("R", CultureInfo.InvariantCulture),
        MavlinkFieldType.Double => MavlinkPayload.ReadDouble(payload, field.Offset + (index * 8)).ToString("R", CultureInfo.InvariantCulture),
        MavlinkFieldType.UInt64 => MavlinkPayload.ReadUInt64(payload, field.Offset + (index * 8)).ToString(CultureInfo.InvariantCulture),
        _ => ReadInt64(payload, field, index).ToString(CultureInfo.InvariantCulture),
    };

    private static int CheckedOffset(MavlinkFieldInfo field, int index)
    {
        if ((uint)index >= (uint)Math.Max(1, field.ArrayLength))
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"{field.Name} has {Math.Max(1, field.ArrayLength)} element(s)");
        }

        return field.Offset + (index * field.ElementSize);
    }
}
