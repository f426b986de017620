using System.Globalization;
using FlightForensics.Core.Model;
using ScottPlot;

namespace FlightForensics.Reporting.Plots;

/// <summary>The map's legend: height classes of the track, the symbols the map shows, and the feature categories.</summary>
internal sealed class MapLegend(string heightLabel)
{
    private const int MaxCategories = 12;

    public List<LegendItem> Items { get; } = [];

    public List<string> Entries => [.. Items.Select(i => i.LabelText)];

    public void HeightClasses(TickSet? ticks)
    {
        Header(heightLabel);
        if (ticks is null)
        {
            Add(new LegendItem { LabelText = "no height in log", FillColor = Palette.NoHeight });
            return;
        }

        int classes = Math.Max(1, ticks.Values.Count - 1);
        string format = "F" + ticks.Decimals.ToString(CultureInfo.InvariantCulture);
        for (int i = classes - 1; i >= 0; i--)
        {
            string lo = ticks.Values[Math.Min(i, ticks.Values.Count - 1)].ToString(format, CultureInfo.InvariantCulture);
            string hi = ticks.Values[Math.Min(i + 1, ticks.Values.Count - 1)].ToString(format, CultureInfo.InvariantCulture);
            Add(new LegendItem { LabelText = $"{lo} – {hi}", LineColor = Palette.RampColor(i, classes), LineWidth = 4 });
        }
    }

    public void Symbols(bool home, bool mission, IReadOnlyList<ReportFinding> findings, bool photos, bool footprints)
    {
        Marker("Start", MarkerShape.FilledCircle, 11, Palette.Start);
        Marker("End", MarkerShape.FilledSquare, 10, Palette.End);
        if (home)
        {
            Marker("Home point", MarkerShape.FilledTriangleUp, 13, Palette.Home);
        }

        if (mission)
        {
            Add(new LegendItem { LabelText = "Planned mission", LineColor = Palette.Mission, LineWidth = 1.5f, LinePattern = LinePattern.Dashed, MarkerShape = MarkerShape.OpenCircle, MarkerSize = 6, MarkerLineColor = Palette.Mission, MarkerLineWidth = 1.5f });
        }

        if (findings.Any(f => f.Kind == FindingKind.Overflight))
        {
            Add(new LegendItem { LabelText = "Overflight", LineColor = Palette.Overflight.WithAlpha(0.45), LineWidth = 8 });
        }

        if (findings.Any(f => f.Kind == FindingKind.Proximity && f.ClosestPosition is not null))
        {
            Marker("Closest approach", MarkerShape.FilledDiamond, 10, Palette.Proximity);
        }

        if (photos)
        {
            Marker("Photo", MarkerShape.OpenSquare, 7, Palette.Capture);
        }

        if (footprints)
        {
            // The contract's name for them (CONTRACT.md, "Plots").
            Add(new LegendItem { LabelText = "Camera footprint", FillColor = Palette.Capture.WithAlpha(0.12), OutlineColor = Palette.Capture, OutlineWidth = 1, OutlinePattern = LinePattern.Dashed });
        }
    }

    public void Categories(IReadOnlyList<ReportFeature> features)
    {
        var categories = new SortedDictionary<string, Color>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            categories.TryAdd(string.IsNullOrWhiteSpace(feature.Category) ? "(no category)" : feature.Category, Palette.ForCategory(feature.Category));
        }

        if (categories.Count == 0)
        {
            return;
        }

        Header("Features");
        foreach (var (name, color) in categories.Take(MaxCategories))
        {
            Add(new LegendItem { LabelText = TrackPlot.Shorten(name, 24), FillColor = color.WithAlpha(0.35), OutlineColor = color, OutlineWidth = 1.2f });
        }

        if (categories.Count > MaxCategories)
        {
            Header($"+{(categories.Count - MaxCategories).ToString(CultureInfo.InvariantCulture)} more categories");
        }
    }

    private void Marker(string text, MarkerShape shape, float size, Color color) =>
        Add(new LegendItem { LabelText = text, MarkerShape = shape, MarkerSize = size, MarkerFillColor = color, MarkerLineColor = shape is MarkerShape.OpenSquare ? color : Palette.White, MarkerLineWidth = shape is MarkerShape.OpenSquare ? 1.5f : 1 });

    private void Header(string text) => Add(new LegendItem { LabelText = text, LabelBold = true });

    private void Add(LegendItem item)
    {
        item.LabelFontColor = Palette.Text;
        Items.Add(item);
    }
}
