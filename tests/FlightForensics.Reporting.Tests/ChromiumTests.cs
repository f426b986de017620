using FlightForensics.Reporting.External;
using FlightForensics.Reporting.Html;

namespace FlightForensics.Reporting.Tests;

public class ChromiumTests
{
    private static string TempFile(string name) => Path.Combine(Path.GetTempPath(), "ff-test-" + Guid.NewGuid().ToString("N")[..8] + "-" + name);

    private static bool IsLocal(string url) => url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url == "about:blank";

    [ChromiumFact]
    public async Task Report_loads_offline_without_console_errors_or_requests_and_draws_track_features_and_findings()
    {
        var html = TempFile("report.html");
        await using (var file = File.Create(html))
        {
            HtmlReport.Write(file, HtmlReportTests.SpiralInput("Substation <b>Nord</b> & \"Co\""));
        }

        await using var chromium = await ChromiumHarness.StartAsync(1200, 3200);
        await chromium.NavigateAsync(html, TimeSpan.FromSeconds(60));
        var ready = await chromium.EvaluateAsync("document.documentElement.getAttribute('data-ff-ready')");
        Assert.True(chromium.ConsoleErrors.Count == 0, string.Join("\n", chromium.ConsoleErrors));
        Assert.Equal("true", ready?.GetValue<string>());
        var counts = (await chromium.EvaluateAsync(
            "JSON.stringify({track: document.querySelectorAll('#ff-map path.ff-track').length," +
            " features: document.querySelectorAll('#ff-map path.ff-feature').length," +
            " findings: document.querySelectorAll('#findings-table tbody tr').length," +
            " chart: document.querySelectorAll('#ff-chart canvas').length," +
            " bold: document.querySelectorAll('#findings b, #ff-map b').length," +
            " svg: document.querySelectorAll('figure.static-fallback svg').length})"))!.GetValue<string>();
        var screenshot = await chromium.ScreenshotAsync();
        var shot = Path.Combine(Path.GetTempPath(), "ff-report-screenshot.png");
        await File.WriteAllBytesAsync(shot, screenshot);
        GoldenFile.Dump("report-screenshot.png.txt", shot);

        Assert.Empty(chromium.ConsoleErrors);
        Assert.All(chromium.Requests, url => Assert.True(IsLocal(url), $"network request to {url}"));
        Assert.Contains(chromium.Requests, url => url.StartsWith("file:", StringComparison.Ordinal));
        var c = System.Text.Json.JsonDocument.Parse(counts).RootElement;
        Assert.True(c.GetProperty("track").GetInt32() >= 1, counts);
        Assert.Equal(4, c.GetProperty("features").GetInt32()); // substation, water works, power line, mast
        Assert.Equal(3, c.GetProperty("findings").GetInt32());
        Assert.True(c.GetProperty("chart").GetInt32() >= 1, counts);
        Assert.Equal(0, c.GetProperty("bold").GetInt32()); // the <b> in the name stayed text
        Assert.Equal(2, c.GetProperty("svg").GetInt32());
        Assert.True(screenshot.Length > 10_000);
        File.Delete(html);
    }

    [ChromiumFact]
    public async Task The_policy_blocks_a_script_an_escaping_mistake_let_into_the_report_while_the_reports_own_scripts_run()
    {
        // Issue #24: escaping was the report's only defence. Markup injected unescaped (a test-only switch standing
        // for an escaping mistake with a hostile feature name) must neither run nor load anything.
        var html = TempFile("injected.html");
        const string injected = "<script>document.documentElement.setAttribute('data-pwned','inline')</script>"
            + "<img src=\"x\" onerror=\"document.documentElement.setAttribute('data-pwned','handler')\">"
            + "<style>#styled{display:none}</style><div id=\"styled\">s</div>";
        await using (var file = File.Create(html))
        {
            HtmlReport.Write(file, HtmlReportTests.SpiralInput(), new ReportOptions { TestOnlyRawMarkup = injected });
        }

        await using var chromium = await ChromiumHarness.StartAsync(1200, 1600);
        await chromium.NavigateAsync(html, TimeSpan.FromSeconds(60));
        var pwned = await chromium.EvaluateAsync("String(document.documentElement.getAttribute('data-pwned'))");
        var ready = await chromium.EvaluateAsync("document.documentElement.getAttribute('data-ff-ready')");
        var styled = await chromium.EvaluateAsync("getComputedStyle(document.getElementById('styled')).display");
        Assert.Equal("null", pwned?.GetValue<string>());
        Assert.Equal("true", ready?.GetValue<string>()); // the report's own hashed scripts ran
        Assert.Equal("block", styled?.GetValue<string>()); // the injected style element was refused too
        Assert.Contains(chromium.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.All(chromium.Requests, url => Assert.True(IsLocal(url), $"network request to {url}"));
        File.Delete(html);
    }

    [ChromiumFact]
    public async Task Harness_sees_console_errors_and_requests_when_a_page_makes_them()
    {
        // The negative control: without it, an empty error list could mean a deaf harness.
        var html = TempFile("bad.html");
        await File.WriteAllTextAsync(html, "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"><script>console.error('boom');</script></body></html>");
        await using var chromium = await ChromiumHarness.StartAsync(400, 300);
        await chromium.NavigateAsync(html, TimeSpan.FromSeconds(60));
        Assert.Contains(chromium.ConsoleErrors, e => e.Contains("boom", StringComparison.Ordinal));
        Assert.Contains(chromium.Requests, url => url.StartsWith("http://127.0.0.1:9/", StringComparison.Ordinal));
        File.Delete(html);
    }

    [ChromiumFact]
    public void Report_prints_to_pdf()
    {
        var pdf = TempFile("report.pdf");
        var outcome = HtmlReport.WriteFile(pdf, HtmlReportTests.SpiralInput());
        Assert.True(outcome.Success, outcome.Message);
        var head = File.ReadAllBytes(pdf).AsSpan(0, 5).ToArray();
        Assert.Equal("%PDF-"u8.ToArray(), head);
        Assert.True(new FileInfo(pdf).Length > 20_000);
        File.Delete(pdf);
    }

    [ChromiumFact]
    public void Printing_a_pdf_leaves_a_file_with_the_intermediate_html_name_untouched()
    {
        // Issue #24: report -o notes.pdf used to write (and then keep) notes.html beside it.
        var pdf = TempFile("notes.pdf");
        var html = Path.ChangeExtension(pdf, ".html");
        File.WriteAllText(html, "an examiner's notes");
        var outcome = HtmlReport.WriteFile(pdf, HtmlReportTests.SpiralInput());
        Assert.True(outcome.Success, outcome.Message);
        Assert.Equal("an examiner's notes", File.ReadAllText(html));
        Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(pdf)[..5]);
        File.Delete(pdf);
        File.Delete(html);
    }

    [Fact]
    public void Plot_files_pick_the_format_by_extension()
    {
        var svg = TempFile("map.svg");
        Assert.True(Plots.PlotFiles.WriteMap(svg, SyntheticFlights.Spiral(), SyntheticFlights.Features(), SyntheticFlights.Findings()).Success);
        Assert.StartsWith("<svg ", File.ReadAllText(svg), StringComparison.Ordinal);
        File.Delete(svg);
        var png = TempFile("map.png");
        Assert.True(Plots.PlotFiles.WriteMap(png, SyntheticFlights.Spiral(), [], []).Success);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
        File.Delete(png);
        var bad = Plots.PlotFiles.Write(TempFile("map.gif"), Plots.AltitudeProfile.Render(SyntheticFlights.Spiral(), []));
        Assert.False(bad.Success);
        Assert.Contains(".gif", bad.Message, StringComparison.Ordinal);
        var pdf = TempFile("profile.pdf");
        var outcome = Plots.PlotFiles.WriteProfile(pdf, SyntheticFlights.Spiral(), SyntheticFlights.Findings());
        if (Chromium.IsAvailable)
        {
            Assert.True(outcome.Success, outcome.Message);
            Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(pdf)[..5]);
            // One page the size of the picture: 960 × 320 px at 0.75 pt/px.
            var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
            Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(text, @"/Type\s*/Page\b"));
            Assert.Contains("/MediaBox [0 0 720 240]", text, StringComparison.Ordinal);
            File.Delete(pdf);
        }
        else
        {
            Assert.Contains("apt-get install chromium", outcome.Message, StringComparison.Ordinal);
        }
    }
}
