using System.Globalization;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Photos that captured a feature" section: embedded thumbnails, each noted in the manifest.</summary>
internal static class CapturesSection
{
    public static void Write(TextWriter w, ReportInput input, ReportOptions options, List<ManifestPart> manifest)
    {
        if (input.Thumbnails.Count == 0)
        {
            return;
        }

        var embedded = EmbeddedThumbnails(input, options);
        var next = 0;
        var names = input.Features.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        w.Write("<section id=\"captures\">\n<h2>Photos that captured a feature</h2>\n<div class=\"thumbs\">\n");
        foreach (var t in input.Thumbnails)
        {
            string caption = t.FeatureId is { } id ? $"{t.Name} — {(names.TryGetValue(id, out var n) ? n : id)}" : t.Name;
            bool allowed = t.MediaType is "image/jpeg" or "image/png" && t.Data.Length > 0 && t.Data.Length <= options.MaxThumbnailBytes;
            w.Write("<figure>");
            if (allowed)
            {
                var part = embedded[next++];
                manifest.Add(new ManifestPart(part.Id, part.MediaType, part.Sha256, part));
                w.Write($"<img id=\"{part.Id}\" alt=\"{H(t.Name)}\" src=\"data:{t.MediaType};base64,{Convert.ToBase64String(t.Data)}\">");
            }
            else
            {
                w.Write($"<p class=\"note\">not embedded ({H(t.MediaType)}, {t.Data.Length.ToString(CultureInfo.InvariantCulture)} bytes)</p>");
            }

            w.Write($"<figcaption>{H(caption)}</figcaption></figure>\n");
        }

        w.Write("</div>\n</section>\n");
    }
}
