using FlightForensics.Dji.FlightRecord;
using FlightForensics.Synthesis.Dji;
using FlightForensics.TestSupport;
using Xunit.Abstractions;
using static FlightForensics.Dji.Tests.FlightRecordTestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>RC stick and switch input mapped onto the samples (issue #3), checked against DROP's exports and synthetic files.</summary>
public class FlightRecordRcTests(ITestOutputHelper output)
{
    private static int Raw(double percent) => (int)Math.Round(1024 + (6.6 * percent));

    public static TheoryData<string, string> DropFiles => new()
    {
        { "DROP_DJIFlightRecord_2016-09-26_[14-12-45].txt", "DROP_2016-09-26_14-12-46_Standard.csv" },
        { "DROP_DJIFlightRecord_2016-09-26_[14-27-11].txt", "DROP_2016-09-26_14-27-12_Standard.csv" },
    };

    [SampleTheory]
    [MemberData(nameof(DropFiles))]
    public void RC_sticks_equal_DROPs_export_row_for_row(string file, string csv)
    {
        var log = DecodeFile(SamplePath(file));
        var rows = ReadCsv(ReferencePath(Path.Combine("third_party", csv)));
        Assert.Equal(rows.Count, log.Samples.Count);
        int matches = 0, moving = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var rc = log.Samples[i].RemoteControl;
            Assert.NotNull(rc);
            var r = rc.Value;
            int[] ours = [Raw(r.ElevatorPercent), Raw(r.AileronPercent), Raw(r.ThrottlePercent), Raw(r.RudderPercent)];
            int[] theirs = [int.Parse(rows[i]["rc_elevator"]), int.Parse(rows[i]["rc_aileron"]), int.Parse(rows[i]["rc_throttle"]), int.Parse(rows[i]["rc_rudder"])];
            matches += ours.SequenceEqual(theirs) ? 1 : 0;
            moving += theirs.Any(v => v != 1024) ? 1 : 0;
        }

        output.WriteLine($"{file}: {matches} of {rows.Count} rows with all four sticks equal ({moving} rows with a stick off centre)");
        Assert.True(moving > 100, "the flight must move the sticks for this comparison to mean anything");
        Assert.Equal(rows.Count, matches);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(14)]
    public void Synthetic_RC_records_map_to_the_frame_and_carry_forward(int version)
    {
        var keys = version >= 13 ? FlightRecordSynthetic.Keys(5) : null;
        using var stream = new MemoryStream();
        using (var writer = new FlightRecordWriter(stream, new FlightRecordWriterOptions { Version = version, Keychains = keys }))
        {
            for (int i = 0; i < 6; i++)
            {
                writer.WriteOsd(new FlightRecordOsd { LatitudeDegrees = 47, LongitudeDegrees = 8, GpsUsed = true });
                if (i == 1)
                {
                    writer.WriteRc(1684, 364, 1354, 1024, gimbal: 700, modeSwitch: 2, returnHome: true, record: true);
                }
            }

            writer.Complete(FlightRecordSynthetic.Details(6));
        }

        var sink = DecodeBytes(stream.ToArray(), decoderOptions: new FlightRecordDecoderOptions { Keychains = keys });
        Assert.Equal(6, sink.Samples.Count);
        Assert.Null(sink.Samples[0].RemoteControl);
        for (int i = 1; i < 6; i++)
        {
            var rc = sink.Samples[i].RemoteControl!.Value;
            Assert.Equal(100, rc.AileronPercent, 9);
            Assert.Equal(-100, rc.ElevatorPercent, 9);
            Assert.Equal(50, rc.ThrottlePercent, 9);
            Assert.Equal(0, rc.RudderPercent, 9);
            Assert.Equal((700 - 1024) / 6.6, rc.GimbalWheelPercent!.Value, 9);
            Assert.Equal(2, rc.ModeSwitchPosition);
            Assert.True(rc.ReturnHomePressed);
            Assert.False(rc.ShutterPressed);
            Assert.True(rc.RecordPressed);
        }
    }

    [Fact]
    public void Synthetic_short_RC_record_is_ignored_not_misread()
    {
        using var stream = new MemoryStream();
        using (var writer = new FlightRecordWriter(stream, new FlightRecordWriterOptions { Version = 11 }))
        {
            writer.WriteOsd(new FlightRecordOsd { LatitudeDegrees = 47, LongitudeDegrees = 8 });
            writer.WriteRecord(FlightRecordType.Rc, [0x00, 0x04, 0x00, 0x04]);
            writer.Complete(FlightRecordSynthetic.Details(1));
        }

        var sink = DecodeBytes(stream.ToArray());
        Assert.Single(sink.Samples);
        Assert.Null(sink.Samples[0].RemoteControl);
    }
}
