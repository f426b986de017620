using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;

namespace FlightForensics.Core.Model;

/// <summary>
/// Everything decoded from one evidence file, whatever its format: provenance, identity,
/// samples, events and the damage met on the way.
/// </summary>
public sealed class FlightLog
{
    public required EvidenceFile Evidence { get; init; }
    public required string FormatId { get; init; }
    public string? FormatVersion { get; init; }
    public required string DecoderName { get; init; }
    public required string DecoderVersion { get; init; }
    public VehicleIdentity Vehicle { get; init; } = VehicleIdentity.Empty;

    /// <summary>Start of the flight in UTC, as the source states it (or its first timed sample).</summary>
    public DateTimeOffset? StartUtc { get; init; }
    public HomePoint? Home { get; init; }
    public IReadOnlyList<TelemetrySample> Samples { get; init; } = [];
    public IReadOnlyList<FlightEvent> Events { get; init; } = [];
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];
    public long DiagnosticsNotStored { get; init; }
    public DamageCounters Damage { get; init; } = new();
    public IReadOnlyDictionary<string, long> RecordCounts { get; init; } = new Dictionary<string, long>();
    public IReadOnlyDictionary<string, Dictionary<string, long>> FormatCounters { get; init; } = new Dictionary<string, Dictionary<string, long>>();
    public IReadOnlyList<EmbeddedAttachment> Attachments { get; init; } = [];
    public required SampleSummary Summary { get; init; }

    /// <summary>When the analysis ran (UTC); recorded in reports, not part of the evidence.</summary>
    public DateTimeOffset DecodedAtUtc { get; init; } = DateTimeOffset.UtcNow;
}
