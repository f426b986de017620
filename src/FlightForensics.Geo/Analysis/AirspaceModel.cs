namespace FlightForensics.Geo.Analysis;

/// <summary>How flight heights are set against drone-zone limits (docs/geo.md, "Airspace").</summary>
public sealed record AirspaceOptions
{
    public static AirspaceOptions Default { get; } = new();

    /// <summary>
    /// Limits above the WGS84 ellipsoid are compared with altitude above mean sea level, which differs from the
    /// ellipsoidal height by the geoid undulation: at most −106 m to +85 m on Earth (EGM96, NGA). No geoid grid is
    /// bundled, so a verdict is reached only when the margin exceeds this.
    /// </summary>
    public double GeoidToleranceMeters { get; init; } = 107;

    /// <summary>
    /// Flight levels are pressure altitudes (1013.25 hPa datum). Without a pressure altitude in the log they are
    /// compared with altitude MSL, which differs by (1013.25 − QNH) × about 8.5 m/hPa near the ground (ICAO standard
    /// atmosphere): 550 m for QNH 950–1050 hPa, plus the temperature error. A verdict needs a larger margin.
    /// </summary>
    public double PressureAltitudeToleranceMeters { get; init; } = 600;
}

/// <summary>
/// One stay of the track inside a drone zone's outline while the zone applied, with the vertical verdict. Heights
/// are in the datum of the zone limit that decides (<see cref="FlightReference"/>).
/// </summary>
public sealed record AirspaceFinding
{
    public required FeatureReference Feature { get; init; }

    /// <summary><c>prohibited</c>, <c>authorisation-required</c>, <c>conditional</c> or <c>information</c>.</summary>
    public required string Restriction { get; init; }
    public bool ImagingProhibited { get; init; }

    public DateTimeOffset? EntryUtc { get; init; }
    public DateTimeOffset? ExitUtc { get; init; }
    public double? EntrySeconds { get; init; }
    public double? ExitSeconds { get; init; }
    public double? DurationSeconds { get; init; }

    public double? LowerMeters { get; init; }
    public string? LowerReference { get; init; }
    public string LowerPublished { get; init; } = "";
    public double? UpperMeters { get; init; }
    public string? UpperReference { get; init; }
    public string UpperPublished { get; init; } = "";
    public bool UpperUnlimited { get; init; }

    public double? FlightMinMeters { get; init; }
    public double? FlightMaxMeters { get; init; }
    public string? FlightReference { get; init; }

    /// <summary>Positive: inside the band by this much (to the nearest limit); negative: beyond the violated limit by this much.</summary>
    public double? VerticalMarginMeters { get; init; }

    /// <summary><c>inside</c>, <c>above</c>, <c>below</c> or <c>unknown</c>.</summary>
    public required string Verdict { get; init; }

    /// <summary>Where the compared heights came from (<c>height-above-ground</c>, <c>dem</c>, <c>height-above-takeoff</c>, <c>altitude-msl</c>, …).</summary>
    public string? HeightSource { get; init; }

    /// <summary>Why the verdict is unknown, or what it assumed.</summary>
    public string? VerdictNote { get; init; }

    /// <summary><c>permanent</c>, <c>window</c>, <c>not evaluated</c> (no UTC) or <c>unreadable</c>.</summary>
    public required string Schedule { get; init; }

    /// <summary>Index of the zone's volume (0 unless the zone has several).</summary>
    public int Volume { get; init; }

    public int FirstSampleIndex { get; init; }
    public int LastSampleIndex { get; init; }
    public long FirstSourceOffset { get; init; }
    public long LastSourceOffset { get; init; }
}
