using FlightForensics.Core.Model;

namespace FlightForensics.Core.Tests;

public sealed class SampleTimeTests
{
    private static readonly DateTimeOffset Start = new(2018, 8, 5, 0, 59, 55, TimeSpan.Zero);

    [Theory]
    [InlineData(1.8446744073709552e13)]
    [InlineData(-1e13)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void Elapsed_times_that_cannot_be_a_time_give_no_time_instead_of_throwing(double elapsed)
    {
        Assert.Null(SampleTime.After(Start, elapsed));
        Assert.Null(SampleTime.Utc(new TelemetrySample { ElapsedSeconds = elapsed }, Start));
    }

    [Fact]
    public void Ordinary_elapsed_times_add_to_the_start()
    {
        Assert.Equal(Start.AddSeconds(12.5), SampleTime.After(Start, 12.5));
        Assert.Equal(Start.AddSeconds(-3), SampleTime.After(Start, -3));
        Assert.Null(SampleTime.After(null, 1));
        var own = Start.AddHours(1);
        Assert.Equal(own, SampleTime.Utc(new TelemetrySample { TimeUtc = own, ElapsedSeconds = 5 }, Start));
    }
}
