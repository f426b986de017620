using System.Text.Json;
using FlightForensics.Application;
using FlightForensics.Application.Workflows;
using FlightForensics.Core.Decoding;
using FlightForensics.Tamper;
using FlightForensics.TestSupport;

namespace FlightForensics.Verification.Tests;

/// <summary>The report's "Can it be trusted?" section (<c>report --corroborate</c>), on the demo quadcopter and an edited copy.</summary>
public sealed class TrustReportTests : IDisposable
{
    private static readonly FlightLogReader Reader = new(DefaultRegistries.Decoders());
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-trust-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Report(params string[] corroborate)
    {
        string html = Path.Combine(_dir, "report.html");
        var outcome = new ReportWorkflow(Reader).Run(new ReportWorkflowOptions
        {
            Case = new CaseOptions { FlightPath = Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog") },
            OutputPath = html,
            CorroboratePaths = corroborate,
        });
        Assert.True(outcome.Written.Success, outcome.Written.Message);
        return File.ReadAllText(html);
    }

    private static string Between(string text, string start, string end)
    {
        int i = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(i >= 0, start + " not found");
        int j = text.IndexOf(end, i + start.Length, StringComparison.Ordinal);
        return text[(i + start.Length)..j];
    }

    [Fact]
    public void Report_without_other_sources_has_no_trust_section()
    {
        Assert.DoesNotContain("id=\"trust\"", Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_with_a_copy_shifted_by_4_s_lists_the_time_shift_and_charts_the_agreement()
    {
        string original = Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog");
        string shifted = Path.Combine(_dir, "shifted.tlog");
        File.WriteAllBytes(shifted, TlogEdits.Shift(TlogFile.Parse(File.ReadAllBytes(original)), 4.0).ToBytes());

        string html = Report(shifted);
        string section = Between(html, "<section id=\"trust\">", "</section>");
        Assert.Contains("Can it be trusted?", section, StringComparison.Ordinal);
        Assert.Contains("data-kind=\"time-shift\"", section, StringComparison.Ordinal);
        Assert.Contains("<bdi>shifted.tlog</bdi>", section, StringComparison.Ordinal);
        Assert.Contains("<svg", section, StringComparison.Ordinal); // the static chart prints without a script

        // The interactive chart's data: one x axis and horizontal + vertical series for the one pair, as long as x.
        using var data = JsonDocument.Parse(Between(html, "<script type=\"application/json\" id=\"ff-trust-data\">", "</script>"));
        int points = data.RootElement.GetProperty("t").GetArrayLength();
        Assert.True(points > 100, $"{points} points"); // the demo flight is about 3 minutes long
        var series = data.RootElement.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(2, series.Count);
        Assert.All(series, s => Assert.Equal(points, s.GetProperty("m").GetArrayLength()));
        // After alignment the copy lies on the original: the horizontal distance stays under a metre.
        Assert.All(series[0].GetProperty("m").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number), v => Assert.True(v.GetDouble() < 1.0));

        // Both new parts are in the report's integrity manifest, and the copy in the evidence table.
        string manifest = Between(html, "<script type=\"application/json\" id=\"ff-manifest\">", "</script>");
        Assert.Contains("ff-trust-data", manifest, StringComparison.Ordinal);
        Assert.Contains("static-trust", manifest, StringComparison.Ordinal);
        Assert.Contains("corroborating source", Between(html, "<section id=\"evidence\">", "</section>"), StringComparison.Ordinal);

        // The provenance sidecar names the corroborating file by its SHA-256 (computed here from the bytes).
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(shifted)));
        Assert.Contains(sha, File.ReadAllText(Application.Provenance.ProvenanceWriter.PathFor(Path.Combine(_dir, "report.html"))), StringComparison.Ordinal);
    }
}
