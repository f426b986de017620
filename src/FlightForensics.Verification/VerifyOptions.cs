namespace FlightForensics.Verification;

/// <summary>
/// Every threshold verify uses, with the reason for its default. docs/verify.md lists them with what each
/// finding cannot prove; change them per case (a racing quad, a fixed-wing) and the result records nothing
/// else that depends on them.
/// </summary>
public sealed record VerifyOptions
{
    public static VerifyOptions Default { get; } = new();

    // ---- time within one file ----

    /// <summary>A gap is at least this long (s) whatever the sample rate: below it a slow source (1 Hz SRT,
    /// 5 Hz GPS) only skipped a record or two.</summary>
    public double GapMinSeconds { get; init; } = 2.0;

    /// <summary>…and at least this many of the source's own median sample intervals: scaled to each source so that a
    /// 1 Hz source and a 50 Hz source are held to the same relative standard.</summary>
    public double GapIntervalFactor { get; init; } = 10;

    /// <summary>Gaps at least this long (s) while airborne are medium severity: a deleted segment of the tampering
    /// tests is at least 5 s (issue #19), and so is a telemetry link loss worth asking about.</summary>
    public double GapMediumSeconds { get; init; } = 5.0;

    /// <summary>A step back in time of at least this many seconds is medium severity (smaller ones are clock jitter
    /// of a receiving computer, tlog timestamps being the ground station's clock).</summary>
    public double TimeBackwardsMediumSeconds { get; init; } = 1.0;

    /// <summary>A forward time step is a <c>time-jump</c> (the clock moved, not the data) when the vehicle was moving at
    /// least this fast (m/s) on both sides…</summary>
    public double TimeJumpMinSpeedMetersPerSecond { get; init; } = 3.0;

    /// <summary>…and covered at most this fraction of the distance the step's length implies at that speed.</summary>
    public double TimeJumpDistanceFraction { get; init; } = 0.25;

    /// <summary>At least this many consecutive samples repeating earlier ones (time and position) make a duplicated stretch.</summary>
    public int DuplicateMinSamples { get; init; } = 5;

    /// <summary>Damage diagnostics closer than this (s) in time are one <c>checksum</c> finding.</summary>
    public double DamageClusterSeconds { get; init; } = 10.0;

    // ---- motion ----

    /// <summary>
    /// Fastest plausible ground speed of the airframe (m/s). 60 m/s is 1.5 × the fastest consumer drone's published
    /// top speed (DJI FPV, 140 km/h = 38.9 m/s, DJI specifications) and above the cruise of small fixed-wing UAS
    /// (ArduPlane default AIRSPEED_CRUISE 22 m/s). Set it lower for a known airframe.
    /// </summary>
    public double MaxSpeedMetersPerSecond { get; init; } = 60.0;

    /// <summary>Implied speeds are measured over at least this baseline (s) so that GNSS noise of a metre or two
    /// between 10 Hz samples does not read as speed.</summary>
    public double SpeedBaselineSeconds { get; init; } = 1.0;

    /// <summary>A single step of at least this many metres at more than <see cref="MaxSpeedMetersPerSecond"/> is a teleport.</summary>
    public double TeleportMinMeters { get; init; } = 50.0;

    /// <summary>Reported and position-derived ground speed disagree when they differ by more than this (m/s)…</summary>
    public double VelocityMismatchMetersPerSecond { get; init; } = 5.0;

    /// <summary>…and by more than this fraction of the larger of the two…</summary>
    public double VelocityMismatchFraction { get; init; } = 0.5;

    /// <summary>…for at least this long (s).</summary>
    public double VelocityMismatchMinSeconds { get; init; } = 5.0;

    /// <summary>
    /// Altitude MSL minus height above takeoff should stay constant (the takeoff altitude): a drift of more than this
    /// (m) means the two altitude sources (GNSS/EKF vs barometer) diverge. 20 m is four times the vertical GNSS error
    /// of a consumer receiver (about 5 m, 95 %) and far above barometric drift over a flight (a few metres).
    /// </summary>
    public double AltitudeDivergenceMeters { get; init; } = 20.0;

    /// <summary>Divergences shorter than this (s) are ignored (a single glitch is not a divergence).</summary>
    public double AltitudeDivergenceMinSeconds { get; init; } = 3.0;

    // ---- GNSS and flight state ----

    /// <summary>Fewer satellites than this means no 3-D fix is possible (four unknowns: x, y, z and clock).</summary>
    public int MinSatellitesForFix { get; init; } = 4;

    /// <summary>Stretches without a fix shorter than this (s) are ignored.</summary>
    public double NoFixMinSeconds { get; init; } = 3.0;

    /// <summary>A satellite count that falls from at least <see cref="SatelliteDropFrom"/> to below
    /// <see cref="MinSatellitesForFix"/> within this many seconds while airborne is a jamming indicator.</summary>
    public double SatelliteDropSeconds { get; init; } = 5.0;

    public int SatelliteDropFrom { get; init; } = 10;

    /// <summary>Above this height above takeoff (m) the vehicle counts as airborne (baro drift on the ground stays
    /// within a couple of metres).</summary>
    public double AirborneHeightMeters { get; init; } = 3.0;

    /// <summary>A log whose last sample is higher than this above takeoff (m) ends airborne…</summary>
    public double EndsAirborneHeightMeters { get; init; } = 5.0;

    /// <summary>…or moves faster than this (m/s) at a height above <see cref="AirborneHeightMeters"/>.</summary>
    public double EndsAirborneSpeedMetersPerSecond { get; init; } = 3.0;

    /// <summary>
    /// Roll or pitch beyond this (degrees) for <see cref="CrashAttitudeMinSeconds"/> is a crash indicator. 60° is
    /// twice ArduCopter's default lean limit (ANGLE_MAX 3000 centidegrees) and beyond ArduPlane's default roll limit
    /// (ROLL_LIMIT_DEG 45); the ArduCopter crash check itself uses a 30° attitude error held for 2 s.
    /// </summary>
    public double CrashAttitudeDegrees { get; init; } = 60.0;

    public double CrashAttitudeMinSeconds { get; init; } = 1.0;

    /// <summary>A descent faster than this (m/s) for at least a second is a crash indicator: multirotors limit descent to
    /// 3–6 m/s (ArduCopter PILOT_SPEED_DN / WPNAV_SPEED_DN defaults, DJI published descent speeds); free fall
    /// passes 10 m/s after about one second.</summary>
    public double SuddenDescentMetersPerSecond { get; init; } = 10.0;

    // ---- what a file says about itself ----

    /// <summary>A DJI flight record's summary flight time may differ from the span of its records by this much (s)…</summary>
    public double HeaderTimeToleranceSeconds { get; init; } = 2.0;

    /// <summary>…or this fraction of the stated time, whichever is larger. On the 12 shared DJI logs the two differ by
    /// at most 0.15 s.</summary>
    public double HeaderTimeToleranceFraction { get; init; } = 0.02;

    /// <summary>The summary's maximum height may differ from the records' by this much (m): on the shared logs they are
    /// equal to the 0.1 m the app rounds to.</summary>
    public double HeaderHeightToleranceMeters { get; init; } = 1.0;

    /// <summary>The summary's maximum horizontal speed may differ from the records' by this much (m/s); equal to
    /// 0.01 m/s on the shared logs.</summary>
    public double HeaderSpeedToleranceMetersPerSecond { get; init; } = 1.0;

    // ---- across sources ----

    /// <summary>Clock offsets between sources are searched within ± this many seconds.</summary>
    public double MaxClockOffsetSeconds { get; init; } = 300.0;

    /// <summary>Below this confidence an offset is reported but not acted on (see docs/verify.md for the measure).</summary>
    public double MinAlignmentConfidence { get; init; } = 0.5;

    /// <summary>
    /// A clock offset of at least this (s) between sources of one flight is a time shift. Two sources that take their
    /// time from GNSS or from one computer agree within well under a second; a ground station's receive latency is
    /// tens of milliseconds. The tampering tests shift by 2 s or more.
    /// </summary>
    public double TimeShiftMinSeconds { get; init; } = 1.5;

    /// <summary>
    /// A constant horizontal offset of at least this (m) between two sources is a position offset. A GPS receiver is
    /// within 8 m horizontally 95 % of the time (GPS SPS Performance Standard, 5th ed. 2020, table 3.8-1 class); two
    /// independent receivers therefore differ by up to about √2 × 8 ≈ 11.3 m.
    /// </summary>
    public double PositionOffsetMinMeters { get; init; } = 12.0;

    /// <summary>After removing a constant offset, a disagreement of more than this (m) for
    /// <see cref="PositionDivergenceMinSeconds"/> is a position divergence.</summary>
    public double PositionDivergenceMeters { get; init; } = 30.0;

    public double PositionDivergenceMinSeconds { get; init; } = 5.0;

    /// <summary>A stretch missing from one source while another covers it is a deleted segment from this length (s).</summary>
    public double DeletedSegmentMinSeconds { get; init; } = 3.0;

    /// <summary>
    /// A photo or subtitle more than this (m, mean) from the log's position at its time disagrees in place (medium from
    /// twice this). The report's media placement uses the same limit (MediaCorrelationOptions.MaxResidualMeters): two
    /// GNSS receivers agree within about 11 m (see <see cref="PositionOffsetMinMeters"/>); 50 m leaves room for a
    /// camera's position written a second late at 15 m/s.
    /// </summary>
    public double MediaMaxResidualMeters { get; init; } = 50.0;

    /// <summary>A camera clock whose offset from the log is more than this (s) beyond a whole quarter-hour time-zone
    /// offset disagrees in time: DJI cameras take their time from the aircraft, which takes it from GNSS; photo times
    /// are stored to the second.</summary>
    public double MediaClockToleranceSeconds { get; init; } = 3.0;

    /// <summary>…medium from this many seconds.</summary>
    public double MediaClockMediumSeconds { get; init; } = 30.0;

    /// <summary>The clock of media whose positions span less than this (m) is not judged: the place cannot pin the time.</summary>
    public double MediaMinSpanMeters { get; init; } = 30.0;

    /// <summary>Tracks whose nearest points are farther apart than this (m) are not the same flight.</summary>
    public double NotSameFlightMeters { get; init; } = 1000.0;

    /// <summary>At most this many points of a track enter the clock search (longer tracks are thinned evenly).</summary>
    public int MaxAlignmentPoints { get; init; } = 4000;

    /// <summary>At most this many byte offsets are listed per finding (the rest are counted in the evidence).</summary>
    public int MaxOffsetsPerFinding { get; init; } = 20;

    /// <summary>At most this many findings of one kind per source are listed; the rest are counted in one info finding.</summary>
    public int MaxFindingsPerKind { get; init; } = 50;
}
