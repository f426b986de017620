namespace FlightForensics.Reporting.Scene;

/// <summary>A point on the drawing surface, in pixels, y down (SVG convention).</summary>
public readonly record struct ScenePoint(double X, double Y);

/// <summary>An sRGB colour; written as <c>#rrggbb</c>.</summary>
public readonly record struct SceneColor(byte R, byte G, byte B)
{
    public static SceneColor Black { get; } = new(0, 0, 0);
    public static SceneColor White { get; } = new(255, 255, 255);

    /// <summary>Parses <c>#rrggbb</c>; used only for the built-in palettes.</summary>
    public static SceneColor FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != 7 || hex[0] != '#')
        {
            throw new ArgumentException($"expected #rrggbb, got '{hex}'", nameof(hex));
        }

        var value = Convert.FromHexString(hex.AsSpan(1));
        return new SceneColor(value[0], value[1], value[2]);
    }

    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";
}

/// <summary>How a line is drawn. <see cref="DashPixels"/> empty means solid.</summary>
public sealed record Stroke(SceneColor Color, double WidthPixels = 1, double Opacity = 1)
{
    public IReadOnlyList<double> DashPixels { get; init; } = [];
    public bool RoundJoins { get; init; }
}

/// <summary>How an area is filled.</summary>
public sealed record Fill(SceneColor Color, double Opacity = 1);

public enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>Something drawable. The set is closed: the writer knows every kind.</summary>
public abstract record SceneElement
{
    /// <summary>Tooltip text (SVG <c>&lt;title&gt;</c>); any string, escaped by the writer.</summary>
    public string? Title { get; init; }

    /// <summary>A class name for styling/tests; restricted to [a-z0-9-] by the writer.</summary>
    public string? CssClass { get; init; }

    private protected SceneElement() { }
}

/// <summary>An open line through the points.</summary>
public sealed record ScenePolyline(IReadOnlyList<ScenePoint> Points, Stroke Stroke) : SceneElement;

/// <summary>A closed area of one or more rings (the first the outline, the others holes; even-odd fill).</summary>
public sealed record ScenePolygon(IReadOnlyList<IReadOnlyList<ScenePoint>> Rings, Fill? Fill, Stroke? Stroke) : SceneElement;

public sealed record SceneCircle(ScenePoint Center, double RadiusPixels, Fill? Fill, Stroke? Stroke) : SceneElement;

public sealed record SceneRectangle(double X, double Y, double Width, double Height, Fill? Fill, Stroke? Stroke) : SceneElement;

public enum MarkerShape
{
    Circle,
    Square,
    Triangle,
    Diamond,
    Cross,
}

/// <summary>A symbol of fixed pixel size centred on a point (start, end, home, photo).</summary>
public sealed record SceneMarker(ScenePoint Center, MarkerShape Shape, double SizePixels, Fill? Fill, Stroke? Stroke) : SceneElement;

/// <summary>One line of text; <paramref name="Text"/> may hold anything (escaped by the writer).</summary>
public sealed record SceneText(ScenePoint Position, string Text, double SizePixels, SceneColor Color) : SceneElement
{
    public TextAnchor Anchor { get; init; } = TextAnchor.Start;
    public bool Bold { get; init; }

    /// <summary>Draw a light halo behind the glyphs so labels stay readable over lines.</summary>
    public bool Halo { get; init; }
}

/// <summary>Elements drawn together (a layer), optionally clipped to a rectangle.</summary>
public sealed record SceneGroup(IReadOnlyList<SceneElement> Children) : SceneElement
{
    public SceneRectangle? Clip { get; init; }
}

/// <summary>A whole drawing: size, background, layers in paint order.</summary>
public sealed class Scene(double widthPixels, double heightPixels)
{
    public double WidthPixels { get; } = widthPixels > 0 && double.IsFinite(widthPixels) ? widthPixels : throw new ArgumentOutOfRangeException(nameof(widthPixels));
    public double HeightPixels { get; } = heightPixels > 0 && double.IsFinite(heightPixels) ? heightPixels : throw new ArgumentOutOfRangeException(nameof(heightPixels));
    public SceneColor Background { get; init; } = SceneColor.White;

    /// <summary>Document title and description (metadata of the SVG); any string.</summary>
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>Prefix of generated ids (clip paths), so that several SVGs can live in one HTML page.</summary>
    public string IdPrefix { get; set; } = "";

    public List<SceneElement> Elements { get; } = [];

    public Scene Add(SceneElement element)
    {
        Elements.Add(element ?? throw new ArgumentNullException(nameof(element)));
        return this;
    }
}
