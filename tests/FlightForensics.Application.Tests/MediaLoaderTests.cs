using FlightForensics.Application.Media;

namespace FlightForensics.Application.Tests;

/// <summary><c>--camera-clock-offset</c> as the examiner writes it: ±HH:MM or seconds, within ±14 h (UTC offsets).</summary>
public sealed class MediaLoaderTests
{
    [Theory]
    [InlineData("+02:00", 2 * 3600)]
    [InlineData("-05:30", -(5 * 3600 + 30 * 60))]
    [InlineData("3600", 3600)]
    [InlineData("0", 0)]
    [InlineData(" -1.5 ", -1.5)]
    public void Offsets_parse_to_seconds(string text, double seconds)
    {
        Assert.Equal(seconds, MediaLoader.ParseOffset(text).TotalSeconds, 6);
    }

    [Theory]
    [InlineData("+14:30")]
    [InlineData("50401")]
    [InlineData("two hours")]
    [InlineData("NaN")]
    public void Offsets_beyond_14_hours_or_unreadable_are_usage_errors(string text)
    {
        Assert.Throws<UsageException>(() => MediaLoader.ParseOffset(text));
    }
}
