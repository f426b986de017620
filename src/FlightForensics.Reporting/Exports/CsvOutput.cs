using CsvHelper;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// The one CsvHelper configuration of every CSV the tool writes (contract CSV, viewer-style CSV, batch summary):
/// RFC 4180 quoting only where needed, LF line ends, UTF-8 without byte order mark, the bytes the hand-written writers
/// produced before (tests compare hashes of both on the real samples). Fields are written one by one
/// (<see cref="CsvWriter.WriteField(string)"/>, <see cref="CsvWriter.EndRecord"/>): no class maps, so no reflection,
/// which keeps the Native AOT build trimming-safe.
/// </summary>
public static class CsvOutput
{
    /// <summary>
    /// CsvHelper's own formula-injection guard stays off: it would also prefix our numbers written as text ("-3.5")
    /// and quote every guarded field. Text columns go through <see cref="CsvTelemetryExporter.DefuseFormula"/> instead.
    /// The per-record field-count check is off: every writer here takes its cells from one fixed column list, and the
    /// check cost 3–4 % of the CPU time of writing 300,000 contract rows (benchmarks/README.md).
    /// </summary>
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        Injection = CsvInjection.None,
        ValidateFieldCount = false,
    };

    /// <summary>As <see cref="Options"/>, with <c>#</c> comment lines (the contract CSV's provenance line).</summary>
    public static CsvWriterOptions WithComments { get; } = Options with { CommentPrefix = '#' };

    /// <summary>A writer on <paramref name="output"/>, which stays open when the writer is disposed.</summary>
    public static CsvWriter Create(Stream output, bool comments = false) =>
        CsvWriter.Create(output, comments ? WithComments : Options, leaveOpen: true);
}
