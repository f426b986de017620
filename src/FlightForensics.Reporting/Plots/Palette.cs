using FlightForensics.Reporting.Scene;

namespace FlightForensics.Reporting.Plots;

/// <summary>Fixed colours, so the same input always gives the same picture.</summary>
internal static class Palette
{
    public static readonly SceneColor Text = SceneColor.FromHex("#1a1a1a");
    public static readonly SceneColor Muted = SceneColor.FromHex("#5f6368");
    public static readonly SceneColor Grid = SceneColor.FromHex("#dadce0");
    public static readonly SceneColor MapBackground = SceneColor.FromHex("#f4f3ef");
    public static readonly SceneColor Overflight = SceneColor.FromHex("#e41a1c");
    public static readonly SceneColor Proximity = SceneColor.FromHex("#ff7f00");
    public static readonly SceneColor Capture = SceneColor.FromHex("#984ea3");
    public static readonly SceneColor Start = SceneColor.FromHex("#1a9850");
    public static readonly SceneColor End = SceneColor.FromHex("#1a1a1a");
    public static readonly SceneColor Home = SceneColor.FromHex("#2166ac");
    public static readonly SceneColor Mission = SceneColor.FromHex("#7b3294");
    public static readonly SceneColor NoHeight = SceneColor.FromHex("#9e9e9e");
    public static readonly SceneColor Series = SceneColor.FromHex("#1f77b4");

    /// <summary>Eight steps of the viridis ramp (perceptually ordered, readable by colour-blind readers), low to high.</summary>
    public static readonly SceneColor[] HeightRamp =
    [
        SceneColor.FromHex("#440154"), SceneColor.FromHex("#46327e"), SceneColor.FromHex("#365c8d"), SceneColor.FromHex("#277f8e"),
        SceneColor.FromHex("#1fa187"), SceneColor.FromHex("#4ac16d"), SceneColor.FromHex("#a0da39"), SceneColor.FromHex("#e6c81a"),
    ];

    /// <summary>Colour of class <paramref name="index"/> of <paramref name="count"/>, spread over the whole ramp.</summary>
    public static SceneColor RampColor(int index, int count) =>
        count <= 1 ? HeightRamp[HeightRamp.Length / 2] : HeightRamp[(int)Math.Round(index * (HeightRamp.Length - 1) / (double)(count - 1))];

    private static readonly (string Key, string Hex)[] s_categories =
    [
        ("power", "#d95f02"), ("energy", "#d95f02"), ("substation", "#d95f02"), ("nuclear", "#b2182b"),
        ("water", "#1f78b4"), ("prison", "#6a3d9a"), ("justice", "#6a3d9a"), ("military", "#4d4d4d"),
        ("airport", "#1b9e77"), ("aerodrome", "#1b9e77"), ("heliport", "#1b9e77"), ("aviation", "#1b9e77"),
        ("government", "#a6761d"), ("hospital", "#e7298a"), ("health", "#e7298a"), ("rail", "#7570b3"),
        ("transport", "#7570b3"), ("industrial", "#8c510a"), ("chemical", "#8c510a"), ("police", "#08519c"),
    ];

    private static readonly SceneColor[] s_fallback =
    [
        SceneColor.FromHex("#66a61e"), SceneColor.FromHex("#e6ab02"), SceneColor.FromHex("#a6cee3"), SceneColor.FromHex("#fb9a99"),
        SceneColor.FromHex("#cab2d6"), SceneColor.FromHex("#b15928"), SceneColor.FromHex("#33a02c"), SceneColor.FromHex("#fdbf6f"),
    ];

    /// <summary>The colour of a feature category: a fixed one for known words, otherwise by a stable hash of the name.</summary>
    public static SceneColor ForCategory(string? category)
    {
        var key = (category ?? "").Trim().ToLowerInvariant();
        foreach (var (k, hex) in s_categories)
        {
            if (key.Contains(k, StringComparison.Ordinal))
            {
                return SceneColor.FromHex(hex);
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
