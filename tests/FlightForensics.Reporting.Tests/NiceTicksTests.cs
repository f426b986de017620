using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Tests;

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
