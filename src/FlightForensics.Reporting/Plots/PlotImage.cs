using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FlightForensics.Core.Model;
using ScottPlot;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// A finished plot (a ScottPlot figure at a fixed pixel size) and what it says beside the picture: the notes
/// printed under it and the legend's entries, so that callers and tests can read them without parsing an image.
/// SVG and PNG come from the same figure; both are byte-for-byte the same for the same input.
/// </summary>
public sealed partial class PlotImage
{
    internal PlotImage(Plot plot, int widthPixels, int heightPixels, IReadOnlyList<string> notes, IReadOnlyList<string> legend)
    {
        Plot = plot;
        WidthPixels = widthPixels;
        HeightPixels = heightPixels;
        Notes = notes;
        Legend = legend;
    }

    /// <summary>The ScottPlot figure, for callers that want to add to it before writing.</summary>
    public Plot Plot { get; }
    public int WidthPixels { get; }
    public int HeightPixels { get; }

    /// <summary>The notes written under the plot (decimation, missing data, pole), in order.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The legend's entries, top to bottom.</summary>
    public IReadOnlyList<string> Legend { get; }

    /// <summary>The map's scale bar: its label and the length it stands for (null on a profile or an empty map).</summary>
    internal (string Label, double Meters)? ScaleBar { get; init; }

    /// <summary>The map's metres-to-pixels transform (null on a profile or an empty map).</summary>
    internal MapView? View { get; init; }

    /// <summary>The profile's shaded intervals, seconds on its clock.</summary>
    internal IReadOnlyList<(FindingKind Kind, double From, double To)> Intervals { get; init; } = [];

    /// <summary>The profile's photo ticks.</summary>
    internal int PhotoCount { get; init; }

    /// <summary>The pixel boxes of the feature labels drawn on the map.</summary>
    internal IReadOnlyList<PixelRect> LabelBoxes { get; init; } = [];

    /// <summary>
    /// The figure as SVG text. Skia numbers its clip paths from a counter shared by the whole process, so the
    /// same figure drawn twice would differ; they are renumbered here in document order (with <paramref name="idPrefix"/>,
    /// so that two plots can share one HTML page), the XML declaration is dropped so the text can be inlined, and a viewBox is added so that it can be scaled.
    /// </summary>
    public string ToSvg(string idPrefix = "")
    {
        string raw;
        lock (PlotFonts.RenderLock)
        {
            raw = Plot.GetSvgXml(WidthPixels, HeightPixels);
        }

        var prefix = new string([.. idPrefix.Where(char.IsAsciiLetterOrDigit)]);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var svg = ClipIdPattern().Replace(raw, m =>
        {
            if (!ids.TryGetValue(m.Value, out var renamed))
            {
                renamed = prefix + "clip" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
                ids.Add(m.Value, renamed);
            }

            return renamed;
        });
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        svg = start > 0 ? svg[start..] : svg;
        // A viewBox lets a page scale the picture (the HTML report fits it to the column) instead of cropping it.
        svg = string.Create(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {WidthPixels} {HeightPixels}\"{svg.AsSpan(4)}");
        return svg.EndsWith('\n') ? svg : svg + "\n";
    }

    /// <summary>The figure as PNG bytes (no time stamp or other metadata chunk: Skia writes none).</summary>
    public byte[] ToPng()
    {
        lock (PlotFonts.RenderLock)
        {
            return Plot.GetImageBytes(WidthPixels, HeightPixels, ImageFormat.Png);
        }
    }

    /// <summary>The SVG as UTF-8 bytes without a byte-order mark.</summary>
    public byte[] ToSvgBytes() => new UTF8Encoding(false).GetBytes(ToSvg());

    // Skia's SVG device names clip paths "cl_" and a hexadecimal counter; only ids and references are matched,
    // never text that happens to look like one.
    [GeneratedRegex("(?<=id=\"|url\\(#)cl_[0-9a-f]+", RegexOptions.CultureInvariant)]
    private static partial Regex ClipIdPattern();
}
