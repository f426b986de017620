using FlightForensics.Application.Workflows;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Robustness.Tests;

public sealed class HostileContentTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("P-GPS", "P-GPS")]
    [InlineData("", "")]
    public void Csv_text_that_a_spreadsheet_would_execute_is_defused(string text, string expected)
    {
        Assert.Equal(expected, CsvTelemetryExporter.DefuseFormula(text));
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    public void Csv_quoting_follows_rfc_4180(string text, string expected)
    {
        Assert.Equal(expected, CsvTelemetryExporter.Escape(text));
    }

    [Theory]
    [InlineData("../../etc/passwd", "_.._etc_passwd")]
    [InlineData("photo 1.jpg", "photo_1.jpg")]
    [InlineData("....", "attachment")]
    [InlineData("/abs/path.jpg", "_abs_path.jpg")]
    public void Extracted_file_names_cannot_leave_the_output_folder(string name, string expected)
    {
        var safe = ExtractWorkflow.SafeName(name);
        Assert.Equal(expected, safe);
        Assert.DoesNotContain('/', safe);
        Assert.False(safe.StartsWith('.'));
    }
}
