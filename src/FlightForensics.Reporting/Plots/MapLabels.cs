using FlightForensics.Core.Model;
using ScottPlot;
using SkiaSharp;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// Feature names placed so that no two overlap: for each feature (those a finding names first) the first free
/// spot among above, below, right and left of its anchor is taken; a name with no free spot is left out and
/// counted, never drawn over another. Text boxes are measured with the typeface the plot draws with.
/// </summary>
internal static class MapLabels
{
    public const float FontSize = 11;

    /// <summary>The boxes of the labels drawn, in pixels, for tests.</summary>
    public static int Place(Plot plot, IReadOnlyList<ReportFeature> features, MapFrame frame, MapView view, List<PixelRect> placed)
    {
        using var typeface = SKFontManager.Default.MatchFamily(PlotFonts.Ensure()) ?? SKTypeface.Default;
        using var font = new SKFont(typeface, FontSize);
        int dropped = 0;
        foreach (var feature in features)
        {
            if (string.IsNullOrWhiteSpace(feature.Name) || Anchor(feature, frame) is not { } box)
            {
                continue;
            }

            string text = TrackPlot.Shorten(feature.Name, 40);
            float w = font.MeasureText(text) + 6, h = FontSize + 6;
            var (left, top) = view.PixelOf(new Coordinates(box.Left, box.Top));
            var (right, bottom) = view.PixelOf(new Coordinates(box.Right, box.Bottom));
            double cx = (left + right) / 2, cy = (top + bottom) / 2;
            // Candidates: centred above the feature's box, below it, to its right, to its left.
            var candidates = new (double X, double Y, Alignment Align)[]
            {
                (cx, top - 3, Alignment.LowerCenter), (cx, bottom + 3, Alignment.UpperCenter),
                (right + 4, cy, Alignment.MiddleLeft), (left - 4, cy, Alignment.MiddleRight),
            };
            bool done = false;
            foreach (var (x, y, align) in candidates)
            {
                var rect = Box(x, y, w, h, align);
                if (!Inside(rect, view) || placed.Any(p => Overlaps(p, rect)))
                {
                    continue;
                }

                placed.Add(rect);
                var label = plot.Add.Text(text, view.CoordinatesOf(x, y));
                label.LabelFontSize = FontSize;
                label.LabelFontColor = Palette.Darken(Palette.ForCategory(feature.Category));
                label.LabelBackgroundColor = Palette.White.WithAlpha(0.75);
                label.LabelAlignment = align;
                label.LabelPadding = 2;
                done = true;
                break;
            }

            if (!done)
            {
                dropped++;
            }
        }

        return dropped;
    }

    private static CoordinateRect? Anchor(ReportFeature feature, MapFrame frame)
    {
        var positions = feature.Geometry.Polygons.Count > 0 ? (feature.Geometry.Polygons[0].Count > 0 ? feature.Geometry.Polygons[0][0] : [])
            : feature.Geometry.Lines.Count > 0 ? feature.Geometry.Lines[0]
            : feature.Geometry.Points;
        var pts = positions.Where(p => p.IsValid).Select(frame.Project).ToList();
        return pts.Count == 0 ? null : new CoordinateRect(pts.Min(p => p.X), pts.Max(p => p.X), pts.Min(p => p.Y), pts.Max(p => p.Y));
    }

    private static PixelRect Box(double x, double y, float w, float h, Alignment align)
    {
        float fx = (float)x, fy = (float)y;
        return align switch
        {
            Alignment.LowerCenter => new PixelRect(fx - (w / 2), fx + (w / 2), fy, fy - h),
            Alignment.UpperCenter => new PixelRect(fx - (w / 2), fx + (w / 2), fy + h, fy),
            Alignment.MiddleLeft => new PixelRect(fx, fx + w, fy + (h / 2), fy - (h / 2)),
            _ => new PixelRect(fx - w, fx, fy + (h / 2), fy - (h / 2)),
        };
    }

    private static bool Inside(PixelRect r, MapView view) =>
        r.Left >= view.Left && r.Right <= view.Left + view.DataWidth && r.Top >= view.Top && r.Bottom <= view.Top + view.DataHeight;

    private static bool Overlaps(PixelRect a, PixelRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
