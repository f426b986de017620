using ScottPlot;

namespace FlightForensics.Reporting.Plots;

/// <summary>Fixed colours, so the same input always gives the same picture.</summary>
internal static class Palette
{
    public static readonly Color Text = Color.FromHex("#1a1a1a");
    public static readonly Color Muted = Color.FromHex("#5f6368");
    public static readonly Color Grid = Color.FromHex("#dadce0");
    public static readonly Color MapBackground = Color.FromHex("#f4f3ef");
    public static readonly Color Overflight = Color.FromHex("#e41a1c");
    public static readonly Color Proximity = Color.FromHex("#ff7f00");
    public static readonly Color Capture = Color.FromHex("#984ea3");
    public static readonly Color Start = Color.FromHex("#1a9850");
    public static readonly Color End = Color.FromHex("#1a1a1a");
    public static readonly Color Home = Color.FromHex("#2166ac");
    public static readonly Color Mission = Color.FromHex("#7b3294");
    public static readonly Color NoHeight = Color.FromHex("#9e9e9e");
    public static readonly Color Series = Color.FromHex("#1f77b4");
    public static readonly Color White = Color.FromHex("#ffffff");

    /// <summary>A darker shade of a category colour for its labels (60 % of each channel).</summary>
    public static Color Darken(Color c) => new((byte)(c.R * 0.6), (byte)(c.G * 0.6), (byte)(c.B * 0.6));

    /// <summary>Eight steps of the viridis ramp (perceptually ordered, readable by colour-blind readers), low to high.</summary>
    public static readonly Color[] HeightRamp =
    [
        Color.FromHex("#440154"), Color.FromHex("#46327e"), Color.FromHex("#365c8d"), Color.FromHex("#277f8e"),
        Color.FromHex("#1fa187"), Color.FromHex("#4ac16d"), Color.FromHex("#a0da39"), Color.FromHex("#e6c81a"),
    ];

    /// <summary>Colour of class <paramref name="index"/> of <paramref name="count"/>, spread over the whole ramp.</summary>
    public static Color RampColor(int index, int count) =>
        count <= 1 ? HeightRamp[HeightRamp.Length / 2] : HeightRamp[(int)Math.Round(index * (HeightRamp.Length - 1) / (double)(count - 1))];

    private static readonly (string Key, string Hex)[] s_categories =
    [
        ("power", "#d95f02"), ("energy", "#d95f02"), ("substation", "#d95f02"), ("nuclear", "#b2182b"),
        ("water", "#1f78b4"), ("prison", "#6a3d9a"), ("justice", "#6a3d9a"), ("military", "#4d4d4d"),
        ("airport", "#1b9e77"), ("aerodrome", "#1b9e77"), ("heliport", "#1b9e77"), ("aviation", "#1b9e77"),
        ("government", "#a6761d"), ("hospital", "#e7298a"), ("health", "#e7298a"), ("rail", "#7570b3"),
        ("transport", "#7570b3"), ("industrial", "#8c510a"), ("chemical", "#8c510a"), ("police", "#08519c"),
    ];

    private static readonly Color[] s_fallback =
    [
        Color.FromHex("#66a61e"), Color.FromHex("#e6ab02"), Color.FromHex("#a6cee3"), Color.FromHex("#fb9a99"),
        Color.FromHex("#cab2d6"), Color.FromHex("#b15928"), Color.FromHex("#33a02c"), Color.FromHex("#fdbf6f"),
    ];

    /// <summary>The colour of a feature category: a fixed one for known words, otherwise by a stable hash of the name.</summary>
    public static Color ForCategory(string? category)
    {
        var key = (category ?? "").Trim().ToLowerInvariant();
        foreach (var (k, hex) in s_categories)
        {
            if (key.Contains(k, StringComparison.Ordinal))
            {
                return Color.FromHex(hex);
            }
        }

        // FNV-1a: string.GetHashCode is randomised per process and would break determinism.
        uint hash = 2166136261;
        foreach (char c in key)
        {
            hash = (hash ^ c) * 16777619;
        }

        return s_fallback[hash % (uint)s_fallback.Length];
    }
}
