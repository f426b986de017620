using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlightForensics.Reporting.Exports;
using FlightForensics.Verification.Model;

namespace FlightForensics.Reporting.Html;

/// <summary>
/// The report's "Can it be trusted?" section (docs/verify.md): the sources held against each other, their clock
/// offsets and agreement, every verify finding (severity, kind, stretch, explanation), and the distance between each
/// pair over time — an inline SVG that prints, and the same data drawn with uPlot when the report is interactive.
/// </summary>
internal static class TrustSection
{
    /// <summary>Most findings listed in the table (the rest are counted under it; <c>verify --json</c> has them all).</summary>
    public const int MaxFindingsListed = 500;

    private const int ChartWidth = 900, ChartHeight = 220, Pad = 40;
    private static readonly string[] s_colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    /// <param name="w">The report being written.</param>
    /// <param name="trust">The verify result; nothing is written when null.</param>
    /// <param name="interactive">uPlot is inlined: add its chart and data.</param>
    /// <param name="hashed">Notes a text part (id, media type, text) in the report's manifest and returns it.</param>
    public static void Write(TextWriter w, VerifyResult? trust, bool interactive, Func<string, string, string, string> hashed)
    {
        if (trust is null)
        {
            return;
        }

        w.Write("<section id=\"trust\">\n<h2>Can it be trusted?</h2>\n");
        w.Write($"<p id=\"trust-summary\">{H(trust.Summary)}</p>\n");
        w.Write("<table id=\"trust-sources\">\n<thead><tr><th>Source</th><th>Format</th><th>First (UTC)</th><th>Last (UTC)</th><th>Samples</th><th>Clock offset (s)</th><th>How found</th></tr></thead>\n<tbody>\n");
        foreach (var s in trust.Sources)
        {
            var a = trust.Alignment.FirstOrDefault(x => x.Source == s.File);
            w.Write($"<tr><td><bdi>{H(s.File)}</bdi></td><td>{H(s.Format)}</td><td class=\"num\">{Utc(s.StartUtc)}</td><td class=\"num\">{Utc(s.EndUtc)}</td><td class=\"num\">{s.Samples.ToString(CultureInfo.InvariantCulture)}</td>");
            w.Write($"<td class=\"num\">{(a?.ClockOffsetSeconds is double o ? NumberFormat.Seconds(Math.Round(o, 3)) : "")}</td><td>{H(a is null ? "" : a.Method + (a.ClockOffsetSeconds is null || a.Method == "reference" ? "" : F($", confidence {a.Confidence:0.##}")))}</td></tr>\n");
        }

        w.Write("</tbody>\n</table>\n");
        if (trust.Agreement.Count > 0)
        {
            w.Write("<table id=\"trust-agreement\">\n<thead><tr><th>Reference</th><th>Other</th><th>Overlap (s)</th><th>Horizontal median (m)</th><th>Horizontal p95 (m)</th><th>Vertical median (m)</th><th>Vertical p95 (m)</th></tr></thead>\n<tbody>\n");
            foreach (var p in trust.Agreement)
            {
                w.Write($"<tr><td><bdi>{H(p.A)}</bdi></td><td><bdi>{H(p.B)}</bdi></td><td class=\"num\">{Num(p.OverlapSeconds)}</td><td class=\"num\">{Num(p.MedianHorizontalMeters)}</td><td class=\"num\">{Num(p.P95HorizontalMeters)}</td><td class=\"num\">{Num(p.MedianVerticalMeters)}</td><td class=\"num\">{Num(p.P95VerticalMeters)}</td></tr>\n");
            }

            w.Write("</tbody>\n</table>\n");
        }

        WriteFindings(w, trust);
        var pairs = trust.Agreement.Where(p => p.Series is { Seconds.Length: > 0 }).ToList();
        if (pairs.Count > 0)
        {
            w.Write("<h3>Agreement over time</h3>\n");
            if (interactive)
            {
                w.Write("<div id=\"ff-trust-chart\" class=\"interactive\" hidden></div>\n<p id=\"ff-trust-note\" class=\"note\" hidden></p>\n");
            }

            w.Write("<figure class=\"static-fallback\" id=\"static-trust\">\n");
            w.Write(hashed("static-trust", "image/svg+xml", Svg(pairs)));
            w.Write("\n<figcaption class=\"note\">Horizontal distance (solid) and vertical distance (dotted) between each source and the reference, median per second after clock alignment.</figcaption>\n</figure>\n");
            if (interactive)
            {
                w.Write("<script type=\"application/json\" id=\"ff-trust-data\">");
                w.Write(hashed("ff-trust-data", "application/json", Data(pairs)));
                w.Write("</script>\n");
            }
        }

        w.Write("<p class=\"note\">What each kind means, its threshold and what it cannot prove: docs/verify.md. Byte offsets of every finding: <code>flightforensics verify --json</code> on the same files.</p>\n");
        w.Write("</section>\n");
    }

    private static void WriteFindings(TextWriter w, VerifyResult trust)
    {
        if (trust.Findings.Count == 0)
        {
            w.Write("<p id=\"trust-no-findings\">verify found nothing to report in these sources.</p>\n");
            return;
        }

        var shown = trust.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.StartUtc ?? DateTimeOffset.MaxValue).Take(MaxFindingsListed).ToList();
        w.Write("<table id=\"trust-findings\">\n<thead><tr><th>Severity</th><th>Kind</th><th>From (UTC)</th><th>To (UTC)</th><th>Sources</th><th>Explanation</th></tr></thead>\n<tbody>\n");
        foreach (var f in shown)
        {
            string sev = f.Severity.ToName();
            w.Write($"<tr class=\"sev-{sev}\" data-severity=\"{sev}\" data-kind=\"{H(f.Kind)}\"><td>{sev}</td><td>{H(f.Kind)}</td><td class=\"num\">{Utc(f.StartUtc)}</td><td class=\"num\">{(f.EndUtc == f.StartUtc ? "" : Utc(f.EndUtc))}</td>");
            w.Write($"<td>{string.Join("<br>", f.Sources.Select(s => "<bdi>" + H(s) + "</bdi>"))}</td><td>{H(f.Explanation)}</td></tr>\n");
        }

        w.Write("</tbody>\n</table>\n");
        if (shown.Count < trust.Findings.Count)
        {
            w.Write($"<p class=\"note\">{F($"{trust.Findings.Count - shown.Count} more finding(s) of lower severity are not listed here.")}</p>\n");
        }
    }

    /// <summary>A plain SVG line chart of every pair's distances (prints, and needs no script).</summary>
    private static string Svg(List<PairAgreement> pairs)
    {
        double t0 = pairs.Min(p => p.Series!.Seconds[0]), t1 = pairs.Max(p => p.Series!.Seconds[^1]);
        double max = pairs.SelectMany(p => p.Series!.HorizontalMeters.Concat(p.Series.VerticalMeters)).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        max = max <= 0 ? 1 : max * 1.05;
        double span = Math.Max(1, t1 - t0);
        double X(double t) => Pad + ((t - t0) / span * (ChartWidth - 2 * Pad));
        double Y(double m) => ChartHeight - Pad + 10 - (m / max * (ChartHeight - Pad - 10));
        var sb = new StringBuilder();
        sb.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" role=\"img\" aria-label=\"Distance between sources over time\">"));
        sb.Append(F($"<rect x=\"{Pad}\" y=\"10\" width=\"{ChartWidth - 2 * Pad}\" height=\"{ChartHeight - Pad - 10}\" fill=\"#ffffff\" stroke=\"#dadce0\"/>"));
        sb.Append(F($"<text x=\"4\" y=\"18\" font-size=\"11\">{max:0.#} m</text><text x=\"4\" y=\"{ChartHeight - Pad + 10}\" font-size=\"11\">0</text>"));
        sb.Append(F($"<text x=\"{Pad}\" y=\"{ChartHeight - 14}\" font-size=\"11\">{H(Label(t0, pairs[0].Series!.TimeIsUtc))}</text><text x=\"{ChartWidth - Pad}\" y=\"{ChartHeight - 14}\" font-size=\"11\" text-anchor=\"end\">{H(Label(t1, pairs[0].Series!.TimeIsUtc))}</text>"));
        for (int k = 0; k < pairs.Count; k++)
        {
            var s = pairs[k].Series!;
            string color = s_colors[k % s_colors.Length];
            sb.Append(Line(s.Seconds, s.HorizontalMeters, X, Y, color, dashed: false));
            sb.Append(Line(s.Seconds, s.VerticalMeters, X, Y, color, dashed: true));
            sb.Append(F($"<text x=\"{Pad + 6}\" y=\"{26 + (14 * k)}\" font-size=\"11\" fill=\"{color}\">{H(pairs[k].B)} vs {H(pairs[k].A)}</text>"));
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>One polyline per unbroken run of finite values (a gap of more than 2 s breaks the line).</summary>
    private static string Line(double[] t, double[] m, Func<double, double> x, Func<double, double> y, string color, bool dashed)
    {
        var sb = new StringBuilder();
        var run = new StringBuilder();
        int points = 0;
        void Flush()
        {
            if (points > 1)
            {
                sb.Append(F($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\"{(dashed ? " stroke-dasharray=\"2 2\"" : "")} points=\"{run}\"/>"));
            }

            run.Clear();
            points = 0;
        }

        int step = Math.Max(1, t.Length / 2000); // at most ~2,000 points a line: a drawing, not the data
        for (int i = 0; i < t.Length; i += step)
        {
            if (!double.IsFinite(m[i]) || (i >= step && t[i] - t[i - step] > 2.0 * step))
            {
                Flush();
                if (!double.IsFinite(m[i]))
                {
                    continue;
                }
            }

            run.Append(F($"{x(t[i]):0.#},{y(m[i]):0.#} "));
            points++;
        }

        Flush();
        return sb.ToString();
    }

    /// <summary>The chart's data for uPlot: one x axis (seconds from the first point) and two series per pair.</summary>
    private static string Data(List<PairAgreement> pairs)
    {
        double t0 = pairs.Min(p => p.Series!.Seconds[0]);
        var xs = pairs.SelectMany(p => p.Series!.Seconds).Distinct().Order().ToArray();
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, s_json))
        {
            j.WriteStartObject();
            j.WriteBoolean("utc", pairs[0].Series!.TimeIsUtc);
            j.WriteNumber("t0", t0);
            j.WriteStartArray("t");
            foreach (double x in xs)
            {
                j.WriteNumberValue(x - t0);
            }

            j.WriteEndArray();
            j.WriteStartArray("series");
            foreach (var p in pairs)
            {
                var s = p.Series!;
                var index = new Dictionary<double, int>(s.Seconds.Length);
                for (int i = 0; i < s.Seconds.Length; i++)
                {
                    index[s.Seconds[i]] = i;
                }

                foreach (var (name, values) in new[] { ("horizontal", s.HorizontalMeters), ("vertical", s.VerticalMeters) })
                {
                    j.WriteStartObject();
                    j.WriteString("label", p.B + " vs " + p.A + " (" + name + ")");
                    j.WriteBoolean("dashed", name == "vertical");
                    j.WriteStartArray("m");
                    foreach (double x in xs)
                    {
                        if (index.TryGetValue(x, out int i) && double.IsFinite(values[i]))
                        {
                            j.WriteNumberValue(values[i]);
                        }
                        else
                        {
                            j.WriteNullValue();
                        }
                    }

                    j.WriteEndArray();
                    j.WriteEndObject();
                }
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Label(double t, bool utc) => utc ? NumberFormat.Utc(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(t * 1000))) : F($"{t:0} s");

    private static string Utc(DateTimeOffset? t) => t is DateTimeOffset v ? HtmlReport.H(NumberFormat.Utc(v)) : "";

    private static string Num(double? v) => v is double d && double.IsFinite(d) ? NumberFormat.Measure(Math.Round(d, 2)) : "";

    private static string H(string? text) => HtmlReport.H(text);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
