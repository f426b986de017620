using System.Globalization;
using System.Text;

namespace FlightForensics.Reporting.Scene;

/// <summary>
/// Writes a <see cref="Scene"/> as SVG 1.1. Deterministic: invariant numbers with at most two decimals
/// (0.01 px), LF line ends, no time stamps or random ids, so the same scene gives the same bytes and
/// golden files can be compared as text. Every string that came from an input (names, titles) is
/// XML-escaped, and characters XML cannot carry are replaced by U+FFFD, so a hostile feature name
/// cannot inject markup.
/// </summary>
public static class SvgWriter
{
    private const string FontFamily = "DejaVu Sans, Verdana, Arial, sans-serif";

    public static string Write(Scene scene)
    {
        var sb = new StringBuilder(4096);
        using (var writer = new StringWriter(sb, CultureInfo.InvariantCulture))
        {
            Write(scene, writer);
        }

        return sb.ToString();
    }

    public static void Write(Scene scene, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        Write(scene, writer);
    }

    public static void Write(Scene scene, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(scene);
        ArgumentNullException.ThrowIfNull(output);
        var state = new State(output) { IdPrefix = new string(scene.IdPrefix.Where(char.IsAsciiLetterOrDigit).ToArray()) };
        output.Write("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
        output.Write(Num(scene.WidthPixels));
        output.Write("\" height=\"");
        output.Write(Num(scene.HeightPixels));
        output.Write("\" viewBox=\"0 0 ");
        output.Write(Num(scene.WidthPixels));
        output.Write(' ');
        output.Write(Num(scene.HeightPixels));
        output.Write("\" font-family=\"");
        output.Write(FontFamily);
        output.Write("\">\n");
        if (scene.Title is not null)
        {
            output.Write("<title>");
            output.Write(Escape(scene.Title));
            output.Write("</title>\n");
        }

        if (scene.Description is not null)
        {
            output.Write("<desc>");
            output.Write(Escape(scene.Description));
            output.Write("</desc>\n");
        }

        output.Write("<rect x=\"0\" y=\"0\" width=\"");
        output.Write(Num(scene.WidthPixels));
        output.Write("\" height=\"");
        output.Write(Num(scene.HeightPixels));
        output.Write("\" fill=\"");
        output.Write(scene.Background.ToHex());
        output.Write("\"/>\n");
        foreach (var element in scene.Elements)
        {
            WriteElement(element, state);
        }

        output.Write("</svg>\n");
        output.Flush();
    }

    /// <summary>Invariant, at most two decimals, never "-0", non-finite as 0 (the element is skipped before that matters).</summary>
    public static string Num(double value)
    {
        if (!double.IsFinite(value))
        {
            return "0";
        }

        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            return "0";
        }

        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>XML text/attribute escaping; drops what XML 1.0 cannot carry (controls, lone surrogates).</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(' '); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (c < 0x20 || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                    {
                        sb.Append('\uFFFD');
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private sealed class State(TextWriter output)
    {
        public TextWriter Output { get; } = output;
        public int NextClipId { get; set; } = 1;
        public string IdPrefix { get; init; } = "";
    }

    private static void WriteElement(SceneElement element, State state)
    {
        var o = state.Output;
        switch (element)
        {
            case ScenePolyline line:
                if (CountFinite(line.Points) < 2)
                {
                    return;
                }

                o.Write("<polyline");
                WriteCommon(element, o);
                o.Write(" fill=\"none\"");
                WriteStroke(line.Stroke, o);
                o.Write(" points=\"");
                WritePoints(line.Points, o);
                o.Write('"');
                CloseWithTitle(element, o, "polyline");
                break;
            case ScenePolygon polygon:
                WritePolygon(polygon, o);
                break;
            case SceneCircle circle:
                if (!Finite(circle.Center) || !(circle.RadiusPixels > 0))
                {
                    return;
                }

                o.Write("<circle");
                WriteCommon(element, o);
                o.Write($" cx=\"{Num(circle.Center.X)}\" cy=\"{Num(circle.Center.Y)}\" r=\"{Num(circle.RadiusPixels)}\"");
                WriteFill(circle.Fill, o);
                WriteStroke(circle.Stroke, o);
                CloseWithTitle(element, o, "circle");
                break;
            case SceneRectangle rect:
                if (!double.IsFinite(rect.X + rect.Y + rect.Width + rect.Height) || rect.Width <= 0 || rect.Height <= 0)
                {
                    return;
                }

                o.Write("<rect");
                WriteCommon(element, o);
                o.Write($" x=\"{Num(rect.X)}\" y=\"{Num(rect.Y)}\" width=\"{Num(rect.Width)}\" height=\"{Num(rect.Height)}\"");
                WriteFill(rect.Fill, o);
                WriteStroke(rect.Stroke, o);
                CloseWithTitle(element, o, "rect");
                break;
            case SceneMarker marker:
                WriteMarker(marker, o);
                break;
            case SceneText text:
                WriteText(text, o);
                break;
            case SceneGroup group:
                WriteGroup(group, state);
                break;
            default:
                throw new NotSupportedException(element.GetType().Name);
        }
    }

    private static void WriteGroup(SceneGroup group, State state)
    {
        var o = state.Output;
        string? clipId = null;
        if (group.Clip is { } clip)
        {
            clipId = state.IdPrefix + "clip" + state.NextClipId.ToString(CultureInfo.InvariantCulture);
            state.NextClipId++;
            o.Write($"<clipPath id=\"{clipId}\"><rect x=\"{Num(clip.X)}\" y=\"{Num(clip.Y)}\" width=\"{Num(clip.Width)}\" height=\"{Num(clip.Height)}\"/></clipPath>\n");
        }

        o.Write("<g");
        WriteCommon(group, o);
        if (clipId is not null)
        {
            o.Write($" clip-path=\"url(#{clipId})\"");
        }

        o.Write(">\n");
        if (group.Title is not null)
        {
            o.Write("<title>");
            o.Write(Escape(group.Title));
            o.Write("</title>\n");
        }

        foreach (var child in group.Children)
        {
            WriteElement(child, state);
        }

        o.Write("</g>\n");
    }

    private static void WritePolygon(ScenePolygon polygon, TextWriter o)
    {
        var rings = polygon.Rings.Where(r => CountFinite(r) >= 3).ToList();
        if (rings.Count == 0)
        {
            return;
        }

        o.Write("<path");
        WriteCommon(polygon, o);
        o.Write(" fill-rule=\"evenodd\"");
        WriteFill(polygon.Fill, o);
        WriteStroke(polygon.Stroke, o);
        o.Write(" d=\"");
        bool firstRing = true;
        foreach (var ring in rings)
        {
            if (!firstRing)
            {
                o.Write(' ');
            }

            firstRing = false;
            bool first = true;
            foreach (var p in ring)
            {
                if (!Finite(p))
                {
                    continue;
                }

                o.Write(first ? 'M' : 'L');
                o.Write(Num(p.X));
                o.Write(' ');
                o.Write(Num(p.Y));
                first = false;
            }

            o.Write('Z');
        }

        o.Write('"');
        CloseWithTitle(polygon, o, "path");
    }

    private static void WriteMarker(SceneMarker m, TextWriter o)
    {
        if (!Finite(m.Center) || !(m.SizePixels > 0))
        {
            return;
        }

        double x = m.Center.X, y = m.Center.Y, h = m.SizePixels / 2;
        if (m.Shape == MarkerShape.Circle)
        {
            o.Write("<circle");
            WriteCommon(m, o);
            o.Write($" cx=\"{Num(x)}\" cy=\"{Num(y)}\" r=\"{Num(h)}\"");
            WriteFill(m.Fill, o);
            WriteStroke(m.Stroke, o);
            CloseWithTitle(m, o, "circle");
            return;
        }

        string d = m.Shape switch
        {
            MarkerShape.Square => $"M{Num(x - h)} {Num(y - h)}L{Num(x + h)} {Num(y - h)}L{Num(x + h)} {Num(y + h)}L{Num(x - h)} {Num(y + h)}Z",
            MarkerShape.Triangle => $"M{Num(x)} {Num(y - h)}L{Num(x + h)} {Num(y + h)}L{Num(x - h)} {Num(y + h)}Z",
            MarkerShape.Diamond => $"M{Num(x)} {Num(y - h)}L{Num(x + h)} {Num(y)}L{Num(x)} {Num(y + h)}L{Num(x - h)} {Num(y)}Z",
            _ => $"M{Num(x - h)} {Num(y - h)}L{Num(x + h)} {Num(y + h)}M{Num(x - h)} {Num(y + h)}L{Num(x + h)} {Num(y - h)}",
        };
        o.Write("<path");
        WriteCommon(m, o);
        WriteFill(m.Shape == MarkerShape.Cross ? null : m.Fill, o);
        WriteStroke(m.Stroke, o);
        o.Write($" d=\"{d}\"");
        CloseWithTitle(m, o, "path");
    }

    private static void WriteText(SceneText t, TextWriter o)
    {
        if (!Finite(t.Position) || string.IsNullOrEmpty(t.Text) || !(t.SizePixels > 0))
        {
            return;
        }

        o.Write("<text");
        WriteCommon(t, o);
        o.Write($" x=\"{Num(t.Position.X)}\" y=\"{Num(t.Position.Y)}\" font-size=\"{Num(t.SizePixels)}\" fill=\"{t.Color.ToHex()}\"");
        if (t.Anchor != TextAnchor.Start)
        {
            o.Write(t.Anchor == TextAnchor.Middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\"");
        }

        if (t.Bold)
        {
            o.Write(" font-weight=\"bold\"");
        }

        if (t.Halo)
        {
            o.Write(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-opacity=\"0.85\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }

        o.Write('>');
        if (t.Title is not null)
        {
            o.Write("<title>");
            o.Write(Escape(t.Title));
            o.Write("</title>");
        }

        o.Write(Escape(t.Text));
        o.Write("</text>\n");
    }

    private static void WriteCommon(SceneElement e, TextWriter o)
    {
        if (e.CssClass is { Length: > 0 } cls)
        {
            o.Write(" class=\"");
            foreach (char c in cls)
            {
                o.Write(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or ' ' ? c : c is >= 'A' and <= 'Z' ? (char)(c + 32) : '-');
            }

            o.Write('"');
        }
    }

    private static void CloseWithTitle(SceneElement e, TextWriter o, string tag)
    {
        if (e.Title is null)
        {
            o.Write("/>\n");
            return;
        }

        o.Write("><title>");
        o.Write(Escape(e.Title));
        o.Write("</title></");
        o.Write(tag);
        o.Write(">\n");
    }

    private static void WriteFill(Fill? fill, TextWriter o)
    {
        if (fill is null)
        {
            o.Write(" fill=\"none\"");
            return;
        }

        o.Write($" fill=\"{fill.Color.ToHex()}\"");
        if (fill.Opacity < 1)
        {
            o.Write($" fill-opacity=\"{Num(Math.Max(0, fill.Opacity))}\"");
        }
    }

    private static void WriteStroke(Stroke? stroke, TextWriter o)
    {
        if (stroke is null)
        {
            return;
        }

        o.Write($" stroke=\"{stroke.Color.ToHex()}\" stroke-width=\"{Num(stroke.WidthPixels)}\"");
        if (stroke.Opacity < 1)
        {
            o.Write($" stroke-opacity=\"{Num(Math.Max(0, stroke.Opacity))}\"");
        }

        if (stroke.DashPixels.Count > 0)
        {
            o.Write(" stroke-dasharray=\"");
            o.Write(string.Join(' ', stroke.DashPixels.Select(Num)));
            o.Write('"');
        }

        if (stroke.RoundJoins)
        {
            o.Write(" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        }
    }

    private static void WritePoints(IReadOnlyList<ScenePoint> points, TextWriter o)
    {
        bool first = true;
        foreach (var p in points)
        {
            if (!Finite(p))
            {
                continue;
            }

            if (!first)
            {
                o.Write(' ');
            }

            o.Write(Num(p.X));
            o.Write(',');
            o.Write(Num(p.Y));
            first = false;
        }
    }

    private static bool Finite(ScenePoint p) => double.IsFinite(p.X) && double.IsFinite(p.Y);

    private static int CountFinite(IReadOnlyList<ScenePoint> points)
    {
        int n = 0;
        foreach (var p in points)
        {
            if (Finite(p))
            {
                n++;
            }
        }

        return n;
    }
}
