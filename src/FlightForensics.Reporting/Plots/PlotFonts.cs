using ScottPlot;
using SkiaSharp;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// One typeface for every plot, chosen once. ScottPlot otherwise asks the system for its "default" font, which
/// differs between machines (here it picked a serif face), and text widths decide where labels and the legend go;
/// a fixed family keeps the layout, and so the bytes, the same wherever the families are installed.
/// </summary>
internal static class PlotFonts
{
    /// <summary>The family every label uses; DejaVu Sans is the family the hand-written SVG named first, too.</summary>
    public const string Family = "DejaVu Sans";

    /// <summary>ScottPlot keeps fonts and defaults in static state: plots are drawn one at a time.</summary>
    public static readonly object RenderLock = new();

    private static readonly Lazy<string> s_family = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The family actually used (DejaVu Sans when installed, else the system's sans-serif face).</summary>
    public static string Ensure() => s_family.Value;

    private static string Configure()
    {
        using var typeface = SKFontManager.Default.MatchFamily(Family);
        string family = typeface is not null && typeface.FamilyName == Family ? Family : Fonts.Sans;
        Fonts.Default = family;
        return family;
    }
}
