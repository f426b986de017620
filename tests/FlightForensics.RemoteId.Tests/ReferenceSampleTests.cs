using System.Globalization;
using FlightForensics.TestSupport;

namespace FlightForensics.RemoteId.Tests;

/// <summary>Every Open Drone ID sample against the tshark + Lua dissector reference, frame by frame.</summary>
public sealed class ReferenceSampleTests
{
    public static TheoryData<string> OdidSamples => new()
    {
        "odid_wifi_bcn_sample.pcap",
        "odid_wifi_sample.pcap",
        "odid_bt5_lr_sample.pcapng",
        "parrot_anafi4_real.pcapng",
    };

    [SampleTheory]
    [MemberData(nameof(OdidSamples))]
    public void Every_frame_with_Remote_ID_is_found_and_no_other(string file)
    {
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", file + ".odid.tsv"));
        var (records, _, _) = TestCapture.Frame(Samples.Require("remoteid", file));
        var expected = reference.Rows.Select(reference.Frame).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, records.Frames.Keys.ToList());
    }

    [SampleTheory]
    [MemberData(nameof(OdidSamples))]
    public void Every_Location_matches_the_reference_position_to_1e7_degrees(string file)
    {
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", file + ".odid.tsv"));
        var (records, _, _) = TestCapture.Frame(Samples.Require("remoteid", file));
        var rows = reference.Rows.Where(r => reference.Values(r, "OpenDroneID.loc_lat").Length > 0).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            var lat = reference.Values(row, "OpenDroneID.loc_lat");
            var lon = reference.Values(row, "OpenDroneID.loc_lon");
            var locations = records.Frames[reference.Frame(row)].Locations;
            Assert.Equal(lat.Length, locations.Count);
            for (int i = 0; i < lat.Length; i++)
            {
                // The reference states 1e-7 degree units; equal integers are positions equal to 1e-7°.
                Assert.Equal(ReferenceTsv.Long(lat[i]), locations[i].LatitudeE7);
                Assert.Equal(ReferenceTsv.Long(lon[i]), locations[i].LongitudeE7);
                Assert.Equal(ReferenceTsv.Long(lat[i]) / 1e7, locations[i].LatitudeE7 * 1e-7, 1e-9);
            }
        });
    }

    [SampleTheory]
    [MemberData(nameof(OdidSamples))]
    public void Every_Location_field_matches_the_reference_raw_values(string file)
    {
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", file + ".odid.tsv"));
        var (records, _, _) = TestCapture.Frame(Samples.Require("remoteid", file));
        var rows = reference.Rows.Where(r => reference.Values(r, "OpenDroneID.loc_status").Length > 0).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            var locations = records.Frames[reference.Frame(row)].Locations;
            Check("OpenDroneID.loc_status", l => l.Status);
            Check("OpenDroneID.loc_geoAlt", l => l.GeodeticAltitudeRaw);
            Check("OpenDroneID.loc_pressAlt", l => l.PressureAltitudeRaw);
            Check("OpenDroneID.loc_height", l => l.HeightRaw);
            Check("OpenDroneID.loc_flag_heightType", l => l.HeightType);
            Check("OpenDroneID.loc_direction", l => l.DirectionRaw);
            Check("OpenDroneID.loc_flag_ewDirectionSegment", l => l.EastWestSegment ? 1 : 0);
            Check("OpenDroneID.loc_speed", l => l.SpeedRaw);
            Check("OpenDroneID.loc_flag_speedMultiplier", l => l.SpeedMultiplier ? 1 : 0);
            // The Lua dissector (showTOALag = 1) exports as loc_timeStamp the lag, not the raw value: the frame's
            // tenths of a second past the hour (floored, from frame.time_epoch) minus the transmitted tenths.
            decimal epoch = decimal.Parse(reference.Cell(row, "frame.time_epoch"), CultureInfo.InvariantCulture);
            long receivedTenths = (long)Math.Floor(epoch % 3600m * 10m);
            // A negative lag is exported as its unsigned 32-bit pattern.
            Check("OpenDroneID.loc_timeStamp", l => (uint)(receivedTenths - l.TimestampTenths));

            void Check(string column, Func<Messages.LocationMessage, long> field)
            {
                var values = reference.Values(row, column);
                Assert.Equal(values.Length, locations.Count);
                for (int i = 0; i < values.Length; i++)
                {
                    Assert.Equal(ReferenceTsv.Long(values[i]), field(locations[i]));
                }
            }
        });
    }

    [SampleTheory]
    [MemberData(nameof(OdidSamples))]
    public void Every_Basic_ID_string_and_operator_matches_the_reference_exactly(string file)
    {
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", file + ".odid.tsv"));
        var (records, _, _) = TestCapture.Frame(Samples.Require("remoteid", file));
        int basicIds = 0, operators = 0;
        Assert.All(reference.Rows, row =>
        {
            var frame = records.Frames[reference.Frame(row)];
            var ids = reference.Values(row, "OpenDroneID.basicID_id_asc");
            Assert.Equal(ids, frame.BasicIds.Select(b => AsWireshark(b.UasId)).ToArray());
            Assert.Equal(reference.Values(row, "OpenDroneID.basicID_idType").Select(ReferenceTsv.Long), frame.BasicIds.Select(b => (long)b.IdType));
            Assert.Equal(reference.Values(row, "OpenDroneID.basicID_uaType").Select(ReferenceTsv.Long), frame.BasicIds.Select(b => (long)b.UaType));
            basicIds += ids.Length;
            var lat = reference.Values(row, "OpenDroneID.system_lat").Select(ReferenceTsv.Long).ToArray();
            var lon = reference.Values(row, "OpenDroneID.system_lon").Select(ReferenceTsv.Long).ToArray();
            Assert.Equal(lat, frame.Systems.Select(s => (long)s.OperatorLatitudeE7).ToArray());
            Assert.Equal(lon, frame.Systems.Select(s => (long)s.OperatorLongitudeE7).ToArray());
            Assert.Equal(reference.Values(row, "OpenDroneID.system_opGeoAlt").Select(ReferenceTsv.Long), frame.Systems.Select(s => (long)s.OperatorAltitudeRaw));
            operators += lat.Length;
            Assert.Equal(reference.Values(row, "OpenDroneID.operator_id"), frame.Operators.Select(o => AsWireshark(o.OperatorId)).Where(s => s.Length > 0).ToArray());
            Assert.Equal(reference.Values(row, "OpenDroneID.self_desc"), frame.SelfIds.Select(o => AsWireshark(o.Description)).Where(s => s.Length > 0).ToArray());
        });
        Assert.True(basicIds + operators > 0 || file == "odid_wifi_sample.pcap", "the reference names Basic IDs or operators in this file");
    }

    /// <summary>
    /// The decoder keeps every byte (Latin-1); the Lua dissector shows strings as ASCII with U+FFFD for every byte above 0x7F
    /// (radio bit errors in frames with a failed CRC). The same bytes, shown Wireshark's way, must be equal.
    /// </summary>
    private static string AsWireshark(string latin1) => string.Concat(latin1.Select(c => c < 0x80 ? c : '\uFFFD'));

    [SampleTheory]
    [MemberData(nameof(OdidSamples))]
    public void Transmitter_address_matches_the_reference(string file)
    {
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", file + ".odid.tsv"));
        var (records, _, _) = TestCapture.Frame(Samples.Require("remoteid", file));
        Assert.NotEmpty(reference.Rows);
        Assert.All(reference.Rows, row =>
        {
            string expected = reference.Cell(row, "wlan.sa") is { Length: > 0 } sa ? sa : reference.Cell(row, "btle.advertising_address");
            Assert.Equal(expected, records.Frames[reference.Frame(row)].Contexts[0].TransmitterText);
        });
    }

    [SampleFact]
    public void Capture_clock_matches_the_reference_epoch()
    {
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", "parrot_anafi4_real.pcapng.odid.tsv"));
        var (records, _, _) = TestCapture.Frame(Samples.Require("remoteid", "parrot_anafi4_real.pcapng"));
        Assert.NotEmpty(reference.Rows);
        Assert.All(reference.Rows, row =>
        {
            // Epoch seconds with nine decimals; compared to 100 ns (the tick).
            decimal epoch = decimal.Parse(reference.Cell(row, "frame.time_epoch"), CultureInfo.InvariantCulture);
            var t = records.Frames[reference.Frame(row)].Contexts[0].TimeUtc!.Value;
            decimal actual = (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10_000_000m;
            Assert.InRange(Math.Abs(actual - epoch), 0m, 0.0000001m);
        });
    }
}
