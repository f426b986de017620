namespace FlightForensics.Verification.Model;

/// <summary>
/// The answer of <c>verify</c> (contract: <c>verify --json</c>): what each source is, how the sources' clocks line up,
/// how far apart their tracks are after alignment, and every finding with its figures and byte offsets.
/// </summary>
public sealed class VerifyResult
{
    public required IReadOnlyList<SourceSummary> Sources { get; init; }
    public required IReadOnlyList<ClockAlignment> Alignment { get; init; }
    public required IReadOnlyList<PairAgreement> Agreement { get; init; }
    public required IReadOnlyList<Finding> Findings { get; init; }

    /// <summary>One paragraph in words: how many findings of which severity, and the worst ones.</summary>
    public required string Summary { get; init; }
}

/// <summary>One evidence file as verify saw it.</summary>
/// <param name="File">File name (the label used in every other part of the result).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the whole file.</param>
/// <param name="Format">Contract format id.</param>
/// <param name="StartUtc">First sample time (UTC), null when the source has no UTC time.</param>
/// <param name="EndUtc">Last sample time (UTC).</param>
/// <param name="Samples">Samples decoded.</param>
public sealed record SourceSummary(string File, string Sha256, string Format, DateTimeOffset? StartUtc, DateTimeOffset? EndUtc, long Samples);

/// <summary>
/// The offset of one source's clock from the reference source's clock, found from the data:
/// reference time = source time − <see cref="ClockOffsetSeconds"/>.
/// </summary>
/// <param name="Source">The source's file name.</param>
/// <param name="ClockOffsetSeconds">Seconds the source's clock is ahead of the reference; null when no offset could be found.</param>
/// <param name="Method">How it was found, in words (the reference source says "reference").</param>
/// <param name="Confidence">0..1: how much better the chosen offset fits than a typical one (see docs/verify.md).</param>
public sealed record ClockAlignment(string Source, double? ClockOffsetSeconds, string Method, double Confidence);

/// <summary>How far apart two sources' tracks are after clock alignment, over the time both cover.</summary>
public sealed record PairAgreement(
    string A,
    string B,
    double OverlapSeconds,
    double? MedianHorizontalMeters,
    double? P95HorizontalMeters,
    double? MedianVerticalMeters,
    double? P95VerticalMeters)
{
    /// <summary>The distances over time (one point per second of the reference's clock); not part of the JSON contract,
    /// drawn by the report. Null when the pair did not overlap.</summary>
    public AgreementSeries? Series { get; init; }
}

/// <summary>
/// Horizontal and vertical distance between two aligned tracks, median per whole second of the reference clock.
/// <see cref="Seconds"/> are UNIX seconds when <see cref="TimeIsUtc"/>, else the reference's elapsed seconds;
/// a vertical value is NaN where either source has no height.
/// </summary>
public sealed record AgreementSeries(double[] Seconds, double[] HorizontalMeters, double[] VerticalMeters, bool TimeIsUtc);

public enum Severity
{
    Info,
    Low,
    Medium,
    High,
}

/// <summary>One figure of a finding's evidence: a number (with its unit in the name) or a text.</summary>
public readonly record struct EvidenceFigure(string Name, double? Number, string? Text = null)
{
    public static implicit operator EvidenceFigure((string Name, double Value) figure) => new(figure.Name, figure.Value);

    public static EvidenceFigure Of(string name, string text) => new(name, null, text);
}

/// <summary>
/// One thing verify found. <see cref="SourceOffsets"/> are byte offsets in the first source named in
/// <see cref="Sources"/> (the records the finding is about), at most <see cref="VerifyOptions.MaxOffsetsPerFinding"/>.
/// </summary>
public sealed record Finding
{
    public required string Kind { get; init; }
    public required Severity Severity { get; init; }
    public DateTimeOffset? StartUtc { get; init; }
    public DateTimeOffset? EndUtc { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
    public IReadOnlyList<EvidenceFigure> Evidence { get; init; } = [];
    public IReadOnlyList<long> SourceOffsets { get; init; } = [];
    public required string Explanation { get; init; }
}

public static class SeverityNames
{
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => "info",
    };
}

/// <summary>The contract's finding kinds (names are stable: add, never rename).</summary>
public static class FindingKinds
{
    public const string Gap = "gap";
    public const string SequenceGap = "sequence-gap";
    public const string TimeBackwards = "time-backwards";
    public const string TimeJump = "time-jump";
    public const string DuplicateStretch = "duplicate-stretch";
    public const string Checksum = "checksum";
    public const string Teleport = "teleport";
    public const string ImpossibleSpeed = "impossible-speed";
    public const string PositionVelocityMismatch = "position-velocity-mismatch";
    public const string AltitudeDivergence = "altitude-divergence";
    public const string PositionDivergence = "position-divergence";
    public const string NoGnssFix = "no-gnss-fix";
    public const string GnssSpoofingIndicator = "gnss-spoofing-indicator";
    public const string GnssJammingIndicator = "gnss-jamming-indicator";
    public const string EndsAirborne = "ends-airborne";
    public const string CrashIndicator = "crash-indicator";
    public const string ClockOffset = "clock-offset";
    public const string TimeShift = "time-shift";
    public const string PositionOffset = "position-offset";
    public const string DeletedSegment = "deleted-segment";
    public const string NotSameFlight = "not-same-flight";
    public const string Signature = "signature";
    public const string HeaderMismatch = "header-mismatch";
    public const string MediaDisagreement = "media-disagreement";
    public const string OperatorImplausible = "operator-implausible";
    public const string IdInconsistency = "id-inconsistency";

    /// <summary>Kinds that, at medium or high severity, say the evidence was edited (the false-positive measure).</summary>
    public static IReadOnlySet<string> EditKinds { get; } = new HashSet<string>(StringComparer.Ordinal) { DeletedSegment, TimeShift, PositionOffset, TimeJump };
}
