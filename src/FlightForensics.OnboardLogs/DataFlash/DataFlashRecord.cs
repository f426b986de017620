using System.Buffers.Binary;
using System.Text;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>
/// One DataFlash record as read, valid until the reader moves on. Values are read straight from the
/// record body by column index (find the index once with <see cref="DataFlashFormat.IndexOf"/>).
/// </summary>
public readonly ref struct DataFlashRecord
{
    internal DataFlashRecord(long offset, DataFlashFormat format, ReadOnlySpan<byte> body)
    {
        Offset = offset;
        Format = format;
        Body = body;
    }

    /// <summary>Byte offset of the record's first header byte in the evidence.</summary>
    public long Offset { get; }
    public DataFlashFormat Format { get; }

    /// <summary>The record after its 3-byte header.</summary>
    public ReadOnlySpan<byte> Body { get; }

    public string Name => Format.Name;

    /// <summary>The stored number without any scaling (text and array columns give false).</summary>
    public bool TryGetRaw(int column, out double value)
    {
        value = 0;
        if ((uint)column >= (uint)Format.Columns.Count)
        {
            return false;
        }

        var c = Format.Columns[column];
        if (c.Offset + c.Size > Body.Length)
        {
            return false;
        }

        var s = Body.Slice(c.Offset, c.Size);
        switch (c.FormatChar)
        {
            case 'b': value = (sbyte)s[0]; return true;
            case 'B' or 'M': value = s[0]; return true;
            case 'h' or 'c': value = BinaryPrimitives.ReadInt16LittleEndian(s); return true;
            case 'H' or 'C': value = BinaryPrimitives.ReadUInt16LittleEndian(s); return true;
            case 'i' or 'e' or 'L': value = BinaryPrimitives.ReadInt32LittleEndian(s); return true;
            case 'I' or 'E': value = BinaryPrimitives.ReadUInt32LittleEndian(s); return true;
            case 'f': value = BinaryPrimitives.ReadSingleLittleEndian(s); return true;
            case 'd': value = BinaryPrimitives.ReadDoubleLittleEndian(s); return true;
            case 'q': value = BinaryPrimitives.ReadInt64LittleEndian(s); return true;
            case 'Q': value = BinaryPrimitives.ReadUInt64LittleEndian(s); return true;
            case 'g': value = (double)BinaryPrimitives.ReadHalfLittleEndian(s); return true;
            default: return false;
        }
    }

    /// <summary>
    /// The value with the format character's own scaling (c/C/e/E ÷100, L ×1e-7), as pymavlink's DFReader
    /// gives it; no FMTU multiplier. Use this for comparisons with the reference decoder.
    /// </summary>
    public bool TryGetDouble(int column, out double value)
    {
        if (!TryGetRaw(column, out value))
        {
            return false;
        }

        double scale = Format.Columns[column].FormatScale;
        if (scale != 1.0)
        {
            // Applied as divisions so that 1234 → 12.34 and -158404711 → -15.8404711 are the nearest doubles (as the reference prints them).
            value = scale == 0.01 ? value / 100.0 : value / 1e7;
        }

        return true;
    }

    /// <summary>
    /// The physical value in the unit of <paramref name="schema"/>'s UNIT table: format-character scaling where
    /// the character implies one, otherwise the FMTU multiplier (ArduPilot: the multiplier applies to the raw value,
    /// and c/C/e/E/L already carry theirs, so the two are never combined).
    /// </summary>
    public bool TryGetScaled(int column, DataFlashSchema schema, out double value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!TryGetDouble(column, out value))
        {
            return false;
        }

        var c = Format.Columns[column];
        if (c.FormatScale == 1.0 && schema.Multiplier(c.MultiplierId) is double m)
        {
            value *= m;
        }

        return true;
    }

    /// <summary>An integer column's value (floats are truncated); false for text or a missing column.</summary>
    public bool TryGetInt64(int column, out long value)
    {
        value = 0;
        if ((uint)column >= (uint)Format.Columns.Count)
        {
            return false;
        }

        var c = Format.Columns[column];
        if (c.FormatChar == 'Q' && c.Offset + 8 <= Body.Length)
        {
            ulong u = BinaryPrimitives.ReadUInt64LittleEndian(Body.Slice(c.Offset, 8));
            value = u > long.MaxValue ? long.MaxValue : (long)u;
            return true;
        }

        if (!TryGetRaw(column, out double d) || !double.IsFinite(d))
        {
            return false;
        }

        value = d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
        return true;
    }

    /// <summary>A text column (n, N, Z) up to its first NUL, as Latin-1 so that no byte is lost or replaced.</summary>
    public string? GetString(int column)
    {
        var span = GetTextBytes(column);
        return span.IsEmpty && !IsTextColumn(column) ? null : Encoding.Latin1.GetString(span);
    }

    /// <summary>The bytes of a text column up to its first NUL (no allocation).</summary>
    public ReadOnlySpan<byte> GetTextBytes(int column)
    {
        if (!IsTextColumn(column))
        {
            return default;
        }

        var c = Format.Columns[column];
        if (c.Offset + c.Size > Body.Length)
        {
            return default;
        }

        var s = Body.Slice(c.Offset, c.Size);
        int nul = s.IndexOf((byte)0);
        return nul >= 0 ? s[..nul] : s;
    }

    /// <summary>The int16[32] array of an 'a' column, or empty.</summary>
    public short[] GetArray(int column)
    {
        if ((uint)column >= (uint)Format.Columns.Count || !Format.Columns[column].IsArray)
        {
            return [];
        }

        var c = Format.Columns[column];
        if (c.Offset + c.Size > Body.Length)
        {
            return [];
        }

        var result = new short[32];
        for (int i = 0; i < 32; i++)
        {
            result[i] = BinaryPrimitives.ReadInt16LittleEndian(Body.Slice(c.Offset + (2 * i), 2));
        }

        return result;
    }

    /// <summary>A column's value boxed (number, string or array), for generic dumps; allocates.</summary>
    public object? GetValue(int column)
    {
        if ((uint)column >= (uint)Format.Columns.Count)
        {
            return null;
        }

        var c = Format.Columns[column];
        if (c.IsText)
        {
            return GetString(column);
        }

        if (c.IsArray)
        {
            return GetArray(column);
        }

        if (c.FormatScale == 1.0 && c.FormatChar is not ('f' or 'd' or 'g') && TryGetInt64(column, out long l))
        {
            return l;
        }

        return TryGetDouble(column, out double d) ? d : null;
    }

    private bool IsTextColumn(int column) => (uint)column < (uint)Format.Columns.Count && Format.Columns[column].IsText;
}
