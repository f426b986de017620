using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlightForensics.Reporting.Html;

namespace FlightForensics.Reporting.Tests;

/// <summary>
/// Thumbnails embedded in a report are in its ff-manifest (issue: evidence-grade robustness, Integrity): each with
/// the id of its img element, the photo it came from and the SHA-256 of the image bytes. The test recomputes every
/// hash from the data: URIs in the HTML as written.
/// </summary>
public sealed class ReportThumbnailManifestTests
{
    /// <summary>Synthetic JPEG-framed bytes (SOI, a comment segment naming the photo, EOI): the report embeds bytes as given.</summary>
    private static byte[] SyntheticJpeg(string text)
    {
        var body = System.Text.Encoding.ASCII.GetBytes(text);
        return [0xFF, 0xD8, 0xFF, 0xFE, 0, (byte)(body.Length + 2), .. body, 0xFF, 0xD9];
    }

    private static ReportInput Input() => HtmlReportTests.SpiralInput() with
    {
        Thumbnails =
        [
            new ReportThumbnail("DJI_0042.JPG", "image/jpeg", SyntheticJpeg("photo 42")) { FeatureId = "osm:way/1001" },
            new ReportThumbnail("DJI_0043.JPG", "image/jpeg", new byte[600 * 1024]) { FeatureId = "osm:way/1001" }, // over MaxThumbnailBytes: not embedded
            new ReportThumbnail("DJI_0044.JPG", "image/gif", SyntheticJpeg("wrong type")), // not JPEG/PNG: not embedded
            new ReportThumbnail("DJI_0045.JPG", "image/jpeg", SyntheticJpeg("photo 45")),
        ],
    };

    private static JsonDocument Manifest(string html)
    {
        var m = Regex.Match(html, "<script type=\"application/json\" id=\"ff-manifest\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success, "no ff-manifest block");
        return JsonDocument.Parse(m.Groups[1].Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Manifest_lists_every_embedded_thumbnail_with_the_hash_of_its_bytes_and_its_photo(bool interactive)
    {
        var input = Input();
        var html = HtmlReport.WriteToString(input, new ReportOptions { Interactive = interactive });

        using var manifest = Manifest(html);
        var thumbs = manifest.RootElement.GetProperty("parts").EnumerateArray().Where(p => p.TryGetProperty("sourcePhoto", out _)).ToList();
        Assert.Equal(["DJI_0042.JPG", "DJI_0045.JPG"], thumbs.Select(t => t.GetProperty("sourcePhoto").GetString()));
        Assert.Equal(2, Regex.Count(html, "<img "));
        foreach (var t in thumbs)
        {
            var id = t.GetProperty("id").GetString()!;
            var img = Regex.Match(html, $"<img id=\"{Regex.Escape(id)}\" alt=\"([^\"]*)\" src=\"data:([^;]+);base64,([^\"]+)\">");
            Assert.True(img.Success, $"manifest names {id}, which is not an embedded image in the report");
            var bytes = Convert.FromBase64String(img.Groups[3].Value);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), t.GetProperty("sha256").GetString());
            Assert.Equal(bytes.Length, t.GetProperty("bytes").GetInt64());
            Assert.Equal(img.Groups[2].Value, t.GetProperty("mediaType").GetString());
            Assert.Equal(img.Groups[1].Value, t.GetProperty("sourcePhoto").GetString());
            // The bytes are those of the photo's thumbnail as given, not a re-encoding.
            var source = input.Thumbnails.Single(x => x.Name == t.GetProperty("sourcePhoto").GetString());
            Assert.Equal(source.Data, bytes);
        }

        Assert.Equal("osm:way/1001", thumbs[0].GetProperty("featureId").GetString());
        Assert.False(thumbs[1].TryGetProperty("featureId", out _));
    }

    [Fact]
    public void EmbeddedThumbnails_agrees_with_the_manifest()
    {
        var input = Input();
        using var manifest = Manifest(HtmlReport.WriteToString(input));
        var fromManifest = manifest.RootElement.GetProperty("parts").EnumerateArray().Where(p => p.TryGetProperty("sourcePhoto", out _))
            .Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("sourcePhoto").GetString()!, p.GetProperty("sha256").GetString()!)).ToList();

        var listed = HtmlReport.EmbeddedThumbnails(input).Select(t => (t.Id, t.SourcePhoto, t.Sha256)).ToList();

        Assert.Equal(fromManifest, listed);
    }
}
