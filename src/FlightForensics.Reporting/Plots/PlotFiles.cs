using System.Globalization;
using System.Text;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.External;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// Writes the map or the profile to a file whose extension picks the format: .svg and .png are drawn in-process
/// by ScottPlot; .pdf is the SVG printed by headless Chromium (Skia's PDF output differs from run to run).
/// </summary>
public static class PlotFiles
{
    public static ToolOutcome WriteMap(string path, FlightLog log, IReadOnlyList<ReportFeature>? features, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null, IReadOnlyList<PlotFootprint>? footprints = null) =>
        Write(path, TrackPlot.Render(log, features, findings, options, footprints));

    public static ToolOutcome WriteProfile(string path, FlightLog log, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null) =>
        Write(path, AltitudeProfile.Render(log, findings, options));

    public static ToolOutcome Write(string path, PlotImage image)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(image);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".png":
                var png = image.ToPng();
                AtomicFile.Write(path, stream => stream.Write(png));
                return ToolOutcome.Ok($"wrote {Path.GetFullPath(path)}");
            case ".pdf":
                return WritePdf(path, image);
            case ".svg" or "":
                var svg = image.ToSvgBytes();
                AtomicFile.Write(path, stream => stream.Write(svg));
                return ToolOutcome.Ok($"wrote {Path.GetFullPath(path)}");
            default:
                return ToolOutcome.Failed($"unknown plot file type '{extension}' (use .svg, .png or .pdf)");
        }
    }

    private static ToolOutcome WritePdf(string path, PlotImage image)
    {
        if (!Chromium.IsAvailable)
        {
            return ToolOutcome.Failed(Chromium.MissingMessage.Replace("the HTML report", "SVG and PNG", StringComparison.Ordinal));
        }

        // As for the report: made in a private folder, and only the finished PDF is moved into place.
        var work = Directory.CreateTempSubdirectory("ff-plot-");
        try
        {
            var html = Path.Combine(work.FullName, "plot.html");
            var pdf = Path.Combine(work.FullName, "plot.pdf");
            string size = string.Create(CultureInfo.InvariantCulture, $"{image.WidthPixels}px {image.HeightPixels}px");
            File.WriteAllText(html, $"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>@page {{ size: {size}; margin: 0 }} body {{ margin: 0 }} svg {{ display: block }}</style></head><body>\n{image.ToSvg()}</body></html>\n", new UTF8Encoding(false));
            var printed = Chromium.TryPrintToPdf(html, pdf);
            if (printed.Success)
            {
                AtomicFile.CopyInto(pdf, path);
            }

            return printed.Success ? ToolOutcome.Ok($"wrote {Path.GetFullPath(path)} with Chromium") : printed;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
