using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Core.Tests;

public class FlightLogSinkTests
{
    [Fact]
    public void Damage_counters_follow_diagnostic_kinds()
    {
        var sink = new FlightLogSink();
        sink.AddDiagnostic(10, DiagnosticKind.Crc, "bad crc");
        sink.AddDiagnostic(20, DiagnosticKind.Resync, "skipped", 7);
        sink.AddDiagnostic(30, DiagnosticKind.Resync, "skipped", 3);
        sink.AddDiagnostic(40, DiagnosticKind.Truncated, "cut", 12);

        Assert.Equal(1, sink.Damage.CrcFailures);
        Assert.Equal(2, sink.Damage.Resyncs);
        Assert.Equal(10, sink.Damage.ResyncSkippedBytes);
        Assert.Equal(12, sink.Damage.TruncatedBytes);
        Assert.Equal(4, sink.Diagnostics.Count);
        Assert.True(sink.Damage.Any);
    }

    [Fact]
    public void Unknown_records_are_all_counted_but_reported_once_per_type()
    {
        var sink = new FlightLogSink();
        for (int i = 0; i < 1000; i++)
        {
            sink.UnknownRecord(i * 10, "Unknown(99)", 10);
        }

        sink.UnknownRecord(5, "Unknown(7)", 4);

        Assert.Equal(1001, sink.Damage.UnknownRecords);
        Assert.Equal(1000, sink.RecordCounts["Unknown(99)"]);
        Assert.Equal(2, sink.Diagnostics.Count);
        Assert.Equal(0, sink.Diagnostics[0].Offset);
    }

    [Fact]
    public void Stored_diagnostics_are_capped_but_every_one_is_counted()
    {
        var sink = new FlightLogSink(new DecodeOptions { MaxStoredDiagnostics = 3 });
        for (int i = 0; i < 10; i++)
        {
            sink.AddDiagnostic(i, DiagnosticKind.Crc, "bad");
        }

        Assert.Equal(3, sink.Diagnostics.Count);
        Assert.Equal(7, sink.DiagnosticsNotStored);
        Assert.Equal(10, sink.Damage.CrcFailures);
    }

    [Fact]
    public void Strict_mode_stops_at_the_first_damage_with_its_offset()
    {
        var sink = new FlightLogSink(new DecodeOptions { Strict = true });
        sink.AddDiagnostic(5, DiagnosticKind.UnknownRecord, "not damage");
        sink.AddDiagnostic(6, DiagnosticKind.Note, "not damage either");
        var ex = Assert.Throws<FlightLogDamagedException>(() => sink.AddDiagnostic(1234, DiagnosticKind.Crc, "bad"));
        Assert.Equal(1234, ex.Offset);
        Assert.Contains("1234", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_going_backwards_is_reported_at_the_sample_offset()
    {
        var sink = new FlightLogSink();
        var t0 = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        sink.AddSample(new TelemetrySample { TimeUtc = t0, SourceOffset = 100 });
        sink.AddSample(new TelemetrySample { TimeUtc = t0.AddSeconds(-2), SourceOffset = 200 });

        var d = Assert.Single(sink.Diagnostics);
        Assert.Equal(DiagnosticKind.TimeBackwards, d.Kind);
        Assert.Equal(200, d.Offset);
        Assert.Equal(1, sink.Damage.TimeBackwards);
    }

    [Fact]
    public void Summary_tracks_bounds_duration_and_ignores_null_island()
    {
        var sink = new FlightLogSink();
        var t0 = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        sink.AddSample(new TelemetrySample { TimeUtc = t0, LatitudeDegrees = 0, LongitudeDegrees = 0 });
        sink.AddSample(new TelemetrySample { TimeUtc = t0.AddSeconds(1), LatitudeDegrees = 47.1, LongitudeDegrees = 8.5, HeightAboveTakeoffMeters = 30 });
        sink.AddSample(new TelemetrySample { TimeUtc = t0.AddSeconds(61.5), LatitudeDegrees = 47.2, LongitudeDegrees = 8.4, HeightAboveTakeoffMeters = 12 });

        var s = sink.Summary;
        Assert.Equal(3, s.Count);
        Assert.Equal(2, s.WithPosition);
        Assert.Equal(61.5, s.DurationSeconds);
        Assert.Equal(new GeoBounds(47.1, 8.4, 47.2, 8.5), s.Bounds);
        Assert.Equal(30, s.MaxHeightAboveTakeoffMeters);
    }

    [Fact]
    public void Builder_keeps_samples_in_order()
    {
        var builder = new FlightLogBuilder();
        for (int i = 0; i < 5; i++)
        {
            builder.AddSample(new TelemetrySample { SourceOffset = i * 3 });
        }

        Assert.Equal([0L, 3, 6, 9, 12], builder.Samples.Select(s => s.SourceOffset));
    }

    [Fact]
    public void Vehicle_identity_merges_first_source_wins()
    {
        var sink = new FlightLogSink();
        sink.AddVehicle(new VehicleIdentity { Model = "Mavic 2", AircraftSerial = "A" });
        sink.AddVehicle(new VehicleIdentity { Model = "other", AppVersion = "4.3" });
        Assert.Equal("Mavic 2", sink.Vehicle.Model);
        Assert.Equal("A", sink.Vehicle.AircraftSerial);
        Assert.Equal("4.3", sink.Vehicle.AppVersion);
    }
}
