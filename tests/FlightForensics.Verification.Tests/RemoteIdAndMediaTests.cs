using FlightForensics.Application;
using FlightForensics.Application.Workflows;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.TestSupport;
using FlightForensics.Verification.Model;

namespace FlightForensics.Verification.Tests;

/// <summary>Remote ID captures as verify sources (believability indicators, <c>--aircraft</c>), and <c>media-disagreement</c>.</summary>
public sealed class RemoteIdAndMediaTests
{
    private static readonly FlightLogReader Reader = new(DefaultRegistries.Decoders());

    /// <summary>Serials of the spoofed capture by the reference decode (djidroneid_ref.py, tshark + struct).</summary>
    private static List<string> SpoofedSerials()
    {
        var lines = File.ReadAllLines(Samples.Require("remoteid", "reference", "mavic_multiple_spoofed.pcapng.djidroneid.tsv"));
        int column = Array.IndexOf(lines[0].Split('\t'), "serial");
        return [.. lines.Skip(1).Select(l => l.Split('\t')[column]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    [SampleFact]
    public void Spoofed_capture_with_aircraft_named_is_one_source_with_implausible_operator_findings()
    {
        var serials = SpoofedSerials();
        Assert.NotEmpty(serials);
        string serial = serials[0];
        var path = Samples.Require("remoteid", "mavic_multiple_spoofed.pcapng");
        var result = new VerifyWorkflow(Reader).Run([path], new DecodeOptions { AircraftId = serial });

        var source = Assert.Single(result.Sources);
        Assert.Contains(serial, source.File, StringComparison.Ordinal);
        // The reference puts the pilot and home positions thousands of kilometres from the aircraft.
        var operators = result.Findings.Where(f => f.Kind == FindingKinds.OperatorImplausible).ToList();
        Assert.NotEmpty(operators);
        Assert.All(operators, f =>
        {
            Assert.Equal(Severity.High, f.Severity);
            Assert.Equal(source.File, f.Sources[0]);
            Assert.Equal(serial, f.Evidence.Single(e => e.Name == "aircraftId").Text);
        });
    }

    [SampleFact]
    public void Spoofed_capture_without_aircraft_is_one_source_per_serial()
    {
        var serials = SpoofedSerials();
        var result = new VerifyWorkflow(Reader).Run([Samples.Require("remoteid", "mavic_multiple_spoofed.pcapng")]);
        Assert.Equal(serials.Count, result.Sources.Count);
        Assert.All(serials, s => Assert.Contains(result.Sources, x => x.File.EndsWith("[" + s + "]", StringComparison.Ordinal)));
        Assert.All(serials, s => Assert.Contains(result.Findings, f => f.Kind == FindingKinds.OperatorImplausible && f.Sources[0].EndsWith("[" + s + "]", StringComparison.Ordinal)));
    }

    [SampleFact]
    public void Real_parrot_capture_gets_no_high_finding()
    {
        var result = new VerifyWorkflow(Reader).Run([Samples.Require("remoteid", "parrot_anafi4_real.pcapng")]);
        Assert.NotEmpty(result.Sources);
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.High);
    }

    // ---- media-disagreement (Synthetic: no shared log has its own photos) ----

    private static readonly double[] PhotoSeconds = [30, 40, 50, 60, 70];

    /// <summary>One photo at <paramref name="seconds"/> into the synthetic flight, taken where the flight is then (plus a shift),
    /// with a camera clock <paramref name="clockAheadS"/> ahead of UTC.</summary>
    private static FlightLog Photo(double seconds, double clockAheadS, double northShiftM = 0)
    {
        var s = SyntheticFlight.Samples()[SyntheticFlight.At(seconds)];
        var sample = s with
        {
            TimeUtc = s.TimeUtc!.Value.AddSeconds(clockAheadS),
            LatitudeDegrees = s.LatitudeDegrees + (northShiftM / SyntheticFlight.MetersPerDegreeLat),
            SourceOffset = 12,
        };
        var builder = new FlightLogBuilder();
        builder.AddSample(sample);
        builder.AddVehicle(new VehicleIdentity { CameraSerial = "CAM1" });
        string name = FormattableString.Invariant($"DJI_{seconds:0000}.JPG");
        var evidence = new EvidenceFile { FileName = name, FullPath = "/synthetic/" + name, Bytes = 1, Sha256 = new string('1', 64) };
        return builder.Build(evidence, new SyntheticFlight.NamedDecoder("photo"));
    }

    private static VerifyResult VerifyWithPhotos(double clockAheadS, int shiftedPhoto = -1, double shiftM = 0) =>
        new Verifier().Verify([SyntheticFlight.Log(SyntheticFlight.Samples()),
            .. PhotoSeconds.Select((t, i) => Photo(t, clockAheadS, i == shiftedPhoto ? shiftM : 0))]);

    [Fact]
    public void Synthetic_photos_on_a_local_time_camera_clock_agree_with_the_log()
    {
        var result = VerifyWithPhotos(clockAheadS: 3600);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKinds.MediaDisagreement);
        Assert.DoesNotContain(result.Findings, f => f.Kind == FindingKinds.NotSameFlight);
    }

    [Fact]
    public void Synthetic_photo_moved_200_m_disagrees_in_place()
    {
        var result = VerifyWithPhotos(clockAheadS: 3600, shiftedPhoto: 2, shiftM: 200);
        var f = Assert.Single(result.Findings, f => f.Kind == FindingKinds.MediaDisagreement);
        Assert.Equal("DJI_0050.JPG", f.Sources[0]);
        Assert.Equal(Severity.Medium, f.Severity);
        Assert.Equal("place", f.Evidence.Single(e => e.Name == "disagrees").Text);
        // The flight turns on a 200 m circle: a point 200 m north of it is at least 200 m - (chord effects) away; the
        // nearest point of the circle to the shifted photo is what the placement can at best reach.
        Assert.True(f.Evidence.Single(e => e.Name == "meanDistanceM").Number > 50);
    }

    [Fact]
    public void Synthetic_photos_20_s_beyond_the_time_zone_disagree_in_time()
    {
        var result = VerifyWithPhotos(clockAheadS: 3600 + 20);
        var found = result.Findings.Where(f => f.Kind == FindingKinds.MediaDisagreement).ToList();
        Assert.Equal(PhotoSeconds.Length, found.Count);
        Assert.All(found, f =>
        {
            Assert.Equal("time", f.Evidence.Single(e => e.Name == "disagrees").Text);
            Assert.Equal(3600, f.Evidence.Single(e => e.Name == "timeZoneS").Number);
            Assert.Equal(20, f.Evidence.Single(e => e.Name == "beyondTimeZoneS").Number!.Value, 0.5);
            Assert.Equal(Severity.Low, f.Severity);
        });
    }
}
