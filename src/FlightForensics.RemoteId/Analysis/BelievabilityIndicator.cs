namespace FlightForensics.RemoteId.Analysis;

/// <summary>
/// One reason to doubt a broadcast track. <see cref="Kind"/> and <see cref="Severity"/> use the contract's
/// <c>verify</c> names (<c>impossible-speed</c>, <c>teleport</c>, <c>operator-implausible</c>, <c>id-inconsistency</c>,
/// <c>clock-offset</c>, <c>signature</c>; <c>info</c>/<c>low</c>/<c>medium</c>/<c>high</c>) so the verify verb can list them as findings.
/// </summary>
public sealed record BelievabilityIndicator
{
    public required string AircraftId { get; init; }
    public required string Kind { get; init; }
    public required string Severity { get; init; }
    public DateTimeOffset? StartUtc { get; init; }
    public DateTimeOffset? EndUtc { get; init; }

    /// <summary>Measured figures and the threshold they were compared with (name → invariant-culture text).</summary>
    public IReadOnlyDictionary<string, string> Evidence { get; init; } = new Dictionary<string, string>();

    /// <summary>Byte offsets of the messages that show it (at most <see cref="BelievabilityOptions.MaxOffsets"/>).</summary>
    public IReadOnlyList<long> SourceOffsets { get; init; } = [];

    /// <summary>What was found, in one sentence, and what it cannot prove.</summary>
    public required string Explanation { get; init; }
}

/// <summary>Thresholds of the believability indicators (docs/formats/remoteid.md explains each).</summary>
public sealed record BelievabilityOptions
{
    public static BelievabilityOptions Default { get; } = new();

    /// <summary>
    /// Fastest plausible ground speed by ASTM F3411 UA type, m/s. Multirotors: the fastest series consumer aircraft
    /// fly under 40 m/s (DJI FPV 39 m/s); 60 leaves room for racing builds. Aeroplanes and hybrids: 120 m/s covers
    /// light UAS well. Balloons, airships, kites: wind-borne, 40 m/s. Unknown types: the aeroplane figure.
    /// </summary>
    public double MultirotorMaxSpeedMetersPerSecond { get; init; } = 60;
    public double FixedWingMaxSpeedMetersPerSecond { get; init; } = 120;
    public double LighterThanAirMaxSpeedMetersPerSecond { get; init; } = 40;

    /// <summary>Implied speeds are measured between positions at least this far apart in capture time (receiver timing jitter).</summary>
    public double MinIntervalSeconds { get; init; } = 1.0;

    /// <summary>Steps shorter than this are GNSS noise for the speed test (F3411 horizontal accuracy classes go down to 1 m; 30 m is the coarse end of common receivers).</summary>
    public double MinStepMeters { get; init; } = 30;

    /// <summary>A step of at least this between consecutive positions less than <see cref="TeleportWithinSeconds"/> apart is a jump.</summary>
    public double TeleportMeters { get; init; } = 1000;
    public double TeleportWithinSeconds { get; init; } = 5;

    /// <summary>
    /// Operator or home farther than this from the aircraft: beyond the longest consumer control link (DJI O4,
    /// 20 km FCC) it cannot be a live pilot position; medium from 8 km (beyond most other links' specifications).
    /// </summary>
    public double OperatorHighMeters { get; init; } = 20_000;
    public double OperatorMediumMeters { get; init; } = 8_000;

    /// <summary>Median Location-timestamp minus capture clock beyond this (seconds) is reported (medium); F3411 asks for 1 s accuracy at best.</summary>
    public double ClockOffsetSeconds { get; init; } = 10;

    /// <summary>Distinct IDs from one transmitter at which the indicator becomes high (2 is medium).</summary>
    public int IdsPerTransmitterHigh { get; init; } = 3;

    public int MaxOffsets { get; init; } = 20;
}
