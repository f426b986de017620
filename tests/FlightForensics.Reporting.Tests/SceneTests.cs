using System.Globalization;
using System.Xml.Linq;
using FlightForensics.Reporting.Scene;

namespace FlightForensics.Reporting.Tests;

public class SvgWriterTests
{
    private static Scene.Scene Sample(string name)
    {
        var scene = new Scene.Scene(200, 100) { Title = name };
        scene.Add(new ScenePolyline([new(1.006, 2), new(3.333333, -0.0001), new(double.NaN, 5), new(10, 20)], new Stroke(SceneColor.Black, 1.5)) { Title = name });
        scene.Add(new SceneText(new ScenePoint(5, 5), name, 12, SceneColor.Black) { Halo = true });
        scene.Add(new ScenePolygon([[new(0, 0), new(10, 0), new(10, 10)]], new Fill(new SceneColor(255, 0, 0), 0.25), null) { CssClass = "Evil\"class" });
        return scene;
    }

    [Fact]
    public void Same_scene_gives_same_bytes_under_any_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var a = SvgWriter.Write(Sample("x"));
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var b = SvgWriter.Write(Sample("x"));
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            var c = SvgWriter.Write(Sample("x"));
            Assert.Equal(a, b);
            Assert.Equal(a, c);
            Assert.DoesNotContain("1,01", a, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Numbers_have_at_most_two_decimals_and_no_negative_zero()
    {
        Assert.Equal("1.01", SvgWriter.Num(1.006));
        Assert.Equal("2.5", SvgWriter.Num(2.4951));
        Assert.Equal("3.33", SvgWriter.Num(3.333333));
        Assert.Equal("0", SvgWriter.Num(-0.0001));
        Assert.Equal("0", SvgWriter.Num(double.NaN));
        Assert.Equal("-12.5", SvgWriter.Num(-12.5));
        Assert.Equal("1000000", SvgWriter.Num(1e6));
    }

    [Fact]
    public void Markup_in_names_is_escaped_and_output_is_well_formed_xml()
    {
        const string evil = "<script>alert('x')</script> & \"quoted\" \u0001 \ud800";
        var svg = SvgWriter.Write(Sample(evil));
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(evil.Replace('\u0001', '\uFFFD').Replace('\ud800', '\uFFFD'), doc.Root!.Element(ns + "title")!.Value);
        var text = doc.Root.Element(ns + "text")!;
        Assert.Contains("<script>alert('x')</script>", text.Value, StringComparison.Ordinal);
        Assert.Equal("evil-class", doc.Root.Element(ns + "path")!.Attribute("class")!.Value);
    }

    [Fact]
    public void Non_finite_points_are_skipped_not_written()
    {
        var svg = SvgWriter.Write(Sample("n"));
        Assert.Contains("points=\"1.01,2 3.33,0 10,20\"", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Degenerate_elements_are_dropped()
    {
        var scene = new Scene.Scene(10, 10);
        scene.Add(new ScenePolyline([new(1, 1)], new Stroke(SceneColor.Black)));
        scene.Add(new ScenePolygon([[new(1, 1), new(2, 2)]], new Fill(SceneColor.Black), null));
        scene.Add(new SceneCircle(new(1, 1), 0, new Fill(SceneColor.Black), null));
        scene.Add(new SceneText(new(1, 1), "", 10, SceneColor.Black));
        var svg = SvgWriter.Write(scene);
        Assert.DoesNotContain("<polyline", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<path", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<circle", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<text", svg, StringComparison.Ordinal);
    }
}

public class NiceTicksTests
{
    [Theory]
    [InlineData(0, 87, 5, 20, 0, 100)]
    [InlineData(3.2, 4.9, 5, 0.5, 3, 5)]
    [InlineData(-13, 47, 6, 20, -20, 60)]
    [InlineData(20.1, 20.1, 5, 1, 18, 23)]
    public void Ticks_are_round_steps_covering_the_range(double min, double max, int count, double step, double lo, double hi)
    {
        var ticks = NiceTicks.For(min, max, count);
        Assert.Equal(step, ticks.Step, 9);
        Assert.Equal(lo, ticks.Min, 9);
        Assert.Equal(hi, ticks.Max, 9);
        Assert.Equal(lo, ticks.Values[0], 9);
        Assert.Equal(hi, ticks.Values[^1], 9);
        Assert.True(ticks.Values.Zip(ticks.Values.Skip(1)).All(p => Math.Abs(p.Second - p.First - step) < 1e-9));
    }

    [Fact]
    public void Decimal_steps_do_not_drift()
    {
        var ticks = NiceTicks.For(0, 0.9, 9);
        Assert.Contains(0.3, ticks.Values);
        Assert.Equal(1, ticks.Decimals);
    }

    [Theory]
    [InlineData(0, 1e13)]
    [InlineData(-5e12, 5e12)]
    [InlineData(0, 3e7)]
    public void Time_ticks_on_absurd_spans_stay_few_and_whole_days(double min, double max)
    {
        // Issue #24: a corrupted time 1e13 s away made 1e8 ticks (gigabytes). The count follows the target.
        var ticks = NiceTicks.ForSeconds(min, max, 6);
        Assert.InRange(ticks.Values.Count, 2, 21);
        Assert.Equal(0, ticks.Step % 86400);
        Assert.True(ticks.Min <= min && ticks.Max >= max);
    }

    [Theory]
    [InlineData(0, 125, 6, 30)]
    [InlineData(0, 3600, 6, 600)]
    [InlineData(0, 40, 6, 10)]
    public void Time_ticks_use_clock_steps(double min, double max, int count, double step)
    {
        Assert.Equal(step, NiceTicks.ForSeconds(min, max, count).Step);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(87, 50)]
    [InlineData(230, 200)]
    [InlineData(1, 1)]
    [InlineData(4999, 2000)]
    public void Scale_bar_lengths_are_one_two_five(double value, double expected) => Assert.Equal(expected, NiceTicks.NiceFloor(value), 9);

    [Fact]
    public void Non_finite_input_gives_a_usable_axis()
    {
        var ticks = NiceTicks.For(double.NaN, double.PositiveInfinity);
        Assert.True(ticks.Values.Count >= 2);
    }
}
