using System.Globalization;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.OnboardLogs.ULog;
using FlightForensics.TestSupport;

namespace FlightForensics.OnboardLogs.Tests;

/// <summary>The real ULog samples against @foxglove/ulog's reference facts (shared/samples/mavlink/reference).</summary>
public sealed class ULogSampleTests
{
    public static TheoryData<string> Files => new()
    {
        "pyulog_sample.ulg",
        "pyulog_sample_appended_multiple.ulg",
        "pyulog_sample_log_small.ulg",
        "pyulog_sample_logging_tagged_and_default_params.ulg",
    };

    private static JsonElement Reference(string file) =>
        JsonDocument.Parse(File.ReadAllText(Samples.Require("mavlink", "reference", file + ".reference.json"))).RootElement;

    private static FlightLog Read(string file) =>
        new FlightLogReader(new FormatRegistry().Add(new ULogDecoder())).Read(Samples.Require("mavlink", file));

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void RecordCounts_match_foxglove_per_topic_and_multi_id(string file)
    {
        var reference = Reference(file);
        var log = Read(file);
        var expected = reference.GetProperty("counts_by_topic").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(expected.OrderBy(k => k.Key, StringComparer.Ordinal), log.RecordCounts.Where(k => k.Value > 0).OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(reference.GetProperty("data_messages").GetInt64(), log.RecordCounts.Values.Sum());
        Assert.Equal("px4-ulog", log.FormatId);
        Assert.Equal(0, log.Damage.Resyncs);
        Assert.Equal(0, log.Damage.Corrupt);

        var ulog = log.FormatCounters["ulog"];
        Assert.Equal(reference.GetProperty("logged_strings").GetInt64(), ulog["loggedStrings"] + ulog["taggedLoggedStrings"]);
        Assert.Equal(reference.GetProperty("formats").GetInt64(), ulog["formats"]);
        Assert.Equal(reference.GetProperty("subscriptions").GetInt64(), ulog["subscriptions"]);
        Assert.Equal(reference.GetProperty("ulog_version").GetInt64(), ulog["version"]);
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Header_flags_and_info_match_foxglove(string file)
    {
        var reference = Reference(file);
        using var stream = File.OpenRead(Samples.Require("mavlink", file));
        using var reader = new ULogReader(stream);
        while (reader.TryReadNext(out _))
        {
        }

        Assert.Equal(reference.GetProperty("header_timestamp_us").GetString(), reader.HeaderTimestampUs.ToString(CultureInfo.InvariantCulture));
        if (reference.GetProperty("incompat_flags").ValueKind == JsonValueKind.Null)
        {
            Assert.Null(reader.Flags);
        }
        else
        {
            Assert.Equal(reference.GetProperty("incompat_flags").EnumerateArray().Select(e => (byte)e.GetInt32()), reader.Flags!.Incompat);
            Assert.Equal(reference.GetProperty("appended_offsets").EnumerateArray().Select(e => ulong.Parse(e.GetString()!, CultureInfo.InvariantCulture)), reader.Flags.AppendedOffsets);
        }

        foreach (var info in reference.GetProperty("info").EnumerateObject())
        {
            string expected = info.Value.ValueKind == JsonValueKind.Number ? info.Value.GetRawText() : info.Value.GetString()!;
            Assert.Equal(expected, reader.Info[info.Name]);
        }
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void First_and_last_records_of_GPS_and_attitude_topics_match_foxglove(string file)
    {
        var reference = Reference(file).GetProperty("first_last");
        var first = new Dictionary<string, Dictionary<string, double>>();
        var last = new Dictionary<string, Dictionary<string, double>>();
        using (var stream = File.OpenRead(Samples.Require("mavlink", file)))
        using (var reader = new ULogReader(stream))
        {
            while (reader.TryReadNext(out var m))
            {
                if (m.Type != ULogMessageType.Data || m.Subscription is not { MultiId: 0 } sub || !reference.TryGetProperty(sub.Name, out _))
                {
                    continue;
                }

                var data = m.Data;
                var values = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var field in sub.Format!.Fields)
                {
                    int index = sub.Format.IndexOf(field.Name);
                    for (int e = 0; e < Math.Min(field.ArrayLength, 4); e++)
                    {
                        if (data.TryGetDouble(index, out double v, e))
                        {
                            values[field.ArrayLength == 1 ? field.Name : $"{field.Name}[{e}]"] = v;
                        }
                    }
                }

                first.TryAdd(sub.Name, values);
                last[sub.Name] = values;
            }
        }

        foreach (var topic in reference.EnumerateObject())
        {
            foreach (var (which, ours) in new[] { ("first", first), ("last", last) })
            {
                foreach (var field in topic.Value.GetProperty(which).EnumerateObject())
                {
                    if (field.Value.ValueKind == JsonValueKind.Array)
                    {
                        int i = 0;
                        foreach (var element in field.Value.EnumerateArray())
                        {
                            Assert.Equal(element.GetDouble(), ours[topic.Name][$"{field.Name}[{i++}]"], 12);
                        }
                    }
                    else
                    {
                        double expected = field.Value.ValueKind == JsonValueKind.String
                            ? double.Parse(field.Value.GetString()!, CultureInfo.InvariantCulture)
                            : field.Value.GetDouble();
                        Assert.True(ours[topic.Name].TryGetValue(field.Name, out double actual), $"{topic.Name}.{field.Name} missing");
                        Assert.Equal(expected, actual);
                    }
                }
            }
        }
    }

    [SampleFact]
    public void Gps_only_log_gives_samples_per_vehicle_gps_position_with_UTC_from_the_receiver()
    {
        var reference = Reference("pyulog_sample_log_small.ulg");
        var gps = reference.GetProperty("first_last").GetProperty("vehicle_gps_position");
        var log = Read("pyulog_sample_log_small.ulg");

        Assert.Equal(reference.GetProperty("counts_by_topic").GetProperty("vehicle_gps_position[0]").GetInt64(), log.Samples.Count);
        foreach (var (which, sample) in new[] { ("first", log.Samples[0]), ("last", log.Samples[^1]) })
        {
            var r = gps.GetProperty(which);
            Assert.Equal(r.GetProperty("lat").GetInt64() / 1e7, sample.LatitudeDegrees!.Value, 12);
            Assert.Equal(r.GetProperty("lon").GetInt64() / 1e7, sample.LongitudeDegrees!.Value, 12);
            Assert.Equal(r.GetProperty("alt").GetInt64() / 1000.0, sample.AltitudeMslMeters!.Value, 9);
            Assert.Equal(r.GetProperty("satellites_used").GetInt32(), sample.Satellites);
            long ts = long.Parse(r.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            long header = long.Parse(reference.GetProperty("header_timestamp_us").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal((ts - header) / 1e6, sample.ElapsedSeconds!.Value, 9);
        }

        Assert.Null(log.Samples[0].HeightAboveTakeoffMeters); // the GPS states no height above home
        Assert.Equal(2021, log.Samples[0].TimeUtc!.Value.Year);
        Assert.Equal("CUBEPILOT_CUBEORANGE", log.Vehicle.Model);
        Assert.Contains(log.Events, e => e.Kind == FlightEventKind.Arm);
        Assert.Contains(log.Events, e => e.Kind == FlightEventKind.Disarm);
        Assert.Equal(1, log.Damage.Gaps); // one logged dropout
    }

    [SampleFact]
    public void Without_vehicle_global_position_the_samples_are_vehicle_gps_position_not_sensor_gps_and_SITL_time_matches_the_log_name()
    {
        const string file = "pyulog_sample_logging_tagged_and_default_params.ulg";
        var reference = Reference(file);
        var counts = reference.GetProperty("counts_by_topic");
        Assert.False(counts.TryGetProperty("vehicle_global_position[0]", out _));
        var log = Read(file);
        Assert.Equal(counts.GetProperty("vehicle_gps_position[0]").GetInt64(), log.Samples.Count);
        Assert.NotEqual(counts.GetProperty("sensor_gps[0]").GetInt64(), log.Samples.Count);
        var gpsFirst = reference.GetProperty("first_last").GetProperty("vehicle_gps_position").GetProperty("first");
        Assert.Equal(gpsFirst.GetProperty("lat").GetInt64() / 1e7, log.Samples[0].LatitudeDegrees!.Value, 12);
        Assert.Equal(GpsFix.NoFix, log.Samples[0].GpsFix); // fix_type 0 in the reference

        // The logger's own strings name the file by its UTC start: "./log/2022-04-29/08_45_27.ulg".
        var opened = log.Events.First(e => e.Text.Contains("08_45_27.ulg", StringComparison.Ordinal));
        var utc = opened.TimeUtc!.Value;
        Assert.Equal(new DateTimeOffset(2022, 4, 29, 8, 45, 27, TimeSpan.Zero), new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero));
        Assert.Equal(3, log.Events.Count(e => e.Text.StartsWith("[tag ", StringComparison.Ordinal)));
    }

    [SampleFact]
    public void Attitude_quaternion_becomes_euler_angles()
    {
        var q = Reference("pyulog_sample_log_small.ulg").GetProperty("first_last").GetProperty("vehicle_attitude").GetProperty("first").GetProperty("q")
            .EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var (roll, pitch, yaw) = ULogMapperAccess.Euler(q[0], q[1], q[2], q[3]);
        // Independent check: rotate the body x axis by q and compare its heading with the yaw.
        double w = q[0], x = q[1], y = q[2], z = q[3];
        double bodyXNorth = 1 - (2 * ((y * y) + (z * z)));
        double bodyXEast = 2 * ((x * y) + (w * z));
        double heading = Math.Atan2(bodyXEast, bodyXNorth) * 180 / Math.PI;
        Assert.Equal((heading + 360) % 360, yaw, 9);
        Assert.InRange(roll, -5, 5);
        Assert.InRange(pitch, -5, 5);
    }

    [SampleFact]
    public void Flipped_bytes_in_a_real_log_give_partial_results_and_diagnostics()
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", "pyulog_sample_log_small.ulg"));
        var random = new Random(7);
        for (int round = 0; round < 10; round++)
        {
            var damaged = (byte[])bytes.Clone();
            for (int i = 0; i < 30; i++)
            {
                damaged[random.Next(16, damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            var sink = new FlightLogBuilder();
            new ULogDecoder().Decode(new MemoryStream(damaged, writable: false), sink, DecodeOptions.Default);
            Assert.InRange(sink.RecordCounts.Values.Sum(), 8_000, 15_000);
        }
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Cut_files_decode_what_is_there_and_report_the_cut(string file)
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", file));
        foreach (int cut in new[] { 0, 5, 16, 17, 500, bytes.Length / 3, bytes.Length - 1 })
        {
            var sink = new FlightLogBuilder();
            new ULogDecoder().Decode(new MemoryStream(bytes, 0, cut, writable: false), sink, DecodeOptions.Default);
            if (cut is > 0 and not 16)
            {
                Assert.True(sink.Damage.TruncatedBytes > 0, $"cut at {cut} not reported");
            }
        }
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Unseekable_input_gives_the_same_counts(string file)
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", file));
        var baseline = Read(file);
        var sink = new FlightLogBuilder();
        new ULogDecoder().Decode(new NonSeekableStream(bytes), sink, DecodeOptions.Default);
        Assert.Equal(baseline.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal), sink.RecordCounts.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(baseline.Samples.Count, sink.Samples.Count);
    }
}

/// <summary>Test access to the mapper's conversion.</summary>
internal static class ULogMapperAccess
{
    public static (double Roll, double Pitch, double Yaw) Euler(double w, double x, double y, double z) => ULogMapper.QuaternionToEulerDegrees(w, x, y, z);
}
