using System.Text.RegularExpressions;
using System.Xml.Linq;
using FlightForensics.Reporting.Html;

namespace FlightForensics.Reporting.Tests;

public class HtmlReportTests
{
    internal static ReportInput SpiralInput(string? substationName = null) => new()
    {
        Log = SyntheticFlights.Spiral(),
        Features = substationName is null ? SyntheticFlights.Features() : SyntheticFlights.Features(substationName: substationName),
        Findings = SyntheticFlights.Findings(),
        AnalysisUtc = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero),
        OtherEvidence = [new ReportEvidence("infrastructure.geojson", 2048, "ab" + new string('0', 62), "infrastructure layer") { Format = "geojson" }],
        Thumbnails = [new ReportThumbnail("DJI_0042.JPG", "image/png", Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")) { FeatureId = "osm:way/1001" }],
    };

    [Fact]
    public void Report_has_every_section_and_the_findings_sorted_by_severity()
    {
        var html = HtmlReport.WriteToString(SpiralInput());
        GoldenFile.Dump("report.html", html);
        foreach (var id in new[] { "evidence", "vehicle", "summary", "findings", "map", "profile", "captures", "events", "diagnostics", "licences" })
        {
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        }

        var severities = Regex.Matches(html, "data-severity=\"([a-z]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["high", "medium", "low"], severities);
        Assert.Contains("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", html, StringComparison.Ordinal);
        Assert.Contains("infrastructure.geojson", html, StringComparison.Ordinal);
        Assert.Contains("2026-11-21T09:00:00.000Z", html, StringComparison.Ordinal);
        Assert.Contains("checksum mismatch in GLOBAL_POSITION_INT", html, StringComparison.Ordinal);
        Assert.Contains("0x1092", html, StringComparison.Ordinal); // offset 4242
        Assert.Contains("data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Contains("© OpenStreetMap contributors", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_inlines_leaflet_and_uplot_with_licences_and_allows_no_network()
    {
        var html = HtmlReport.WriteToString(SpiralInput());
        Assert.Contains("Leaflet 1.9.4", html, StringComparison.Ordinal);
        Assert.Contains("uPlot 1.6.32", html, StringComparison.Ordinal);
        Assert.Contains("Vladimir Agafonkin", html, StringComparison.Ordinal); // Leaflet's licence text
        Assert.Contains("Leon Sorokin", html, StringComparison.Ordinal); // uPlot's licence text
        Assert.Contains("default-src 'none'; img-src data:;", html, StringComparison.Ordinal);
        var markup = Regex.Replace(html, "<script[^>]*>.*?</script>", "", RegexOptions.Singleline);
        Assert.DoesNotContain("src=\"http", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(http", markup, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("smoothFactor: 0", html, StringComparison.Ordinal);
        Assert.DoesNotContain("smoothFactor: 1", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_tile_url_is_opt_in()
    {
        var html = HtmlReport.WriteToString(SpiralInput(), new ReportOptions { TileUrl = "https://tiles.example.invalid/{z}/{x}/{y}.png", TileAttribution = "Tiles <b>example</b>" });
        Assert.Contains("img-src data: https:;", html, StringComparison.Ordinal);
        Assert.Contains("tiles.example.invalid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>example</b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_static_svgs_are_present_without_script()
    {
        var html = HtmlReport.WriteToString(SpiralInput(), new ReportOptions { Interactive = false });
        // Nothing executable: the only script element left is the inert JSON manifest of the embedded parts' hashes.
        Assert.Equal(1, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.Equal(1, Regex.Count(html, "<script type=\"application/json\" id=\"ff-manifest\">", RegexOptions.IgnoreCase));
        Assert.Equal(2, Regex.Count(html, "<svg "));
        Assert.Contains("id=\"mapclip1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_markup_in_names_never_reaches_the_html_as_markup()
    {
        const string evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
        var input = SpiralInput(evil) with
        {
            Findings = [.. SyntheticFlights.Findings().Select(f => f with { FeatureName = evil, Note = evil })],
        };
        var html = HtmlReport.WriteToString(input);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)</script>", html, StringComparison.Ordinal);
        // Exactly the scripts the report itself inlines: JSON data, Leaflet, uPlot, the report script, the hash manifest (JSON).
        Assert.Equal(5, Regex.Count(html, "<script", RegexOptions.IgnoreCase));
        Assert.Contains("\\u003C/script\\u003E", html, StringComparison.Ordinal); // in the JSON, escaped
    }

    [Fact]
    public void Bad_input_no_fix_and_empty_logs_still_give_a_report()
    {
        var empty = HtmlReport.WriteToString(new ReportInput { Log = SyntheticFlights.Build([]) });
        Assert.Contains("No position fix", empty, StringComparison.Ordinal);
        Assert.Contains("no-findings", empty, StringComparison.Ordinal);
        Assert.Contains("The log records no events.", empty, StringComparison.Ordinal);
        Assert.Contains("mapUnavailable", empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_one_million_samples_report_stays_bounded_and_says_so()
    {
        var input = new ReportInput { Log = SyntheticFlights.Spiral(samplesPerSecond: 100, seconds: 10_000), Findings = SyntheticFlights.Findings(), Features = SyntheticFlights.Features() };
        var html = HtmlReport.WriteToString(input);
        GoldenFile.Dump("million-report.html", html);
        Assert.True(html.Length < 12_000_000, $"report is {html.Length} characters");
        Assert.Contains("Interactive map shows every 21th of 1000001 positions", html, StringComparison.Ordinal);
        Assert.Contains("of 1000001 positions (points under half a pixel apart merged", html, StringComparison.Ordinal);
        Assert.Contains("Interactive chart shows", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_is_deterministic()
    {
        Assert.Equal(HtmlReport.WriteToString(SpiralInput()), HtmlReport.WriteToString(SpiralInput()));
    }
}
