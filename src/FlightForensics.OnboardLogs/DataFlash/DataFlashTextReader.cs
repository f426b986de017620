using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using FlightForensics.Core.IO;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>
/// A source of DataFlash records in file order, whichever encoding the log uses (binary <c>.bin</c> or text
/// <c>.log</c>). FMT, FMTU, UNIT and MULT update <see cref="Schema"/> before they are returned.
/// </summary>
public interface IDataFlashRecordSource : IDisposable
{
    DataFlashSchema Schema { get; }

    /// <summary>Bytes of the evidence that gave no record (resyncs, unusable lines, a partial tail).</summary>
    long SkippedBytes { get; }

    /// <summary>Reads the next record; its body is valid until the next call.</summary>
    bool TryReadNext(out DataFlashRecord record);
}

/// <summary>
/// Streaming reader of ArduPilot text DataFlash logs (<c>.log</c>, as Mission Planner writes them): one record per line,
/// <c>NAME, v1, v2, …</c>, described by <c>FMT</c> lines; free text before the first FMT line is a preamble
/// (mavlink-formats.md §6.3, after pymavlink DFReader_text). Each line is re-encoded into the binary record layout its
/// FMT gives, so that the mapper reads text and binary logs through the same typed accessors; values in text logs
/// are already human-scaled (degrees, metres), so the format-character scaling is reversed on encoding
/// (<c>L</c> ×1e7, <c>c/C/e/E</c> ×100). A record's offset is the byte offset of its line. Memory is one fixed
/// buffer: lines longer than <see cref="MaxLineBytes"/> are skipped and reported.
/// </summary>
public sealed class DataFlashTextReader : IDataFlashRecordSource
{
    /// <summary>Longest line accepted (an FMT line is under 200 bytes, a 64-character MSG under 100).</summary>
    public const int MaxLineBytes = 4096;

    private readonly IDiagnosticSink? _diagnostics;
    private readonly Dictionary<string, byte> _typeByName = new(StringComparer.Ordinal) { ["FMT"] = DataFlashSchema.FmtTypeId };
    private readonly Dictionary<string, byte>.AlternateLookup<ReadOnlySpan<char>> _typeLookup;
    private readonly List<Range> _fields = new(32);
    private readonly byte[] _body = new byte[256];
    private readonly ForwardReader _in;
    private bool _seenFmt;
    private int _fmtuType = -1, _unitType = -1, _multType = -1;
    private ArduPilotVehicle _vehicle;
    private bool _modeGuessReported;

    public DataFlashTextReader(Stream stream, IDiagnosticSink? diagnostics = null, DataFlashReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _diagnostics = diagnostics;
        _typeLookup = _typeByName.GetAlternateLookup<ReadOnlySpan<char>>();
        _in = new ForwardReader(stream, Math.Max(2 * MaxLineBytes, (options ?? DataFlashReaderOptions.Default).BufferBytes));
    }

    public DataFlashSchema Schema { get; } = new();

    public long SkippedBytes { get; private set; }

    /// <summary>Lines before the first FMT line (a banner such as "ArduCopter V3.1"), not counted as damage.</summary>
    public int PreambleLines { get; private set; }

    public bool TryReadNext(out DataFlashRecord record)
    {
        while (TryReadLine(out long offset, out var line))
        {
            if (TryDecodeLine(offset, line, out record))
            {
                return true;
            }
        }

        record = default;
        return false;
    }

    private bool TryDecodeLine(long offset, ReadOnlySpan<byte> line, out DataFlashRecord record)
    {
        record = default;
        if (line.IsEmpty || line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
        {
            return false;
        }

        Split(line);
        var nameBytes = line[_fields[0]].Trim((byte)' ').Trim((byte)'\t');
        bool isFmt = nameBytes.SequenceEqual("FMT"u8);
        if (!_seenFmt && !isFmt)
        {
            PreambleLines++;
            if (_vehicle == ArduPilotVehicle.Unknown)
            {
                _vehicle = ArduPilotNames.VehicleFromBanner(Encoding.Latin1.GetString(line).Trim());
            }

            return false;
        }

        if (!TryTypeOf(nameBytes, out byte type) || Schema[type] is not DataFlashFormat format)
        {
            Skip(offset, line.Length, DiagnosticKind.UnknownRecord, $"line starts with '{Printable(Encoding.Latin1.GetString(nameBytes))}', which no FMT line defines; skipped");
            return false;
        }

        if (type == DataFlashSchema.FmtTypeId)
        {
            _seenFmt = true;
            if (!OnFmt(offset, line))
            {
                return false;
            }
        }

        if (!Encode(offset, line, format, out int bodyLength))
        {
            return false;
        }

        var body = new ReadOnlySpan<byte>(_body, 0, bodyLength);
        if (type == _fmtuType || type == _unitType || type == _multType)
        {
            Schema.ApplyUnitsRecord(format, body);
        }
        else if (format.Name == "MSG" && _vehicle == ArduPilotVehicle.Unknown)
        {
            int text = format.IndexOf("Message");
            if (text >= 0)
            {
                _vehicle = ArduPilotNames.VehicleFromBanner(new DataFlashRecord(offset, format, body).GetString(text) ?? "");
            }
        }

        record = new DataFlashRecord(offset, format, body);
        return true;
    }

    /// <summary>Type id of a record name, looked up without allocating a string per line.</summary>
    private bool TryTypeOf(ReadOnlySpan<byte> name, out byte type)
    {
        type = 0;
        if (name.Length is 0 or > 16)
        {
            return false;
        }

        Span<char> chars = stackalloc char[16];
        int n = Encoding.Latin1.GetChars(name, chars);
        return _typeLookup.TryGetValue(chars[..n], out type);
    }

    /// <summary><c>FMT, Type, Length, Name, Format, Col1,Col2,…</c>: everything after the fifth field is the column list.</summary>
    private bool OnFmt(long offset, ReadOnlySpan<byte> line)
    {
        if (_fields.Count < 5
            || !byte.TryParse(Field(line, 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out byte definedType)
            || !int.TryParse(Field(line, 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out int length)
            || length is < 3 or > 255)
        {
            Skip(offset, line.Length, DiagnosticKind.Corrupt, "FMT line without a usable type and length; skipped");
            return false;
        }

        string name = Field(line, 3);
        string formatChars = Field(line, 4);
        string columns = _fields.Count > 5 ? Encoding.Latin1.GetString(line[_fields[5].Start.Value..]).Replace(" ", "", StringComparison.Ordinal).TrimEnd(',') : "";
        if (definedType == DataFlashSchema.FmtTypeId)
        {
            return true; // FMT describing itself; the definition is fixed (mavlink-formats.md §6.1).
        }

        if (name.Length == 0)
        {
            Skip(offset, line.Length, DiagnosticKind.Corrupt, $"FMT line for type {definedType} has no name; skipped");
            return false;
        }

        var defined = Schema.Define(definedType, length, name, formatChars, columns);
        if (defined.Problem is not null)
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, $"FMT {name} (type {definedType}): {defined.Problem}", line.Length));
        }

        _typeByName[name] = definedType;
        switch (name)
        {
            case "FMTU": _fmtuType = definedType; break;
            case "UNIT": _unitType = definedType; break;
            case "MULT": _multType = definedType; break;
            default: break;
        }

        return true;
    }

    /// <summary>Writes the line's values into <see cref="_body"/> at the offsets of the binary layout.</summary>
    private bool Encode(long offset, ReadOnlySpan<byte> line, DataFlashFormat format, out int bodyLength)
    {
        bodyLength = Math.Max(0, format.Length - 3);
        var body = _body.AsSpan(0, bodyLength);
        body.Clear();
        int values = _fields.Count - 1;
        int columns = format.Columns.Count;
        bool lastIsText = columns > 0 && format.Columns[columns - 1].IsText;
        if (values < columns || (values > columns && !lastIsText))
        {
            Skip(offset, line.Length, DiagnosticKind.Corrupt, $"{format.Name} line has {values} values, its FMT {columns} columns; skipped");
            return false;
        }

        for (int i = 0; i < columns; i++)
        {
            var column = format.Columns[i];
            // A text last column may itself contain commas (MSG text): it runs to the end of the line.
            var text = i == columns - 1 && column.IsText
                ? line[_fields[i + 1].Start.Value..].Trim((byte)' ')
                : line[_fields[i + 1]].Trim((byte)' ');
            if (!TryEncodeValue(column, text, body.Slice(column.Offset, column.Size)))
            {
                Skip(offset, line.Length, DiagnosticKind.InvalidValue,
                    $"{format.Name}.{column.Name} '{Printable(Encoding.Latin1.GetString(text))}' is not a valid '{column.FormatChar}' value; line skipped");
                return false;
            }
        }

        return true;
    }

    private bool TryEncodeValue(DataFlashColumn column, ReadOnlySpan<byte> text, Span<byte> target)
    {
        if (column.IsText)
        {
            int n = Math.Min(text.Length, target.Length);
            text[..n].CopyTo(target);
            return true;
        }

        if (column.IsArray)
        {
            return TryEncodeArray(text, target);
        }

        // 64-bit integers are parsed as such: a double would round values above 2^53.
        if (column.FormatChar == 'q' && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long q))
        {
            BinaryPrimitives.WriteInt64LittleEndian(target, q);
            return true;
        }

        if (column.FormatChar == 'Q' && ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong uq))
        {
            BinaryPrimitives.WriteUInt64LittleEndian(target, uq);
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            return column.FormatChar switch
            {
                // Some converters print a character id (UNIT/MULT Id) or a flight-mode name instead of the number.
                'b' or 'B' when text.Length == 1 => Store(column.FormatChar, text[0], target),
                'M' => TryModeNumber(text, out int mode) && Store('B', mode, target),
                _ => false,
            };
        }

        return Store(column.FormatChar, v, target);
    }

    private static bool Store(char formatChar, double v, Span<byte> t)
    {
        switch (formatChar)
        {
            case 'f': BinaryPrimitives.WriteSingleLittleEndian(t, (float)v); return true;
            case 'd': BinaryPrimitives.WriteDoubleLittleEndian(t, v); return true;
            case 'g': BinaryPrimitives.WriteHalfLittleEndian(t, (Half)v); return true;
            default: break;
        }

        // Integer columns: reverse the format character's scaling (mavlink-formats.md §6.1) and refuse what does not fit.
        double raw = Math.Round(formatChar switch
        {
            'c' or 'C' or 'e' or 'E' => v * 100.0,
            'L' => v * 1e7,
            _ => v,
        });
        if (!double.IsFinite(raw))
        {
            return false;
        }

        switch (formatChar)
        {
            case 'b' when raw is >= sbyte.MinValue and <= sbyte.MaxValue: t[0] = (byte)(sbyte)raw; return true;
            case 'B' or 'M' when raw is >= 0 and <= byte.MaxValue: t[0] = (byte)raw; return true;
            case 'h' or 'c' when raw is >= short.MinValue and <= short.MaxValue: BinaryPrimitives.WriteInt16LittleEndian(t, (short)raw); return true;
            case 'H' or 'C' when raw is >= 0 and <= ushort.MaxValue: BinaryPrimitives.WriteUInt16LittleEndian(t, (ushort)raw); return true;
            case 'i' or 'e' or 'L' when raw is >= int.MinValue and <= int.MaxValue: BinaryPrimitives.WriteInt32LittleEndian(t, (int)raw); return true;
            case 'I' or 'E' when raw is >= 0 and <= uint.MaxValue: BinaryPrimitives.WriteUInt32LittleEndian(t, (uint)raw); return true;
            case 'q' when raw is >= long.MinValue and < 9.2233720368547758E+18: BinaryPrimitives.WriteInt64LittleEndian(t, (long)raw); return true;
            case 'Q' when raw is >= 0 and < 1.8446744073709552E+19: BinaryPrimitives.WriteUInt64LittleEndian(t, (ulong)raw); return true;
            default: return false;
        }
    }

    /// <summary>An int16[32] column printed as <c>[1, 2, …]</c> (or bare numbers separated by spaces).</summary>
    private static bool TryEncodeArray(ReadOnlySpan<byte> text, Span<byte> target)
    {
        text = text.Trim((byte)'[').Trim((byte)']');
        int i = 0;
        foreach (var part in text.Split((byte)' '))
        {
            var item = text[part].Trim((byte)',');
            if (item.IsEmpty)
            {
                continue;
            }

            if (i >= 32 || !short.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out short value))
            {
                return false;
            }

            BinaryPrimitives.WriteInt16LittleEndian(target.Slice(2 * i++, 2), value);
        }

        return true;
    }

    private bool TryModeNumber(ReadOnlySpan<byte> text, out int mode)
    {
        string name = Encoding.Latin1.GetString(text).Trim().ToUpperInvariant();
        var vehicle = _vehicle == ArduPilotVehicle.Unknown ? ArduPilotVehicle.Copter : _vehicle;
        if (!_modeGuessReported && _vehicle == ArduPilotVehicle.Unknown)
        {
            _modeGuessReported = true;
            Report(new Diagnostic(0, DiagnosticKind.Note, "flight modes are given by name and the log does not say the vehicle family; names are numbered as ArduCopter's"));
        }

        return ArduPilotNames.TryModeNumber(vehicle, name, out mode);
    }

    /// <summary>Comma-separated fields of a line (ranges into the line), without allocating; commas inside <c>[…]</c> (an array column) do not split.</summary>
    private void Split(ReadOnlySpan<byte> line)
    {
        _fields.Clear();
        int start = 0, depth = 0;
        for (int i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case (byte)'[': depth++; break;
                case (byte)']': depth = Math.Max(0, depth - 1); break;
                case (byte)',' when depth == 0:
                    _fields.Add(new Range(start, i));
                    start = i + 1;
                    break;
                default: break;
            }
        }

        _fields.Add(new Range(start, line.Length));
    }

    private string Field(ReadOnlySpan<byte> line, int index) =>
        index < _fields.Count ? Encoding.Latin1.GetString(line[_fields[index]].Trim((byte)' ').Trim((byte)'\t')) : "";

    /// <summary>
    /// Next line without its terminator (a span into the reader's buffer, valid until the next call); lines too
    /// long for the buffer are skipped and reported.
    /// </summary>
    // Fully optimised from the first call under tiered JIT, for the reason given at DataFlashReader.TryReadNext.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryReadLine(out long offset, out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            if (!_in.TryEnsure(1))
            {
                offset = 0;
                line = default;
                return false;
            }

            int nl = _in.Buffered.IndexOf((byte)'\n');
            if (nl < 0 && _in.TryEnsure(Math.Min(_in.Available + 1, _in.Capacity)))
            {
                nl = _in.Buffered.IndexOf((byte)'\n');
            }

            offset = _in.Position;
            if (nl < 0 && !_in.StreamEnded)
            {
                // No newline in a full buffer: not a DataFlash text line. Skip to the next newline.
                SkipLongLine(offset);
                continue;
            }

            var buffered = _in.Buffered;
            int lineLength = nl < 0 ? buffered.Length : nl;
            _in.Advance(nl < 0 ? lineLength : lineLength + 1);
            int length = lineLength > 0 && buffered[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            line = buffered[..length];
            if (length > MaxLineBytes)
            {
                Skip(offset, lineLength, DiagnosticKind.Corrupt, $"line of {lineLength} bytes is longer than any DataFlash record ({MaxLineBytes}); skipped");
                continue;
            }

            return true;
        }
    }

    private void SkipLongLine(long offset)
    {
        long skipped = 0;
        while (true)
        {
            int nl = _in.Buffered.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                skipped += nl + 1;
                _in.Advance(nl + 1);
                break;
            }

            skipped += _in.AdvanceToBufferEnd();
            if (!_in.TryEnsure(1))
            {
                break;
            }
        }

        Skip(offset, skipped, DiagnosticKind.Corrupt, $"line of {skipped} bytes is longer than any DataFlash record ({MaxLineBytes}); skipped");
    }

    private void Skip(long offset, long length, DiagnosticKind kind, string message)
    {
        SkippedBytes += length;
        Report(new Diagnostic(offset, kind, message, length));
    }

    private void Report(Diagnostic diagnostic) => _diagnostics?.AddDiagnostic(diagnostic);

    private static string Printable(string s) =>
        string.Concat(s.Take(40).Select(c => c is >= ' ' and < (char)0x7f ? c.ToString() : "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture)));

    public void Dispose() => _in.Dispose();

    /// <summary>
    /// Confidence that the bytes start a text DataFlash log: an <c>FMT, 128, 89, FMT, BBnNZ</c> line (or other FMT
    /// lines) within the first lines, after at most a short printable preamble.
    /// </summary>
    internal static int ProbeConfidence(ReadOnlySpan<byte> head)
    {
        int fmtLines = 0;
        int lines = 0;
        foreach (var range in head.Split((byte)'\n'))
        {
            var line = head[range].TrimEnd((byte)'\r');
            if (++lines > 64 || line.Length > MaxLineBytes)
            {
                break;
            }

            foreach (byte b in line)
            {
                if (b is < 0x20 and not (byte)'\t')
                {
                    return 0; // binary content: not a text log
                }
            }

            if (line.StartsWith("FMT,"u8) || line.StartsWith("FMT ,"u8))
            {
                fmtLines++;
                if (fmtLines >= 3)
                {
                    break;
                }
            }
            else if (fmtLines > 0)
            {
                break;
            }
        }

        return fmtLines switch { >= 3 => 95, 2 => 80, 1 => 60, _ => 0 };
    }
}
