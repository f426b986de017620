namespace FlightForensics.Core.Model;

/// <summary>The home or takeoff point as the source records it.</summary>
public sealed record HomePoint(double LatitudeDegrees, double LongitudeDegrees)
{
    public double? AltitudeMslMeters { get; init; }
    public DateTimeOffset? TimeUtc { get; init; }
    public long SourceOffset { get; init; }
}

/// <summary>An image or other file carried inside a log, located by offset so it can be carved without copying.</summary>
public sealed record EmbeddedAttachment(long Offset, long Length, string MediaType, string Name);

/// <summary>Latitude/longitude bounds of the positions in a log.</summary>
public readonly record struct GeoBounds(double MinLatitude, double MinLongitude, double MaxLatitude, double MaxLongitude);
