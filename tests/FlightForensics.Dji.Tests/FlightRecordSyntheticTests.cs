using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Dji.FlightRecord;
using static FlightForensics.Dji.Tests.FlightRecordSynthetic;
using static FlightForensics.Dji.Tests.FlightRecordTestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>Round trips through the project's own writer, for every version, including AES-encrypted v13/v14.</summary>
public class FlightRecordSyntheticTests
{
    private const int Frames = 60;

    public static TheoryData<int> UnencryptedVersions => new() { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

    [Theory]
    [MemberData(nameof(UnencryptedVersions))]
    public void Synthetic_file_of_every_unencrypted_version_decodes_to_what_was_written(int version)
    {
        var bytes = Build(version, Frames);
        var probe = new DjiFlightRecordDecoder().Probe(bytes.AsSpan(0, Math.Min(bytes.Length, FormatRegistry.ProbeBytes)), bytes.Length);
        var sink = DecodeBytes(bytes);

        Assert.True(probe.Confidence >= 50, $"probe confidence {probe.Confidence}");
        Assert.Equal(version.ToString(System.Globalization.CultureInfo.InvariantCulture), probe.FormatVersion);
        AssertTrack(sink);
        Assert.Equal(Frames, sink.RecordCounts["OSD"]);
        Assert.Equal(Frames, sink.RecordCounts["GIMBAL"]);
        Assert.Equal(Frames, sink.RecordCounts["CUSTOM"]);
        Assert.Equal(Frames / 10, sink.RecordCounts["HOME"]);
        Assert.DoesNotContain(sink.Diagnostics, d => d.IsDamage);
        Assert.Equal("Synthetic Mavic", sink.Vehicle.AircraftName);
        Assert.Equal("SYNTH0001", sink.Vehicle.AircraftSerial);
        Assert.Equal("Mavic 2", sink.Vehicle.Model);
        Assert.Equal(Start, sink.StartUtc);
        Assert.Equal(4, sink.Attachments.Count);
        Assert.Equal(new long[] { 3000, 2500, 300, 250 }, sink.Attachments.Select(a => a.Length));
        foreach (var attachment in sink.Attachments)
        {
            Assert.Equal(0xFF, bytes[attachment.Offset]);
            Assert.Equal(0xD8, bytes[attachment.Offset + 1]);
            Assert.Equal(0xD9, bytes[attachment.Offset + attachment.Length - 1]);
        }
    }

    private static void AssertTrack(FlightLogBuilder sink)
    {
        Assert.Equal(Frames, sink.Samples.Count);
        for (int i = 0; i < Frames; i++)
        {
            var s = sink.Samples[i];
            Assert.Equal(Latitude(i), s.LatitudeDegrees!.Value, 9);
            Assert.Equal(Longitude(i), s.LongitudeDegrees!.Value, 9);
            Assert.Equal(Height(i), s.HeightAboveTakeoffMeters!.Value, 9);
            Assert.Equal(Time(i), s.TimeUtc);
            Assert.Equal(-(i % 90), s.GimbalPitchDegrees!.Value, 9);
            Assert.Equal(45.5, s.GimbalYawDegrees!.Value, 9);
            Assert.Equal(i == 5, s.PhotoTaken);
            Assert.Equal(i is >= 10 and < 20 ? true : i < 10 ? null : false, s.IsRecordingVideo);
        }

        var first = sink.Samples[0];
        Assert.Equal(5.0, first.GroundSpeedMetersPerSecond!.Value, 9);
        Assert.Equal(0.5, first.VerticalSpeedMetersPerSecond!.Value, 9); // down −0.5 m/s is climbing
        Assert.Equal(Math.Atan2(4, 3) * 180 / Math.PI, first.CourseDegrees!.Value, 9);
        Assert.Equal("GPSAtti", first.FlightMode);
        Assert.Equal("GoHome", sink.Samples[^1].FlightMode);
        Assert.Equal(14, first.Satellites);
        Assert.Equal(100, first.BatteryPercent);
        Assert.Equal(Latitude(0), sink.Home!.LatitudeDegrees, 9);
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.Photo && e.TimeUtc == Time(5));
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.VideoStart && e.TimeUtc == Time(10));
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.VideoStop && e.TimeUtc == Time(20));
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.Warning && e.Text == "Strong wind. Fly with caution");
        Assert.Contains(sink.Events, e => e.Kind == FlightEventKind.ModeChange && e.Text == "GoHome");
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    public void Synthetic_encrypted_file_decrypts_offline_with_a_keychains_file(int version)
    {
        var keys = Keys(version);
        var bytes = Build(version, Frames, keys);
        var keychainsPath = Path.Combine(Path.GetTempPath(), $"ff-keychains-{Guid.NewGuid():N}.json");
        File.WriteAllText(keychainsPath, keys.ToJson());
        try
        {
            var sink = DecodeBytes(bytes, new DecodeOptions { DjiKeychainsPath = keychainsPath });

            AssertTrack(sink);
            Assert.DoesNotContain(sink.Diagnostics, d => d.IsDamage || d.Kind == DiagnosticKind.Encrypted);
            Assert.True(sink.FormatCounters["dji-txt"]["decryptedRecords"] >= Frames * 3);
            Assert.Equal("Synthetic Mavic", sink.Vehicle.AircraftName);
        }
        finally
        {
            File.Delete(keychainsPath);
        }
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    public void Synthetic_encrypted_file_without_keys_is_identified_reports_encryption_and_keeps_the_details(int version)
    {
        var bytes = Build(version, Frames, Keys(version));
        var probe = new DjiFlightRecordDecoder().Probe(bytes, bytes.Length);
        var sink = DecodeBytes(bytes);

        Assert.True(probe.Confidence >= 70);
        Assert.Empty(sink.Samples);
        Assert.Single(sink.Diagnostics, d => d.Kind == DiagnosticKind.Encrypted);
        Assert.Equal(Frames, sink.RecordCounts["OSD"]);
        Assert.Equal("Synthetic Mavic", sink.Vehicle.AircraftName);
        Assert.Equal(Start, sink.StartUtc);
        Assert.Equal(4, sink.Attachments.Count);
        Assert.Equal(0, sink.Damage.Resyncs);
    }

    [Fact]
    public void Synthetic_encrypted_file_with_two_keychain_sections_uses_the_second_keychain_after_the_separator()
    {
        var keys = Keys(11, keychains: 2);
        var bytes = Build(14, Frames, keys, sectionEvery: Frames / 2);

        var both = DecodeBytes(bytes, decoderOptions: new FlightRecordDecoderOptions { Keychains = keys });
        var firstOnly = DecodeBytes(bytes, decoderOptions: new FlightRecordDecoderOptions { Keychains = new FlightRecordKeychains([keys.Keychains[0]]) });

        AssertTrack(both);
        Assert.Equal(1, both.RecordCounts["KEY_STORAGE_RECOVER"]);
        Assert.Equal(2, both.RecordCounts["KEY_STORAGE"]);
        Assert.Equal(Frames / 2, firstOnly.Samples.Count);
        Assert.Contains(firstOnly.Diagnostics, d => d.Kind == DiagnosticKind.Encrypted && d.Message.Contains("section", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_encrypted_file_with_wrong_keys_reports_decryption_failures_and_does_not_crash()
    {
        var bytes = Build(14, Frames, Keys(1));
        var sink = DecodeBytes(bytes, decoderOptions: new FlightRecordDecoderOptions { Keychains = Keys(2) });

        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Decryption);
        Assert.True(sink.Samples.Count < Frames / 2, "wrong keys must not produce a believable track");
        Assert.Equal(Frames, sink.RecordCounts["OSD"]);
    }

    [Fact]
    public void Keychains_json_round_trips_and_bad_json_is_refused_with_a_clear_error()
    {
        var keys = Keys(7);
        var parsed = FlightRecordKeychains.Parse(System.Text.Encoding.UTF8.GetBytes(keys.ToJson()));

        Assert.Equal(15, parsed.Keychains[0].Count);
        Assert.Equal(keys.Keychains[0][3].AesKey, parsed.Keychains[0][3].AesKey);
        Assert.Throws<InvalidDataException>(() => FlightRecordKeychains.Parse("{ not json"u8));
        Assert.Throws<InvalidDataException>(() => FlightRecordKeychains.Parse("{\"x\":1}"u8));
    }

    [Fact]
    public void Missing_keychains_file_is_a_diagnostic_not_an_exception()
    {
        var bytes = Build(14, 10, Keys(3));
        var sink = DecodeBytes(bytes, new DecodeOptions { DjiKeychainsPath = "/nonexistent/keychains.json" });

        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Decryption && d.Message.Contains("keychains", StringComparison.Ordinal));
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Encrypted);
    }

    [Fact]
    public void Synthetic_file_through_the_reader_is_detected_as_dji_txt_from_content()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ff-synthetic-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, Build(11, Frames));
        try
        {
            var log = DecodeFile(path);
            Assert.Equal("dji-txt", log.FormatId);
            Assert.Equal("11", log.FormatVersion);
            Assert.Equal(Frames, log.Samples.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Scrambler_matches_the_CRC64_check_value_and_round_trips()
    {
        // dji-formats.md §2.4: crc64(0, "123456789") = 0xE9C6D914C4B8D9CA for this CRC-64 variant.
        Assert.Equal(0xE9C6D914C4B8D9CAUL, FlightRecordScrambler.Crc64(0, "123456789"u8));
        byte[] body = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        var payload = new byte[body.Length + 2];
        FlightRecordScrambler.Scramble(1, 0xA7, body, payload);
        var back = new byte[body.Length];

        Assert.True(FlightRecordScrambler.TryUnscramble(1, payload, back));
        Assert.Equal(body, back);
        payload[4] ^= 0x10;
        payload[^1] ^= 0x01;
        Assert.False(FlightRecordScrambler.TryUnscramble(1, payload, back));
    }
}
