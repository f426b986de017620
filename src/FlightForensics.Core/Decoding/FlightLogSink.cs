using System.Globalization;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Core.Decoding;

/// <summary>
/// Receives what a decoder finds, in file order. The base class keeps everything small
/// (identity, counters, capped diagnostics, events, a running summary of the samples); subclasses decide
/// what to do with samples: keep them (<see cref="FlightLogBuilder"/>) or stream them out.
/// </summary>
public class FlightLogSink : IDiagnosticSink
{
    private readonly Dictionary<string, long> _recordCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _formatCounters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknownTypesReported = new(StringComparer.Ordinal);
    private readonly CappedList<Diagnostic> _diagnostics;
    private readonly List<FlightEvent> _events = [];
    private readonly List<EmbeddedAttachment> _attachments = [];
    private readonly bool _strict;
    private DateTimeOffset? _lastSampleTime;

    public FlightLogSink(DecodeOptions? options = null)
    {
        options ??= DecodeOptions.Default;
        _diagnostics = new CappedList<Diagnostic>(options.MaxStoredDiagnostics);
        _strict = options.Strict;
    }

    public string? FormatVersion { get; private set; }
    public VehicleIdentity Vehicle { get; private set; } = VehicleIdentity.Empty;
    public DateTimeOffset? StartUtc { get; private set; }
    public HomePoint? Home { get; private set; }
    public DamageCounters Damage { get; } = new();
    public SampleSummary Summary { get; } = new();
    public long DiagnosticsNotStored => _diagnostics.NotStored;
    public IReadOnlyDictionary<string, long> RecordCounts => _recordCounts;
    public IReadOnlyDictionary<string, Dictionary<string, long>> FormatCounters => _formatCounters;
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;
    public IReadOnlyList<FlightEvent> Events => _events;
    public IReadOnlyList<EmbeddedAttachment> Attachments => _attachments;

    public void SetFormatVersion(string version) => FormatVersion = version;

    /// <summary>Adds what is known of the vehicle; fields already set are kept (the first source wins).</summary>
    public void AddVehicle(VehicleIdentity vehicle) => Vehicle = Vehicle.Merge(vehicle);

    /// <summary>Replaces identity fields: for sources where a later record is authoritative.</summary>
    public void SetVehicle(VehicleIdentity vehicle) => Vehicle = vehicle.Merge(Vehicle);

    public void SetStartUtc(DateTimeOffset startUtc) => StartUtc = startUtc.ToUniversalTime();

    public void SetHome(HomePoint home) => Home = home;

    /// <summary>Counts one valid record of a type (the contract's <c>recordCounts</c>).</summary>
    public void CountRecord(string typeName)
    {
        ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_recordCounts, typeName, out _);
        slot++;
    }

    /// <summary>Counts <paramref name="count"/> valid records of a type at once (decoders that tally locally and report at the end).</summary>
    public void CountRecord(string typeName, long count)
    {
        if (count <= 0)
        {
            return;
        }

        ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_recordCounts, typeName, out _);
        slot += count;
    }

    /// <summary>Counts a record of a type the decoder cannot interpret; reports the first of each type as a diagnostic.</summary>
    public void UnknownRecord(long offset, string typeName, long length)
    {
        CountRecord(typeName);
        Damage.UnknownRecords++;
        if (_unknownTypesReported.Add(typeName))
        {
            StoreDiagnostic(new Diagnostic(offset, DiagnosticKind.UnknownRecord,
                $"record type {typeName} is not decoded (first at this offset; further ones are counted only)", length));
        }
    }

    /// <summary>Adds to a format-specific counter, reported under the format's key in <c>inspect</c>.</summary>
    public void AddCounter(string group, string name, long delta = 1)
    {
        if (!_formatCounters.TryGetValue(group, out var counters))
        {
            counters = new Dictionary<string, long>(StringComparer.Ordinal);
            _formatCounters[group] = counters;
        }

        ref long slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counters, name, out _);
        slot += delta;
    }

    public void AddDiagnostic(Diagnostic diagnostic)
    {
        switch (diagnostic.Kind)
        {
            case DiagnosticKind.Crc: Damage.CrcFailures++; break;
            case DiagnosticKind.Resync: Damage.Resyncs++; Damage.ResyncSkippedBytes += diagnostic.Length; break;
            case DiagnosticKind.Truncated: Damage.TruncatedBytes += diagnostic.Length; break;
            case DiagnosticKind.UnknownRecord: Damage.UnknownRecords++; break;
            case DiagnosticKind.TimeBackwards: Damage.TimeBackwards++; break;
            case DiagnosticKind.Corrupt: Damage.Corrupt++; break;
            case DiagnosticKind.InvalidValue: Damage.InvalidValues++; break;
            case DiagnosticKind.Gap: Damage.Gaps++; break;
            case DiagnosticKind.TimeJump: Damage.TimeJumps++; break;
            default: break;
        }

        StoreDiagnostic(diagnostic);
        if (_strict && diagnostic.IsDamage)
        {
            throw new FlightLogDamagedException($"damage at byte {diagnostic.Offset}: {diagnostic.Kind.ToName()}: {diagnostic.Message}")
            {
                Offset = diagnostic.Offset,
            };
        }
    }

    public void AddDiagnostic(long offset, DiagnosticKind kind, string message, long length = 0)
        => AddDiagnostic(new Diagnostic(offset, kind, message, length));

    public void AddEvent(FlightEvent flightEvent) => _events.Add(flightEvent);

    public void AddAttachment(EmbeddedAttachment attachment) => _attachments.Add(attachment);

    /// <summary>
    /// The longest step forward between consecutive samples taken as real (24 h): a recorder writes a flight in one
    /// sitting; a larger step is an edited or corrupted time (issue #24: +20 years in the middle of a tlog).
    /// </summary>
    public const double MaxForwardStepSeconds = 86_400;

    /// <summary>Takes one position sample. Keeps the running summary, then calls <see cref="OnSample"/>.</summary>
    public void AddSample(in TelemetrySample sample)
    {
        if (sample.TimeUtc is DateTimeOffset t)
        {
            if (_lastSampleTime is DateTimeOffset last && t < last)
            {
                AddDiagnostic(sample.SourceOffset, DiagnosticKind.TimeBackwards,
                    $"sample time {t:O} is {(last - t).TotalSeconds:0.###} s before the previous one");
            }
            else if (_lastSampleTime is DateTimeOffset previous && (t - previous).TotalSeconds > MaxForwardStepSeconds)
            {
                AddDiagnostic(sample.SourceOffset, DiagnosticKind.TimeJump, string.Create(CultureInfo.InvariantCulture,
                    $"sample time {t:O} is {(t - previous).TotalSeconds:0.###} s after the previous one ({previous:O}), more than the {MaxForwardStepSeconds:0} s a log can pause"));
            }

            _lastSampleTime = t;
        }

        Summary.Add(sample);
        OnSample(sample);
    }

    /// <summary>Called for each sample after bookkeeping; the base ignores it.</summary>
    protected virtual void OnSample(in TelemetrySample sample)
    {
    }

    private void StoreDiagnostic(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);
}

/// <summary>Running figures over the samples, kept without storing them.</summary>
public sealed class SampleSummary
{
    public long Count { get; private set; }
    public long WithPosition { get; private set; }
    public DateTimeOffset? FirstUtc { get; private set; }
    public DateTimeOffset? LastUtc { get; private set; }
    public double? FirstElapsedSeconds { get; private set; }
    public double? LastElapsedSeconds { get; private set; }
    public GeoBounds? Bounds { get; private set; }
    public double? MaxHeightAboveTakeoffMeters { get; private set; }
    public double? MaxAltitudeMslMeters { get; private set; }
    public double? MaxGroundSpeedMetersPerSecond { get; private set; }

    /// <summary>Seconds between the first and the last sample, by UTC where known, otherwise by elapsed time.</summary>
    public double? DurationSeconds =>
        FirstUtc is DateTimeOffset a && LastUtc is DateTimeOffset b ? (b - a).TotalSeconds
        : FirstElapsedSeconds is double e0 && LastElapsedSeconds is double e1 ? e1 - e0
        : null;

    internal void Add(in TelemetrySample s)
    {
        Count++;
        if (s.TimeUtc is DateTimeOffset t)
        {
            FirstUtc ??= t;
            LastUtc = t;
        }

        if (s.ElapsedSeconds is double e)
        {
            FirstElapsedSeconds ??= e;
            LastElapsedSeconds = e;
        }

        if (s.HasPosition)
        {
            WithPosition++;
            double lat = s.LatitudeDegrees!.Value, lon = s.LongitudeDegrees!.Value;
            Bounds = Bounds is GeoBounds b
                ? new GeoBounds(Math.Min(b.MinLatitude, lat), Math.Min(b.MinLongitude, lon), Math.Max(b.MaxLatitude, lat), Math.Max(b.MaxLongitude, lon))
                : new GeoBounds(lat, lon, lat, lon);
        }

        MaxHeightAboveTakeoffMeters = Max(MaxHeightAboveTakeoffMeters, s.HeightAboveTakeoffMeters);
        MaxAltitudeMslMeters = Max(MaxAltitudeMslMeters, s.AltitudeMslMeters);
        MaxGroundSpeedMetersPerSecond = Max(MaxGroundSpeedMetersPerSecond, s.GroundSpeedMetersPerSecond);
    }

    private static double? Max(double? current, double? value) =>
        value is double v && double.IsFinite(v) ? (current is double c ? Math.Max(c, v) : v) : current;
}
