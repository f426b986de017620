namespace FlightForensics.Core.Model;

/// <summary>
/// Something a decoder met in the evidence that a reader of the results must know about:
/// damage, skipped bytes, unknown records, clocks going backwards.
/// </summary>
/// <param name="Offset">Byte offset in the evidence file where it was met.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Message">One line for a human, naming values where useful.</param>
/// <param name="Length">Bytes affected (skipped, truncated), 0 when not applicable.</param>
public readonly record struct Diagnostic(long Offset, DiagnosticKind Kind, string Message, long Length = 0)
{
    /// <summary>True for kinds that mean the evidence is damaged (what <c>--strict</c> refuses).</summary>
    public bool IsDamage => Kind is DiagnosticKind.Crc or DiagnosticKind.Resync or DiagnosticKind.Truncated
        or DiagnosticKind.Corrupt or DiagnosticKind.Decryption or DiagnosticKind.TimeJump;
}

public enum DiagnosticKind
{
    /// <summary>A checksum did not match; the record was not used.</summary>
    Crc,
    /// <summary>Bytes were skipped to find the next valid record.</summary>
    Resync,
    /// <summary>The file ends inside a record or section.</summary>
    Truncated,
    /// <summary>A record type the decoder does not know; skipped by its length.</summary>
    UnknownRecord,
    /// <summary>A timestamp earlier than the one before it.</summary>
    TimeBackwards,
    /// <summary>A structure that contradicts itself (impossible length, bad header field).</summary>
    Corrupt,
    /// <summary>A value outside its physical range; the field was left empty.</summary>
    InvalidValue,
    /// <summary>Content is encrypted and was not decoded.</summary>
    Encrypted,
    /// <summary>Decryption was attempted and failed.</summary>
    Decryption,
    /// <summary>The logger itself reported lost data (ULog dropout, sequence gap).</summary>
    Gap,
    /// <summary>Information worth stating (a feature the decoder does not cover, a recovered oddity).</summary>
    Note,
    /// <summary>
    /// A time outside the format's plausible range after plausible ones (the record is kept without a time), or a
    /// step forward beyond <see cref="Decoding.FlightLogSink.MaxForwardStepSeconds"/> between consecutive samples.
    /// </summary>
    TimeJump,
}

public static class DiagnosticKindNames
{
    public static string ToName(this DiagnosticKind kind) => kind switch
    {
        DiagnosticKind.Crc => "crc",
        DiagnosticKind.Resync => "resync",
        DiagnosticKind.Truncated => "truncated",
        DiagnosticKind.UnknownRecord => "unknown-record",
        DiagnosticKind.TimeBackwards => "time-backwards",
        DiagnosticKind.Corrupt => "corrupt",
        DiagnosticKind.InvalidValue => "invalid-value",
        DiagnosticKind.Encrypted => "encrypted",
        DiagnosticKind.Decryption => "decryption",
        DiagnosticKind.Gap => "gap",
        DiagnosticKind.TimeJump => "time-jump",
        _ => "note",
    };
}

/// <summary>Totals of the damage met while decoding, counted even when diagnostics are capped.</summary>
public sealed class DamageCounters
{
    public long CrcFailures { get; set; }
    public long Resyncs { get; set; }
    public long ResyncSkippedBytes { get; set; }
    public long UnknownRecords { get; set; }
    public long TruncatedBytes { get; set; }
    public long TimeBackwards { get; set; }
    public long Corrupt { get; set; }
    public long InvalidValues { get; set; }
    public long Gaps { get; set; }
    public long TimeJumps { get; set; }

    public bool Any => CrcFailures + Resyncs + TruncatedBytes + Corrupt + TimeBackwards + Gaps + TimeJumps > 0;
}
