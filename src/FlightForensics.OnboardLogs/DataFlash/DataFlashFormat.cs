using System.Collections.ObjectModel;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>
/// One message type of a DataFlash log as its FMT record defines it (mavlink-formats.md §6.1):
/// type id, total record length (3-byte header included), name, format characters and column names.
/// Every column's wire offset is computed once here so records are read without parsing strings.
/// </summary>
public sealed class DataFlashFormat
{
    internal DataFlashFormat(byte typeId, int length, string name, string formatChars, IReadOnlyList<DataFlashColumn> columns, string? problem)
    {
        TypeId = typeId;
        Length = length;
        Name = name;
        FormatChars = formatChars;
        Columns = columns;
        Problem = problem;
        for (int i = 0; i < columns.Count; i++)
        {
            _byName.TryAdd(columns[i].Name, i);
        }
    }

    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);

    public byte TypeId { get; }

    /// <summary>Total record length in bytes, header included, as the FMT record states it (this frames the log).</summary>
    public int Length { get; }
    public string Name { get; }
    public string FormatChars { get; }
    public IReadOnlyList<DataFlashColumn> Columns { get; }

    /// <summary>Why the definition is inconsistent (columns beyond the stated length are unreadable), or null.</summary>
    public string? Problem { get; }

    /// <summary>Index of a column by name, or -1.</summary>
    public int IndexOf(string columnName) => _byName.TryGetValue(columnName, out int i) ? i : -1;

    /// <summary>Index of the first of several alternative column names (layouts change between firmware versions), or -1.</summary>
    public int IndexOfAny(params ReadOnlySpan<string> columnNames)
    {
        foreach (var name in columnNames)
        {
            if (_byName.TryGetValue(name, out int i))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Wire size of one format character, or 0 for a character the format does not define.</summary>
    /// <remarks>Characters per ArduPilot AP_Logger/LogStructure.h and pymavlink DFReader (mavlink-formats.md §6.1).</remarks>
    public static int SizeOf(char formatChar) => formatChar switch
    {
        'b' or 'B' or 'M' => 1,
        'h' or 'H' or 'c' or 'C' or 'g' => 2,
        'i' or 'I' or 'f' or 'e' or 'E' or 'L' => 4,
        'd' or 'q' or 'Q' => 8,
        'n' => 4,
        'N' => 16,
        'Z' => 64,
        'a' => 64,
        _ => 0,
    };

    /// <summary>Builds a format from the fields of an FMT record, checking it against itself.</summary>
    internal static DataFlashFormat Create(byte typeId, int length, string name, string formatChars, string columnList)
    {
        var names = columnList.Length == 0 ? [] : columnList.Split(',');
        var columns = new List<DataFlashColumn>(formatChars.Length);
        string? problem = null;
        int offset = 0;
        int bodyLength = Math.Max(0, length - 3);
        for (int i = 0; i < formatChars.Length; i++)
        {
            char c = formatChars[i];
            int size = SizeOf(c);
            if (size == 0)
            {
                problem = $"format character '{c}' (column {i}) is not defined; columns from there on are not decoded";
                break;
            }

            if (offset + size > bodyLength)
            {
                problem = $"format {formatChars} needs more than the stated length {length}; columns from {i} on are not decoded";
                break;
            }

            string columnName = i < names.Length && names[i].Length > 0 ? names[i] : $"Col{i}";
            columns.Add(new DataFlashColumn(i, columnName, c, offset, size));
            offset += size;
        }

        if (problem is null && offset != bodyLength)
        {
            problem = $"format {formatChars} is {offset + 3} bytes but the stated length is {length}";
        }

        if (problem is null && names.Length != formatChars.Length)
        {
            problem = $"{formatChars.Length} format characters but {names.Length} column names";
        }

        return new DataFlashFormat(typeId, length, name, formatChars, new ReadOnlyCollection<DataFlashColumn>(columns), problem);
    }

    public override string ToString() => $"{Name} (type {TypeId}, {Length} B, {FormatChars})";
}

/// <summary>One column of a DataFlash message type: name, format character and position in the record body.</summary>
public sealed class DataFlashColumn(int index, string name, char formatChar, int offset, int size)
{
    public int Index { get; } = index;
    public string Name { get; } = name;
    public char FormatChar { get; } = formatChar;

    /// <summary>Offset inside the record body (after the 3-byte header).</summary>
    public int Offset { get; } = offset;
    public int Size { get; } = size;

    /// <summary>Unit and multiplier ids from FMTU (0 when the log has none).</summary>
    public char UnitId { get; internal set; }
    public char MultiplierId { get; internal set; }

    /// <summary>True for text columns (n, N, Z).</summary>
    public bool IsText => FormatChar is 'n' or 'N' or 'Z';

    /// <summary>True for the int16[32] array column.</summary>
    public bool IsArray => FormatChar == 'a';

    /// <summary>The scale the format character itself implies (c/C/e/E hundredths, L 1e-7 degrees), else 1.</summary>
    public double FormatScale => FormatChar switch
    {
        'c' or 'C' or 'e' or 'E' => 0.01,
        'L' => 1e-7,
        _ => 1.0,
    };

    public override string ToString() => $"{Name}:{FormatChar}@{Offset}";
}
