using System.Globalization;
using System.Text.Json;
using FlightForensics.TestSupport;
using Xunit.Abstractions;
using static FlightForensics.Dji.Tests.FlightRecordTestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>
/// Row-by-row comparison with the independent references in shared/samples/dji/reference: dji-log-parser 0.5.7
/// frames (which drop the last OSD record), DROP's own CSV exports, and the framing cross-check.
/// </summary>
public class FlightRecordReferenceTests(ITestOutputHelper output)
{
    private const double CoordinateTolerance = 1e-7;
    private const double HeightTolerance = 0.1 + 1e-9;

    public static TheoryData<string> ReferenceFramesFiles => new()
    {
        "mikeemoo_DJIFlightRecord_2015-12-29_[19-05-48]",
        "chrisvm_mavic2_1",
        "lvauvillier_test-data_test",
        "chrisvm_mavic2_0",
        "chrisvm_mavic2_12",
        "IgorKilipenko_DJIFlightRecord_2018-10-03_[13-23-50]",
    };

    [SampleTheory]
    [MemberData(nameof(ReferenceFramesFiles))]
    public void Every_OSD_record_matches_the_reference_frame(string stem)
    {
        var log = DecodeFile(SamplePath(stem + ".txt"));
        var frames = ReadCsv(ReferencePath(stem + ".frames.csv"));
        var crossCheck = CrossCheck(stem + ".txt");
        long osdRecords = crossCheck.GetProperty("record_type_counts").GetProperty("1").GetInt64();

        // One sample per OSD record; the reference emits one frame fewer (it never flushes the last).
        Assert.Equal(osdRecords, log.Samples.Count);
        Assert.Equal(log.Samples.Count - 1, frames.Count);

        int positionMatches = 0, heightMatches = 0, timeCompared = 0, timeMatches = 0, batteryCompared = 0, batteryMatches = 0;
        int attitudeMatches = 0, gimbalCompared = 0, gimbalMatches = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            var s = log.Samples[i];
            var f = frames[i];
            // A 0/0 placeholder (no fix) is decoded as "no position"; the reference prints the raw near-zero values.
            if (Math.Abs((s.LatitudeDegrees ?? 0) - D(f["osd_latitude_deg"])) <= CoordinateTolerance
                && Math.Abs((s.LongitudeDegrees ?? 0) - D(f["osd_longitude_deg"])) <= CoordinateTolerance)
            {
                positionMatches++;
            }

            if (Math.Abs(s.HeightAboveTakeoffMeters!.Value - D(f["osd_height_m"])) <= HeightTolerance)
            {
                heightMatches++;
            }

            // Attitude and the gimbal are 0.1° units; the reference prints one decimal.
            if (Math.Abs(s.PitchDegrees!.Value - D(f["osd_pitch_deg"])) < 0.051 && Math.Abs(s.RollDegrees!.Value - D(f["osd_roll_deg"])) < 0.051
                && Math.Abs(s.YawDegrees!.Value - D(f["osd_yaw_deg"])) < 0.051)
            {
                attitudeMatches++;
            }

            if (s.GimbalPitchDegrees is double gimbalPitch)
            {
                gimbalCompared++;
                gimbalMatches += Math.Abs(gimbalPitch - D(f["gimbal_pitch_deg"])) < 0.051 && Math.Abs(s.GimbalYawDegrees!.Value - D(f["gimbal_yaw_deg"])) < 0.051 ? 1 : 0;
            }

            if (s.BatteryPercent is double battery && D(f["battery_chargeLevel"]) > 0)
            {
                batteryCompared++;
                batteryMatches += Math.Abs(battery - D(f["battery_chargeLevel"])) < 0.5 ? 1 : 0;
            }

            if (s.TimeUtc is DateTimeOffset t)
            {
                timeCompared++;
                var reference = DateTimeOffset.Parse(f["custom_dateTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                if (Math.Abs((t - reference).TotalMilliseconds) < 1)
                {
                    timeMatches++;
                }
            }
        }

        output.WriteLine($"{stem}: {frames.Count} reference frames; position {positionMatches}, height {heightMatches}, time {timeMatches}/{timeCompared}, battery {batteryMatches}/{batteryCompared}, attitude {attitudeMatches}, gimbal {gimbalMatches}/{gimbalCompared}");
        Assert.Equal(frames.Count, positionMatches);
        Assert.Equal(frames.Count, heightMatches);
        Assert.Equal(frames.Count, attitudeMatches);
        Assert.Equal(gimbalCompared, gimbalMatches);
        Assert.Equal(timeCompared, timeMatches);
        Assert.True(batteryMatches >= batteryCompared * 0.95, "battery percent follows the reference");
        // Frames without a CUSTOM record of their own carry no time (about 10–20 % in the DJI GO 3/4 logs).
        Assert.True(timeCompared > frames.Count * 0.75, "most samples carry a CUSTOM time");
    }

    public static TheoryData<string, string> DropFiles => new()
    {
        { "DROP_DJIFlightRecord_2016-09-26_[14-12-45].txt", "DROP_2016-09-26_14-12-46_Standard.csv" },
        { "DROP_DJIFlightRecord_2016-09-26_[14-27-11].txt", "DROP_2016-09-26_14-27-12_Standard.csv" },
    };

    [SampleTheory]
    [MemberData(nameof(DropFiles))]
    public void DROP_logs_with_empty_records_match_DROPs_own_export_row_for_row(string file, string csv)
    {
        var log = DecodeFile(SamplePath(file));
        var rows = ReadCsv(ReferencePath(Path.Combine("third_party", csv)));

        Assert.Equal(rows.Count, log.Samples.Count);
        Assert.Equal(0, log.Damage.Resyncs);
        int positionMatches = 0, heightMatches = 0;
        for (int i = 0; i < rows.Count; i++)
        {
            var s = log.Samples[i];
            if (Math.Abs(s.LatitudeDegrees!.Value - D(rows[i]["latitude"])) <= CoordinateTolerance
                && Math.Abs(s.LongitudeDegrees!.Value - D(rows[i]["longitude"])) <= CoordinateTolerance)
            {
                positionMatches++;
            }

            // DROP's "ascent" is the OSD height in feet.
            if (Math.Abs(s.HeightAboveTakeoffMeters!.Value - (D(rows[i]["ascent(feet)"]) * 0.3048)) <= HeightTolerance)
            {
                heightMatches++;
            }
        }

        output.WriteLine($"{file}: {rows.Count} rows; position {positionMatches}, height {heightMatches}");
        Assert.Equal(rows.Count, positionMatches);
        Assert.Equal(rows.Count, heightMatches);
    }

    [SampleFact]
    public void Photo_and_video_start_events_fall_on_the_rows_DROPs_export_marks()
    {
        var log = DecodeFile(SamplePath("DROP_DJIFlightRecord_2016-09-26_[14-12-45].txt"));
        var rows = ReadCsv(ReferencePath(Path.Combine("third_party", "DROP_2016-09-26_14-12-46_Standard.csv")));
        var sampleIndexByOffset = log.Samples.Select((s, i) => (s.SourceOffset, i)).ToList();

        int RowOf(FlightForensics.Core.Model.FlightEvent e) => sampleIndexByOffset.Last(x => x.SourceOffset < e.SourceOffset).i;

        var photoRows = rows.Select((r, i) => (r, i)).Where(x => x.r["isPhoto"] == "1").Select(x => x.i).ToList();
        var videoRows = rows.Select((r, i) => (r, i)).Where(x => x.r["isVideo"] == "1").Select(x => x.i).ToList();
        Assert.Equal(photoRows, log.Events.Where(e => e.Kind == Core.Model.FlightEventKind.Photo).Select(RowOf));
        Assert.Equal(videoRows, log.Events.Where(e => e.Kind == Core.Model.FlightEventKind.VideoStart).Select(RowOf));
        Assert.Equal(photoRows, log.Samples.Select((s, i) => (s, i)).Where(x => x.s.PhotoTaken == true).Select(x => x.i));
    }

    public static TheoryData<string> AllFiles => new()
    {
        "mikeemoo_DJIFlightRecord_2015-12-29_[19-05-48].txt",
        "DROP_DJIFlightRecord_2016-09-26_[14-12-45].txt",
        "DROP_DJIFlightRecord_2016-09-26_[14-27-11].txt",
        "lvauvillier_test-data_test.txt",
        "chrisvm_mavic2_1.txt",
        "chrisvm_mavic2_0.txt",
        "chrisvm_mavic2_12.txt",
        "IgorKilipenko_DJIFlightRecord_2018-10-03_[13-23-50].txt",
        "DJI_V132_DJIFlightRecord_2020-06-18_[19-01-24].txt",
        "droptc_DJIFlightRecord_2025-06-27_[03-31-40].txt",
        "droptc_DJIFlightRecord_2024-11-10_[03-09-29].txt",
        "Electio_sample-flightlog.txt",
    };

    [SampleTheory]
    [MemberData(nameof(AllFiles))]
    public void Record_counts_equal_the_framing_cross_check_and_nothing_is_damaged(string file)
    {
        var log = DecodeFile(SamplePath(file));
        var crossCheck = CrossCheck(file);
        var expected = crossCheck.GetProperty("record_type_counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);

        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), CountsById(log.RecordCounts).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(crossCheck.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture), log.FormatVersion);
        Assert.Equal(0, log.Damage.CrcFailures);
        Assert.Equal(0, log.Damage.Resyncs);
        Assert.Equal(0, log.Damage.TruncatedBytes);
        Assert.Equal(0, log.Damage.Corrupt);
    }

    [SampleTheory]
    [MemberData(nameof(AllFiles))]
    public void Summary_fields_equal_the_reference_details(string file)
    {
        var log = DecodeFile(SamplePath(file));
        using var summary = JsonDocument.Parse(File.ReadAllText(ReferencePath(Path.ChangeExtension(file, null) + ".summary.json")));
        var details = summary.RootElement.GetProperty("details");

        var start = DateTimeOffset.Parse(details.GetProperty("startTime").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(start, log.StartUtc);
        Assert.Equal(details.GetProperty("aircraftName").GetString(), log.Vehicle.AircraftName);
        Assert.Equal(NullIfEmpty(details.GetProperty("aircraftSn").GetString()), log.Vehicle.AircraftSerial);
        Assert.Equal(NullIfEmpty(details.GetProperty("cameraSn").GetString()), log.Vehicle.CameraSerial);
        Assert.Equal(NullIfEmpty(details.GetProperty("rcSn").GetString()), log.Vehicle.RemoteControllerSerial);
        Assert.Equal(NullIfEmpty(details.GetProperty("batterySn").GetString()), log.Vehicle.BatterySerial);
        Assert.Equal(details.GetProperty("appVersion").GetString(), log.Vehicle.AppVersion ?? "0.0.0");

        // Product: the reference names known codes (e.g. "Mavic2") and shows unknown ones as the number (178).
        var product = details.GetProperty("productType");
        if (product.ValueKind == JsonValueKind.Number)
        {
            Assert.Equal($"product code {product.GetInt32()}", log.Vehicle.Model);
            Assert.Equal(product.GetInt32(), log.FormatCounters["dji-txt"]["productType"]);
        }
        else
        {
            Assert.Equal(product.GetString(), log.Vehicle.Model!.Replace(" ", "", StringComparison.Ordinal));
        }

        if (log.RecordCounts.ContainsKey("HOME") && log.Samples.Count == 0)
        {
            // Encrypted without keys: the take-off point comes from the details.
            Assert.Equal(details.GetProperty("latitude").GetDouble(), log.Home!.LatitudeDegrees, 12);
            Assert.Equal(details.GetProperty("longitude").GetDouble(), log.Home.LongitudeDegrees, 12);
        }

        int pictures = details.GetProperty("momentPicImageBufferLen").EnumerateArray().Count(e => e.GetInt64() > 0)
            + details.GetProperty("momentPicShrinkImageBufferLen").EnumerateArray().Count(e => e.GetInt64() > 0);
        Assert.Equal(pictures, log.Attachments.Count);
    }

    [SampleFact]
    public void Version_14_without_keys_reports_encryption_and_yields_no_track()
    {
        var log = DecodeFile(SamplePath("Electio_sample-flightlog.txt"));

        Assert.Empty(log.Samples);
        Assert.Contains(log.Diagnostics, d => d.Kind == Core.Model.DiagnosticKind.Encrypted && d.Message.Contains("keychains", StringComparison.Ordinal));
        Assert.True(log.FormatCounters["dji-txt"]["encryptedRecordsNotDecoded"] > 20000);
        Assert.Equal("Matrice 4TD", log.Vehicle.AircraftName);
    }

    [SampleFact]
    public void Embedded_pictures_are_located_and_start_as_JPEG()
    {
        var path = SamplePath("IgorKilipenko_DJIFlightRecord_2018-10-03_[13-23-50].txt");
        var log = DecodeFile(path);
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(8, log.Attachments.Count);
        Assert.Equal(260628, log.Attachments.Sum(a => a.Length));
        foreach (var a in log.Attachments)
        {
            Assert.Equal("image/jpeg", a.MediaType);
            Assert.Equal(0xFF, bytes[a.Offset]);
            Assert.Equal(0xD8, bytes[a.Offset + 1]);
            Assert.Equal(0xFF, bytes[a.Offset + a.Length - 2]);
            Assert.Equal(0xD9, bytes[a.Offset + a.Length - 1]);
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static JsonElement CrossCheck(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ReferencePath("framing_crosscheck.json")));
        return document.RootElement.EnumerateArray().Single(e => e.GetProperty("file").GetString() == file).Clone();
    }
}
