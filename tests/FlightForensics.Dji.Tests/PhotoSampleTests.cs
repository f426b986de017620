using System.Globalization;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Photo;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>The real DJI photos against exiftool 12.57's view of them (reference/*.exiftool.json).</summary>
public sealed class PhotoSampleTests
{
    public static TheoryData<string> Files => new()
    {
        "pierotofy_brighton_DJI_0025.JPG",
        "thermalparser_DJI_H20T.jpg",
        "thermalparser_DJI_XT2.jpg",
        "thermalparser_H20N_DJI_0006_R.JPG",
    };

    private static JsonElement Reference(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Samples.Require("dji-photos", "reference", file + ".exiftool.json")));
        return doc.RootElement[0].Clone();
    }

    /// <summary>exiftool -n still prints some signed DJI values as strings ("+198.51"): compare numerically.</summary>
    private static double? Number(JsonElement reference, string key) =>
        reference.TryGetProperty(key, out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetDouble()
              : v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null
            : null;

    private static FlightLogBuilder Decode(string file)
    {
        var sink = new FlightLogBuilder();
        using var stream = File.OpenRead(Samples.Require("dji-photos", file));
        new PhotoDecoder().Decode(stream, sink, DecodeOptions.Default);
        return sink;
    }

    [SampleTheory]
    [MemberData(nameof(Files))]
    public void Position_pose_and_altitudes_equal_exiftool(string file)
    {
        var reference = Reference(file);
        var bytes = File.ReadAllBytes(Samples.Require("dji-photos", file));
        var probe = new PhotoDecoder().Probe(bytes.AsSpan(0, Math.Min(bytes.Length, FormatRegistry.ProbeBytes)), bytes.Length);
        Assert.True(probe.Confidence >= 60);

        var sink = Decode(file);
        var sample = Assert.Single(sink.Samples);
        var photo = Assert.Single(sink.Events, e => e.Kind == FlightEventKind.Photo);
        Assert.True(sample.PhotoTaken);

        Assert.Equal(Number(reference, "Composite:GPSLatitude")!.Value, sample.LatitudeDegrees!.Value, 1e-9);
        Assert.Equal(Number(reference, "Composite:GPSLongitude")!.Value, sample.LongitudeDegrees!.Value, 1e-9);
        Assert.Equal(sample.LatitudeDegrees, photo.LatitudeDegrees);

        // AbsoluteAltitude (DJI XMP) is the MSL altitude; RelativeAltitude is above take-off.
        Assert.Equal(Number(reference, "XMP-drone-dji:AbsoluteAltitude")!.Value, sample.AltitudeMslMeters!.Value, 1e-9);
        Assert.Equal(Number(reference, "XMP-drone-dji:RelativeAltitude")!.Value, sample.HeightAboveTakeoffMeters!.Value, 1e-9);
        Assert.Equal(Number(reference, "XMP-drone-dji:GimbalPitchDegree")!.Value, sample.GimbalPitchDegrees!.Value, 1e-9);
        Assert.Equal(Number(reference, "XMP-drone-dji:GimbalYawDegree")!.Value, sample.GimbalYawDegrees!.Value, 1e-9);
        Assert.Equal(Number(reference, "XMP-drone-dji:GimbalRollDegree")!.Value, sample.GimbalRollDegrees!.Value, 1e-9);
        Assert.Equal(Number(reference, "XMP-drone-dji:FlightYawDegree")!.Value, sample.YawDegrees!.Value, 1e-9);
        Assert.Equal(Number(reference, "XMP-drone-dji:FlightPitchDegree")!.Value, sample.PitchDegrees!.Value, 1e-9);
        Assert.Equal(Number(reference, "XMP-drone-dji:FlightRollDegree")!.Value, sample.RollDegrees!.Value, 1e-9);

        using var s2 = File.OpenRead(Samples.Require("dji-photos", file));
        var meta = PhotoDecoder.ReadMetadata(s2);
        Assert.Equal(Number(reference, "GPS:GPSAltitude")!.Value, meta.ExifAltitude!.Value, 1e-9);
        Assert.Equal(reference.GetProperty("IFD0:Model").GetString(), meta.CameraModel);
        Assert.Equal(reference.GetProperty("IFD0:Make").GetString(), meta.Make);
        Assert.Equal((int)Number(reference, "File:ImageWidth")!.Value, meta.ImageWidth);
        Assert.Equal((int)Number(reference, "File:ImageHeight")!.Value, meta.ImageHeight);
        Assert.Equal(DateTime.ParseExact(reference.GetProperty("ExifIFD:DateTimeOriginal").GetString()!, "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture), meta.DateTimeOriginal);
        if (reference.TryGetProperty("ExifIFD:SerialNumber", out var serial))
        {
            Assert.Equal(serial.GetString(), sink.Vehicle.CameraSerial);
        }

        if (Number(reference, "XMP-drone-dji:GPSLatitude") is double xmpLat)
        {
            Assert.Equal(xmpLat, meta.XmpLatitude!.Value, 1e-9);
            Assert.Equal(Number(reference, "XMP-drone-dji:GPSLongitude")!.Value, meta.XmpLongitude!.Value, 1e-9);
        }

        // None of these images states a UTC time (no GPS time stamp, UTCAtExposure empty): time_utc stays empty.
        Assert.Null(sample.TimeUtc);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Note && d.Message.Contains("no time zone", StringComparison.Ordinal));
        Assert.True(0 == sink.Damage.CrcFailures + sink.Damage.Corrupt + sink.Damage.TruncatedBytes, string.Join(" / ", sink.Diagnostics));

        // The sample points at the XMP packet (an APP1 segment) in the file.
        Assert.Equal(0xFF, bytes[sample.SourceOffset]);
        Assert.Equal(0xE1, bytes[sample.SourceOffset + 1]);
    }

    [SampleFact]
    public void H20N_gives_drone_model_serials_and_laser_target()
    {
        var sink = Decode("thermalparser_H20N_DJI_0006_R.JPG");
        Assert.Equal("Matrice 300 RTK", sink.Vehicle.Model);
        Assert.Equal("1ZNBJC400C0029", sink.Vehicle.AircraftSerial);
        Assert.Equal("4WZAJCF02AA00Y", sink.Vehicle.CameraSerial);
        Assert.Equal("04.00.00.80", sink.Vehicle.FirmwareVersion);
        var photo = Assert.Single(sink.Events);
        Assert.Contains("lrf_target_distance_m=79.572", photo.Text, StringComparison.Ordinal);
        Assert.Contains("lrf_target=22.5960255,114.0066452", photo.Text, StringComparison.Ordinal);
        Assert.Equal(0.0, sink.Samples[0].GroundSpeedMetersPerSecond);
    }

    [SampleFact]
    public void Re_saved_photo_does_not_report_a_viewer_as_firmware()
    {
        var sink = Decode("pierotofy_brighton_DJI_0025.JPG");
        Assert.Null(sink.Vehicle.FirmwareVersion); // IFD0 Software is "Microsoft Windows Photo Viewer ..."
        Assert.Equal("DJI", sink.Vehicle.Manufacturer);
        Assert.Contains("camera=\"FC300S\"", sink.Events[0].Text, StringComparison.Ordinal);
    }

    [SampleFact]
    public void Camera_clock_offset_given_by_the_examiner_fills_time_utc()
    {
        var sink = new FlightLogBuilder();
        using var stream = File.OpenRead(Samples.Require("dji-photos", "thermalparser_DJI_H20T.jpg"));
        new PhotoDecoder(new PhotoOptions { CameraClockUtcOffset = TimeSpan.FromHours(-4) }).Decode(stream, sink, DecodeOptions.Default);
        // DateTimeOriginal 2021:05:28 10:33:46 at UTC-4 = 14:33:46Z.
        Assert.Equal(new DateTimeOffset(2021, 5, 28, 14, 33, 46, TimeSpan.Zero), sink.Samples[0].TimeUtc);
    }
}
