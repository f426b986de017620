using System.Globalization;
using System.Runtime.CompilerServices;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Core.IO;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>Options of the DataFlash frame reader.</summary>
public sealed record DataFlashReaderOptions
{
    public static DataFlashReaderOptions Default { get; } = new();

    /// <summary>Size of the read buffer (records are at most 255 bytes, so memory stays flat whatever the file size).</summary>
    public int BufferBytes { get; init; } = 256 * 1024;
}

/// <summary>
/// Streaming reader of ArduPilot DataFlash binary logs: frames records on <c>A3 95 type</c> with the length from the
/// type's FMT record, learns FMT/FMTU/UNIT/MULT as they come, and resynchronises byte by byte after damage
/// (there is no CRC and no per-record length: mavlink-formats.md §6.1). Memory is one fixed buffer.
/// </summary>
public sealed class DataFlashReader : IDataFlashRecordSource
{
    private const byte Head1 = 0xA3;
    private const byte Head2 = 0x95;

    private readonly IDiagnosticSink? _diagnostics;
    private readonly ForwardReader _in;
    private int _fmtuType = -1;
    private int _unitType = -1;
    private int _multType = -1;

    /// <param name="stream">Read from its current position; never written.</param>
    /// <param name="diagnostics">Receives damage met while framing (resyncs, truncation, inconsistent FMT).</param>
    /// <param name="options">Buffer size; defaults when null.</param>
    public DataFlashReader(Stream stream, IDiagnosticSink? diagnostics = null, DataFlashReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DataFlashReaderOptions.Default;
        _diagnostics = diagnostics;
        _in = new ForwardReader(stream, Math.Max(4096, options.BufferBytes));
    }

    public DataFlashSchema Schema { get; } = new();

    /// <summary>Bytes skipped while resynchronising, in total.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>FMT records that gave an already defined type another name, layout or length (one logger writes each
    /// type's FMT once per log, so a log joined from two recordings shows this).</summary>
    public long TypesRedefined { get; private set; }

    /// <summary>Byte offset of the first such FMT record.</summary>
    public long? FirstRedefinitionOffset { get; private set; }

    /// <summary>Offset just past the last record returned (or skipped).</summary>
    public long Position => _in.Position;

    /// <summary>
    /// Reads the next record. FMT, FMTU, UNIT and MULT records update <see cref="Schema"/> before they are returned.
    /// The record's body refers to the reader's buffer and is valid until the next call.
    /// </summary>
    // Fully optimised from the first call: records are read one call each, so under tiered JIT this method would run
    // unoptimised for most of a short process, with every ForwardReader accessor a real call (measured: +23 % CPU
    // for a 26 MB DataFlash log; benchmarks/README.md, issue 16). No effect on the Native AOT build.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadNext(out DataFlashRecord record)
    {
        while (true)
        {
            if (!_in.TryEnsure(3))
            {
                ReportTail();
                record = default;
                return false;
            }

            var head = _in.Peek(3);
            byte type = head[2];
            DataFlashFormat? format;
            if (head[0] == Head1 && head[1] == Head2 && (format = Schema[type]) is not null)
            {
                int length = format.Length;
                long offset = Position;
                if (!_in.TryReadBytes(length, out var whole))
                {
                    int have = _in.Available;
                    Report(new Diagnostic(offset, DiagnosticKind.Truncated,
                        $"file ends inside a {format.Name} record: {have} of {length} bytes present", have));
                    _in.AdvanceToBufferEnd();
                    record = default;
                    return false;
                }

                var body = whole[3..];
                if (type == DataFlashSchema.FmtTypeId)
                {
                    OnFmt(offset, body);
                }
                else if (type == _fmtuType || type == _unitType || type == _multType)
                {
                    Schema.ApplyUnitsRecord(format, body);
                }

                record = new DataFlashRecord(offset, format, body);
                return true;
            }

            Resync(type);
        }
    }

    private void OnFmt(long offset, ReadOnlySpan<byte> body)
    {
        // FMT body: Type u8, Length u8, Name char[4], Format char[16], Columns char[64] (86 bytes: FMT's length is
        // fixed, so the reads below cannot fail on a framed record).
        var fields = new SpanCursor(body);
        if (!fields.TryReadByte(out byte definedType) || !fields.TryReadByte(out byte length)
            || !fields.TryReadBytes(4, out var nameBytes) || !fields.TryReadBytes(16, out var formatBytes) || !fields.TryReadBytes(64, out var columnBytes))
        {
            return;
        }

        string name = DataFlashSchema.Text(nameBytes);
        string formatChars = DataFlashSchema.Text(formatBytes);
        string columns = DataFlashSchema.Text(columnBytes);
        if (definedType == DataFlashSchema.FmtTypeId)
        {
            if (length != DataFlashSchema.FmtLength || formatChars != "BBnNZ")
            {
                Report(new Diagnostic(offset, DiagnosticKind.Corrupt,
                    $"FMT record redefines FMT itself as length {length}, format '{formatChars}'; ignored (FMT is fixed at 89 bytes, BBnNZ)", DataFlashSchema.FmtLength));
            }

            return;
        }

        if (length < 3 || name.Length == 0 || !IsPrintable(name))
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt,
                $"FMT record for type {definedType} is unusable (length {length}, name '{Escape(name)}'); records of that type cannot be framed", DataFlashSchema.FmtLength));
            return;
        }

        var previous = Schema[definedType];
        var format = Schema.Define(definedType, length, name, formatChars, columns);
        if (format.Problem is not null)
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, $"FMT {name} (type {definedType}): {format.Problem}", DataFlashSchema.FmtLength));
        }

        if (previous is not null && (previous.Name != name || previous.Length != length || previous.FormatChars != formatChars))
        {
            TypesRedefined++;
            FirstRedefinitionOffset ??= offset;
            Report(new Diagnostic(offset, DiagnosticKind.Note,
                $"type {definedType} redefined from {previous.Name} ({previous.FormatChars}, {previous.Length} B) to {name} ({formatChars}, {length} B)"));
        }

        switch (name)
        {
            case "FMTU": _fmtuType = definedType; break;
            case "UNIT": _unitType = definedType; break;
            case "MULT": _multType = definedType; break;
            default: break;
        }
    }

    /// <summary>
    /// Skips to the next <c>A3 95</c> whose type is defined and whose record is followed by another header
    /// (or the end of the file): one plausibility check more than DFReader, so that a stray A3 95 inside damaged
    /// data does not start a false record.
    /// </summary>
    private void Resync(byte badType)
    {
        long start = Position;
        bool headerWasValid = _in[0] == Head1 && _in[1] == Head2;
        _in.Advance(1);
        long skipped = 1;
        while (true)
        {
            if (!_in.TryEnsure(3))
            {
                // Leave the tail for ReportTail, which reports what remains.
                break;
            }

            var buffered = _in.Buffered;
            int idx = buffered[..^2].IndexOf(Head1);
            if (idx < 0)
            {
                int advance = buffered.Length - 2;
                _in.Advance(advance);
                skipped += advance;
                continue;
            }

            _in.Advance(idx);
            skipped += idx;
            if (_in[1] == Head2 && Schema[_in[2]] is DataFlashFormat candidate)
            {
                int length = candidate.Length;
                if (!_in.TryEnsure(length + 2))
                {
                    break; // near the end of the file: accept, the main loop reports a truncated record if it is one
                }

                if (_in[length] == Head1 && _in[length + 1] == Head2)
                {
                    break;
                }
            }

            _in.Advance(1);
            skipped++;
        }

        SkippedBytes += skipped;
        string why = headerWasValid
            ? $"type id {badType} has no FMT definition"
            : "no record header (A3 95) where one was expected";
        Report(new Diagnostic(start, DiagnosticKind.Resync, $"{why}; skipped {skipped} bytes to the next valid record", skipped));
    }

    private void ReportTail()
    {
        int remaining = _in.Available;
        if (remaining > 0)
        {
            Report(new Diagnostic(Position, DiagnosticKind.Truncated, $"{remaining} bytes at the end of the file are not a whole record", remaining));
            SkippedBytes += remaining;
            _in.AdvanceToBufferEnd();
        }
    }

    private void Report(Diagnostic diagnostic) => _diagnostics?.AddDiagnostic(diagnostic);

    private static bool IsPrintable(string s)
    {
        foreach (char c in s)
        {
            if (c is < (char)0x21 or > (char)0x7e)
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is >= ' ' and < (char)0x7f ? c.ToString() : "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture)));

    public void Dispose() => _in.Dispose();

    /// <summary>True when the bytes start like a DataFlash log: an FMT record (A3 95 80) describing itself or another type.</summary>
    internal static int ProbeConfidence(ReadOnlySpan<byte> head)
    {
        if (head.Length < 3 || head[0] != Head1 || head[1] != Head2 || head[2] != DataFlashSchema.FmtTypeId)
        {
            return 0;
        }

        // Count consecutive well-formed FMT records from the start (each: A3 95 80, length >= 3, printable name).
        int good = 0;
        int p = 0;
        while (p + DataFlashSchema.FmtLength <= head.Length && good < 8
            && head[p] == Head1 && head[p + 1] == Head2 && head[p + 2] == DataFlashSchema.FmtTypeId)
        {
            var body = head.Slice(p + 3, DataFlashSchema.FmtLength - 3);
            string name = DataFlashSchema.Text(body.Slice(2, 4));
            if (body[1] < 3 || name.Length == 0 || !IsPrintable(name))
            {
                break;
            }

            good++;
            p += DataFlashSchema.FmtLength;
        }

        return good >= 2 ? 100 : good == 1 ? 80 : 30;
    }
}
