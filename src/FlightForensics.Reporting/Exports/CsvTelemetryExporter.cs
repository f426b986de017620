using CsvHelper;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>The contract's CSV: one row per position sample, columns in contract order, empty when unknown.</summary>
public sealed class CsvTelemetryExporter : ITelemetryExporter
{
    private static readonly string[] s_header = [.. SampleColumns.All.Select(c => c.CsvName)];
    private readonly CsvWriter _csv;
    private readonly ExportOptions _options;

    public CsvTelemetryExporter(Stream output, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _csv = CsvOutput.Create(output, comments: options.CsvProvenanceComment);
        _options = options;
    }

    public void Begin(EvidenceFile evidence, ExportProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(provenance);
        if (_options.CsvProvenanceComment)
        {
            _csv.WriteComment($" file={Escape(evidence.FileName)} sha256={evidence.Sha256} format={provenance.FormatId} tool={provenance.ToolName} {provenance.ToolVersion}");
        }

        _csv.WriteHeader(s_header);
    }

    public void WriteSample(in TelemetrySample sample)
    {
        var columns = SampleColumns.All;
        for (int i = 0; i < columns.Count; i++)
        {
            var text = SampleColumns.Format(i, sample);
            _csv.WriteField(text is not null && columns[i].Type == SampleColumns.Kind.Text ? DefuseFormula(text) : text);
        }

        _csv.EndRecord();
    }

    public void End(FlightLogSink bookkeeping) => _csv.Flush();

    public void Dispose() => _csv.Dispose();

    /// <summary>
    /// Text from a log (a flight mode, a name) that a spreadsheet would run as a formula gets a leading
    /// apostrophe (OWASP's advice for CSV injection). Numeric columns are never touched: "-3.5" stays a number.
    /// </summary>
    public static string DefuseFormula(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    /// <summary>
    /// RFC 4180 quoting: only when the text holds a comma, a quote or a line break. For a file name inside the provenance
    /// comment line, which is not a record (CsvHelper quotes the fields of records).
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
