using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.External;

namespace FlightForensics.Reporting.Plots;

/// <summary>Writes the map or the profile to a file whose extension picks the format: .svg, .png or .pdf.</summary>
public static class PlotFiles
{
    public static ToolOutcome WriteMap(string path, FlightLog log, IReadOnlyList<ReportFeature>? features, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null) =>
        Write(path, TrackPlot.RenderSvg(log, features, findings, options));

    public static ToolOutcome WriteProfile(string path, FlightLog log, IReadOnlyList<ReportFinding>? findings, PlotOptions? options = null) =>
        Write(path, AltitudeProfile.RenderSvg(log, findings, options));

    /// <summary>.svg is written directly; .png and .pdf go through rsvg-convert (a message names librsvg2-bin when it is missing).</summary>
    public static ToolOutcome Write(string path, string svg)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(svg);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".png":
                return SvgRasterizer.TryWritePng(svg, path);
            case ".pdf":
                return SvgRasterizer.TryWritePdf(svg, path);
            case ".svg" or "":
                AtomicFile.Write(path, stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(svg)));
                return ToolOutcome.Ok($"wrote {Path.GetFullPath(path)}");
            default:
                return ToolOutcome.Failed($"unknown plot file type '{extension}' (use .svg, .png or .pdf)");
        }
    }
}
