using FlightForensics.Core.Decoding;
using FlightForensics.RemoteId.Analysis;
using FlightForensics.TestSupport;
using static FlightForensics.RemoteId.Tests.SyntheticCapture;

namespace FlightForensics.RemoteId.Tests;

public sealed class BelievabilityTests
{
    private static IReadOnlyList<BelievabilityIndicator> Analyse(string path)
    {
        using var stream = File.OpenRead(path);
        return BroadcastBelievability.Analyse(RemoteIdCapture.Read(stream, new FlightLogSink(), keepObservations: true));
    }

    [SampleFact]
    public void Spoofed_DJI_capture_is_flagged_high_for_every_serial_by_its_pilot_and_home_positions()
    {
        var indicators = Analyse(Samples.Require("remoteid", "mavic_multiple_spoofed.pcapng"));
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", "mavic_multiple_spoofed.pcapng.djidroneid.tsv"));
        var serials = reference.Rows.Select(r => reference.Cell(r, "serial")).Distinct().ToList();
        Assert.NotEmpty(serials);
        Assert.All(serials, serial =>
        {
            // The spoofer gives each serial its own address, so the evidence is the pilot and home positions:
            // the reference puts them thousands of kilometres from the aircraft.
            var flagged = indicators.Where(i => i.AircraftId == serial && i.Kind == "operator-implausible" && i.Severity == "high").ToList();
            Assert.Contains(flagged, i => i.Evidence["position"] == "operator");
            Assert.Contains(flagged, i => i.Evidence["position"] == "home");
        });
    }

    [SampleFact]
    public void Real_Parrot_flight_gets_no_high_severity_indicator()
    {
        var indicators = Analyse(Samples.Require("remoteid", "parrot_anafi4_real.pcapng"));
        Assert.DoesNotContain(indicators, i => i.Severity == "high");
    }

    [Fact]
    public void Synthetic_position_jump_and_far_operator_are_flagged_with_offsets()
    {
        byte[] mac = [0x02, 0, 0, 0, 0, 9];
        var packets = new List<(DateTimeOffset, byte[])>();
        for (int i = 0; i < 10; i++)
        {
            // 0.0001° of latitude per second (about 11 m/s), then one position 0.1° (about 11 km) away.
            double lat = 47 + i * 0.0001 + (i == 6 ? 0.1 : 0);
            packets.Add((Start.AddSeconds(i), Radiotap(Beacon(mac, Pack(3, BasicId("JUMPER"), Location(lat, 8), SystemMessage(47.5, 8))))));
        }

        var contents = RemoteIdCapture.Read(new MemoryStream(Pcap(127, packets)), new FlightLogSink(), keepObservations: true);
        var indicators = BroadcastBelievability.Analyse(contents);
        var jump = Assert.Single(indicators, i => i.Kind == "teleport");
        Assert.Equal("JUMPER", jump.AircraftId);
        Assert.NotEmpty(jump.SourceOffsets);
        Assert.Contains(indicators, i => i.Kind == "impossible-speed" && i.Severity == "high");
        // Operator 0.5° of latitude (about 55 km) from the aircraft.
        Assert.Contains(indicators, i => i.Kind == "operator-implausible" && i.Severity == "high");
    }

    [Fact]
    public void Synthetic_steady_flight_with_a_near_operator_is_not_flagged()
    {
        byte[] mac = [0x02, 0, 0, 0, 0, 8];
        var packets = Enumerable.Range(0, 30).Select(i => (Start.AddSeconds(i),
            Radiotap(Beacon(mac, Pack(3, BasicId("STEADY"), Location(47 + i * 0.00005, 8, (Start.AddSeconds(i).Minute * 60 + Start.Second + i) * 10), SystemMessage(47, 8.001)))))).ToList();
        var contents = RemoteIdCapture.Read(new MemoryStream(Pcap(127, packets)), new FlightLogSink(), keepObservations: true);
        Assert.Empty(BroadcastBelievability.Analyse(contents));
    }

    [Fact]
    public void Distance_matches_a_separately_computed_meridian_arc()
    {
        // One degree of latitude on the 6371008.8 m sphere: 2πR/360.
        Assert.Equal(2 * Math.PI * 6371008.8 / 360, BroadcastBelievability.DistanceMeters(10, 20, 11, 20), 1e-6);
    }
}
