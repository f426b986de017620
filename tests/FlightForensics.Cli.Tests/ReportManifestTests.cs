using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// <c>report</c> states the hashes of what it produced (issue: evidence-grade robustness, Integrity): the HTML's
/// ff-manifest block lists the SHA-256 of every embedded part, the provenance sidecar every output file's.
/// The test recomputes each hash from the files as written.
/// </summary>
public sealed class ReportManifestTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-report-manifest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void Report_manifest_and_sidecar_hashes_match_the_parts_and_files_written()
    {
        var logs = Path.Combine(Samples.RepositoryRoot, "logs");
        var flight = Path.Combine(logs, "demoville-quadcopter.tlog");
        var layer = Path.Combine(logs, "demoville-infrastructure.geojson");
        var html = Path.Combine(_dir, "report.html");
        var stderr = new StringWriter();
        Assert.True(CliApp.Run(["report", flight, "--infra", layer, "-o", html], new StringWriter(), stderr) == 0, stderr.ToString());

        var text = File.ReadAllText(html, Encoding.UTF8);
        const string manifestStart = "<script type=\"application/json\" id=\"ff-manifest\">";
        int m = text.IndexOf(manifestStart, StringComparison.Ordinal);
        Assert.True(m >= 0, "no ff-manifest block in the report");
        int mEnd = text.IndexOf("</script>", m, StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(text[(m + manifestStart.Length)..mEnd]);
        var parts = manifest.RootElement.GetProperty("parts").EnumerateArray().ToList();
        Assert.Contains(parts, p => p.GetProperty("id").GetString() == "static-map");
        Assert.Contains(parts, p => p.GetProperty("id").GetString() == "static-profile");
        foreach (var part in parts.Where(p => !p.TryGetProperty("sourcePhoto", out _))) // thumbnails: checked in Reporting.Tests
        {
            var id = part.GetProperty("id").GetString()!;
            var startTag = $"id=\"{id}\">";
            int start = text.IndexOf(startTag, StringComparison.Ordinal);
            Assert.True(start >= 0, $"manifest names {id}, which is not in the report");
            start += startTag.Length;
            string closing = text[..start].LastIndexOf("<figure", StringComparison.Ordinal) > text[..start].LastIndexOf("<script", StringComparison.Ordinal) ? "</figure>" : "</script>";
            if (closing == "</figure>")
            {
                Assert.Equal('\n', text[start]);
                start++;
            }

            var content = text[start..text.IndexOf(closing, start, StringComparison.Ordinal)];
            Assert.Equal(Sha(Encoding.UTF8.GetBytes(content)), part.GetProperty("sha256").GetString());
        }

        using var sidecar = JsonDocument.Parse(File.ReadAllBytes(html + ".provenance.json"));
        var outputs = sidecar.RootElement.GetProperty("outputs").EnumerateArray().ToList();
        var report = Assert.Single(outputs);
        Assert.Equal("report.html", report.GetProperty("file").GetString());
        Assert.Equal(new FileInfo(html).Length, report.GetProperty("bytes").GetInt64());
        Assert.Equal(Sha(File.ReadAllBytes(html)), report.GetProperty("sha256").GetString());
        var inputs = sidecar.RootElement.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("file").GetString()!, i => i.GetProperty("sha256").GetString());
        Assert.Equal(Sha(File.ReadAllBytes(flight)), inputs["demoville-quadcopter.tlog"]);
        Assert.Equal(Sha(File.ReadAllBytes(layer)), inputs["demoville-infrastructure.geojson"]);
        Assert.Equal(Core.ToolInfo.NameAndVersion, sidecar.RootElement.GetProperty("tool").GetString());
        // The sidecar lists the thumbnails the HTML embeds, as its manifest does (none here: no --media).
        var manifestThumbnails = parts.Count(p => p.TryGetProperty("sourcePhoto", out _));
        Assert.Equal(manifestThumbnails, sidecar.RootElement.GetProperty("thumbnails").GetArrayLength());
    }
}
