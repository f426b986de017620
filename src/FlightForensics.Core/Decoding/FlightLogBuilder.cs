using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Core.Decoding;

/// <summary>A sink that keeps every sample, for analyses that need the whole track in memory.</summary>
public sealed class FlightLogBuilder(DecodeOptions? options = null) : FlightLogSink(options)
{
    private readonly SampleStore _samples = new();

    public IReadOnlyList<TelemetrySample> Samples => _samples;

    protected override void OnSample(in TelemetrySample sample) => _samples.Add(sample);

    /// <summary>Freezes what was collected into a <see cref="FlightLog"/>.</summary>
    public FlightLog Build(EvidenceFile evidence, IFlightLogDecoder decoder) => Build(this, evidence, decoder, _samples);

    /// <summary>A <see cref="FlightLog"/> from any sink's bookkeeping, with the given samples (possibly none).</summary>
    public static FlightLog Build(FlightLogSink sink, EvidenceFile evidence, IFlightLogDecoder decoder, IReadOnlyList<TelemetrySample> samples)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(decoder);
        return new FlightLog
        {
            Evidence = evidence,
            FormatId = decoder.FormatId,
            FormatVersion = sink.FormatVersion,
            DecoderName = decoder.DecoderName,
            DecoderVersion = decoder.DecoderVersion,
            Vehicle = sink.Vehicle,
            StartUtc = sink.StartUtc ?? sink.Summary.FirstUtc,
            Home = sink.Home,
            Samples = samples,
            Events = sink.Events,
            Diagnostics = sink.Diagnostics,
            DiagnosticsNotStored = sink.DiagnosticsNotStored,
            Damage = sink.Damage,
            RecordCounts = sink.RecordCounts,
            FormatCounters = sink.FormatCounters,
            Attachments = sink.Attachments,
            Summary = sink.Summary,
        };
    }
}
