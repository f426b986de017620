using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>The contract's CSV: one row per position sample, columns in contract order, empty when unknown.</summary>
public sealed class CsvTelemetryExporter : ITelemetryExporter
{
    private readonly StreamWriter _writer;
    private readonly ExportOptions _options;

    public CsvTelemetryExporter(Stream output, ExportOptions options)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _options = options;
    }

    public void Begin(EvidenceFile evidence, ExportProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(provenance);
        if (_options.CsvProvenanceComment)
        {
            _writer.Write("# file=");
            _writer.Write(Escape(evidence.FileName));
            _writer.Write(" sha256=");
            _writer.Write(evidence.Sha256);
            _writer.Write(" format=");
            _writer.Write(provenance.FormatId);
            _writer.Write(" tool=");
            _writer.Write(provenance.ToolName);
            _writer.Write(' ');
            _writer.WriteLine(provenance.ToolVersion);
        }

        var columns = SampleColumns.All;
        for (int i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(columns[i].CsvName);
        }

        _writer.WriteLine();
    }

    public void WriteSample(in TelemetrySample sample)
    {
        int count = SampleColumns.All.Count;
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            if (SampleColumns.Format(i, sample) is string text)
            {
                _writer.Write(Escape(SampleColumns.All[i].Type == SampleColumns.Kind.Text ? DefuseFormula(text) : text));
            }
        }

        _writer.WriteLine();
    }

    public void End(FlightLogSink bookkeeping) => _writer.Flush();

    public void Dispose() => _writer.Dispose();

    /// <summary>
    /// Text from a log (a flight mode, a name) that a spreadsheet would run as a formula gets a leading
    /// apostrophe (OWASP's advice for CSV injection). Numeric columns are never touched: "-3.5" stays a number.
    /// </summary>
    public static string DefuseFormula(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    /// <summary>RFC 4180 quoting: only when the text holds a comma, a quote or a line break.</summary>
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
