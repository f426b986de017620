using ScottPlot;

namespace FlightForensics.Reporting.Plots;

/// <summary>
/// Where the map's data area sits on the picture and the metres-to-pixels scale. The layout is fixed (not
/// measured from the labels), so that the scale is known before anything is drawn: thinning, label placement, the
/// scale bar and the north arrow all use this one transform, and ScottPlot draws with the same limits.
/// </summary>
internal sealed record MapView(double Left, double Top, double DataWidth, double DataHeight, double PixelsPerMeter, double CenterEast, double CenterNorth)
{
    public (double X, double Y) PixelOf(Coordinates c) =>
        (Left + (DataWidth / 2) + ((c.X - CenterEast) * PixelsPerMeter), Top + (DataHeight / 2) - ((c.Y - CenterNorth) * PixelsPerMeter));

    public Coordinates CoordinatesOf(double x, double y) =>
        new(CenterEast + ((x - Left - (DataWidth / 2)) / PixelsPerMeter), CenterNorth - ((y - Top - (DataHeight / 2)) / PixelsPerMeter));
}

/// <summary>Title, axes, legend placement, north arrow, scale bar, attribution and notes of the map.</summary>
internal static class MapDecorations
{
    private const int LeftPixels = 70, RightPixels = 240, TopPixels = 58, BottomPixels = 84;

    public static Plot NewPlot(string title, string? subtitle)
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Palette.White;
        plot.DataBackground.Color = Palette.MapBackground;
        plot.Axes.Title.Label.Text = TrackPlot.Shorten(title, 90) + (subtitle is null ? "" : "\n" + subtitle);
        plot.Axes.Title.Label.FontSize = 15;
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.ForeColor = Palette.Text;
        plot.Grid.MajorLineColor = Palette.Grid.WithAlpha(0.6);
        plot.Layout.Fixed(new PixelPadding(LeftPixels, RightPixels, BottomPixels, TopPixels));
        return plot;
    }

    /// <summary>Fixes the layout and the axis limits around <paramref name="frame"/>; returns the view all layers use.</summary>
    public static MapView Layout(Plot plot, MapLegend legend, MapFrame frame, int width, int height)
    {
        double dataWidth = width - LeftPixels - RightPixels, dataHeight = height - TopPixels - BottomPixels;
        var extent = frame.Extent;
        double scale = Math.Min(dataWidth / extent.Width, dataHeight / extent.Height);
        var view = new MapView(LeftPixels, TopPixels, dataWidth, dataHeight, scale, extent.HorizontalCenter, extent.VerticalCenter);
        // Equal units: the limits are cut from the data area's own aspect, so a metre east is as long as a metre north.
        double halfE = dataWidth / 2 / scale, halfN = dataHeight / 2 / scale;
        plot.Axes.SetLimits(view.CenterEast - halfE, view.CenterEast + halfE, view.CenterNorth - halfN, view.CenterNorth + halfN);
        plot.Axes.Bottom.Label.Text = "metres east of the map centre (azimuthal equidistant)";
        plot.Axes.Left.Label.Text = "metres north of the map centre";
        foreach (var label in new[] { plot.Axes.Bottom.Label, plot.Axes.Left.Label })
        {
            label.FontSize = 11;
            label.Bold = false;
            label.ForeColor = Palette.Text;
        }

        plot.Legend.ManualItems.AddRange(legend.Items);
        plot.Legend.FontSize = 10.5f;
        plot.ShowLegend(Edge.Right);
        return view;
    }

    public static PlotImage NoFix(Plot plot, int width, int height, string message, List<string> notes)
    {
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.HideAxesAndGrid();
        var text = plot.Add.Text(message, 0.5, 0.5);
        text.LabelFontSize = 16;
        text.LabelFontColor = Palette.Muted;
        text.LabelAlignment = Alignment.MiddleCenter;
        AddNotes(plot, notes);
        return new PlotImage(plot, width, height, [message, .. notes], []);
    }

    public static void AddNorthArrow(Plot plot, MapView view)
    {
        // The projection is centred on the flight, so true north is straight up at the map centre.
        double x = view.Left + 28, y = view.Top + 16;
        var arrow = plot.Add.Arrow(view.CoordinatesOf(x, y + 34), view.CoordinatesOf(x, y));
        arrow.ArrowFillColor = Palette.Text;
        arrow.ArrowLineColor = Palette.White;
        arrow.ArrowLineWidth = 1;
        arrow.ArrowWidth = 4;
        arrow.ArrowheadWidth = 16;
        arrow.ArrowheadLength = 16;
        var n = plot.Add.Text("N", view.CoordinatesOf(x, y + 38));
        n.LabelFontSize = 12;
        n.LabelBold = true;
        n.LabelFontColor = Palette.Text;
        n.LabelAlignment = Alignment.UpperCenter;
    }

    /// <summary>A bar of a round length (1, 2 or 5 × 10ⁿ m) of about a fifth of the map's width; returns its label.</summary>
    public static (string Label, double Meters) AddScaleBar(Plot plot, MapView view)
    {
        double meters = NiceTicks.NiceFloor(view.DataWidth * 0.22 / view.PixelsPerMeter);
        string label = meters >= 1000 ? $"{Exports.NumberFormat.Measure(meters / 1000)} km" : $"{Exports.NumberFormat.Measure(meters)} m";
        double x = view.Left + 16, y = view.Top + view.DataHeight - 18;
        var origin = view.CoordinatesOf(x, y);
        double tick = 6 / view.PixelsPerMeter;
        var back = plot.Add.Rectangle(view.CoordinatesOf(x - 6, y + 10).X, view.CoordinatesOf(x + (meters * view.PixelsPerMeter) + 12 + (label.Length * 7.5), y).X,
            view.CoordinatesOf(x, y + 10).Y, view.CoordinatesOf(x, y - 22).Y);
        back.FillColor = Palette.White.WithAlpha(0.8);
        back.LineWidth = 0;
        var bar = plot.Add.ScatterLine(
            new Coordinates[] { new(origin.X, origin.Y + tick), origin, new(origin.X + meters, origin.Y), new(origin.X + meters, origin.Y + tick) }, Palette.Text);
        bar.LineWidth = 2;
        bar.MarkerSize = 0;
        var text = plot.Add.Text(label, view.CoordinatesOf(x + (meters * view.PixelsPerMeter) + 6, y));
        text.LabelFontSize = 11;
        text.LabelFontColor = Palette.Text;
        text.LabelAlignment = Alignment.MiddleLeft;
        return (label, meters);
    }

    public static void AddAttribution(Plot plot, string text)
    {
        var note = plot.Add.Annotation(text, Alignment.LowerRight);
        note.LabelFontSize = 10;
        note.LabelFontColor = Palette.Muted;
        note.LabelBackgroundColor = Palette.White.WithAlpha(0.8);
        note.LabelBorderWidth = 0;
        note.LabelShadowColor = Colors.Transparent;
    }

    /// <summary>Notes go under the bottom axis label (at most three lines: the picture has room for no more).</summary>
    public static void AddNotes(Plot plot, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        var lines = notes.Take(3).Select(n => TrackPlot.Shorten(n, 150));
        plot.Axes.Bottom.Label.Text = string.Join('\n', [plot.Axes.Bottom.Label.Text, .. lines]).TrimStart('\n');
        plot.Axes.Bottom.Label.IsVisible = true;
    }
}
