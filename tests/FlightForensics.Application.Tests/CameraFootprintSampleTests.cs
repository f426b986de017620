using System.Globalization;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Model;
using FlightForensics.Reporting.Exports;
using FlightForensics.TestSupport;
using NetTopologySuite.Geometries;

namespace FlightForensics.Application.Tests;

/// <summary>
/// Camera footprints of real DJI evidence (a flight record with gimbal records and photos with XMP gimbal pose) against
/// a pinhole camera written here from the aerospace rotation matrix (not the code's vector construction), and the
/// camera pose against the independent references (the reference decoder's frames, exiftool's tags).
/// </summary>
public sealed class CameraFootprintSampleTests
{
    private const double Rad = Math.PI / 180;
    private static readonly GeometryFactory s_wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>One feature far larger than the flight, so that every footprint captures it.</summary>
    private static InfrastructureLayer Everything(FlightLog log)
    {
        var lat = log.Samples.Where(s => s.HasPosition).Select(s => s.LatitudeDegrees!.Value).ToList();
        var lon = log.Samples.Where(s => s.HasPosition).Select(s => s.LongitudeDegrees!.Value).ToList();
        const double m = 0.05;
        var polygon = s_wgs84.CreatePolygon([
            new(lon.Min() - m, lat.Min() - m), new(lon.Max() + m, lat.Min() - m), new(lon.Max() + m, lat.Max() + m),
            new(lon.Min() - m, lat.Max() + m), new(lon.Min() - m, lat.Min() - m)]);
        return new InfrastructureLayer
        {
            FileName = "everything.geojson",
            FullPath = "everything.geojson",
            Bytes = 0,
            Sha256 = new string('0', 64),
            Format = "synthetic",
            Features = [new InfrastructureFeature { Id = "all", Name = "All", Category = "security", Geometry = polygon, Layer = "everything.geojson" }],
        };
    }

    private static FlightLog Read(string path) => new FlightLogReader(DefaultRegistries.Decoders()).Read(path);

    /// <summary>
    /// The four image corners on flat ground <paramref name="height"/> below the camera, as (north, east) metres.
    /// Body-to-NED rotation R = Rz(yaw)·Ry(pitch)·Rx(roll) (aerospace ZYX order); a corner's camera-frame direction is
    /// (1, ±tan(HFOV/2), ±tan(VFOV/2)) (forward, right, down). A ray that does not come down within the range limit
    /// is cut at that limit along its horizontal direction, as docs/geo.md states.
    /// </summary>
    private static List<(double N, double E)> Pinhole(double height, double yaw, double pitch, double roll, double hfov, double vfov, double maxRange)
    {
        double cy = Math.Cos(yaw * Rad), sy = Math.Sin(yaw * Rad), cp = Math.Cos(pitch * Rad), sp = Math.Sin(pitch * Rad);
        double cr = Math.Cos(roll * Rad), sr = Math.Sin(roll * Rad);
        double[,] r =
        {
            { cp * cy, (sr * sp * cy) - (cr * sy), (cr * sp * cy) + (sr * sy) },
            { cp * sy, (sr * sp * sy) + (cr * cy), (cr * sp * sy) - (sr * cy) },
            { -sp, sr * cp, cr * cp },
        };
        double th = Math.Tan(hfov * Rad / 2), tv = Math.Tan(vfov * Rad / 2);
        var corners = new List<(double, double)>();
        foreach (var (a, b) in new[] { (-1, -1), (1, -1), (1, 1), (-1, 1) })
        {
            double[] v = [1, a * th, b * tv];
            double n = (r[0, 0] * v[0]) + (r[0, 1] * v[1]) + (r[0, 2] * v[2]);
            double e = (r[1, 0] * v[0]) + (r[1, 1] * v[1]) + (r[1, 2] * v[2]);
            double d = (r[2, 0] * v[0]) + (r[2, 1] * v[1]) + (r[2, 2] * v[2]);
            var horizontal = Math.Sqrt((n * n) + (e * e));
            var ground = d > 0 ? height / d * horizontal : double.PositiveInfinity;
            var s = Math.Min(ground, maxRange) / horizontal;
            corners.Add((n * s, e * s));
        }

        return corners;
    }

    /// <summary>North/east metres between two nearby WGS84 points from the ellipsoid's radii of curvature at the first.</summary>
    private static (double N, double E) Offset(double lat0, double lon0, double lat, double lon)
    {
        const double a = 6378137.0, f = 1 / 298.257223563;
        var e2 = f * (2 - f);
        var s = Math.Sin(lat0 * Rad);
        var w = Math.Sqrt(1 - (e2 * s * s));
        return ((lat - lat0) * Rad * a * (1 - e2) / (w * w * w), (lon - lon0) * Rad * a / w * Math.Cos(lat0 * Rad));
    }

    /// <summary>Every pinhole corner has a footprint vertex within 0.1 m plus 0.2 % of its ground range.</summary>
    private static void AssertFootprintMatchesPinhole(CameraCapture c, double maxRange)
    {
        var footprint = Assert.IsType<Polygon>(c.Footprint);
        var lat0 = c.CameraLatitudeDegrees!.Value;
        var lon0 = c.CameraLongitudeDegrees!.Value;
        var vertices = footprint.ExteriorRing.Coordinates.Select(v => Offset(lat0, lon0, v.Y, v.X)).ToList();
        var expected = Pinhole(c.HeightMeters, c.GimbalYawDegrees, c.GimbalPitchDegrees, c.GimbalRollDegrees, c.HorizontalFovDegrees, c.VerticalFovDegrees, maxRange);
        foreach (var (n, e) in expected)
        {
            var miss = vertices.Min(v => Math.Sqrt(((v.N - n) * (v.N - n)) + ((v.E - e) * (v.E - e))));
            Assert.True(miss < 0.1 + (0.002 * Math.Sqrt((n * n) + (e * e))),
                string.Create(CultureInfo.InvariantCulture, $"corner ({n:F2} N, {e:F2} E) of the capture at {c.Utc:O} is {miss:F3} m from the nearest footprint vertex"));
        }

        // A footprint that reaches the range limit along a ray pointing at or above the horizon is unbounded.
        var upward = c.GimbalPitchDegrees + (c.VerticalFovDegrees / 2) >= 0;
        Assert.Equal(upward, c.Unbounded);
    }

    /// <summary>Each footprint in the JSON is a GeoJSON Polygon whose ring is closed and counter-clockwise (shoelace &gt; 0).</summary>
    private static void AssertJsonFootprintsAreClosedCounterClockwise(CheckResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            CheckJson.WriteCheck(w, result);
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        var captures = doc.RootElement.GetProperty("captures").EnumerateArray().ToList();
        Assert.NotEmpty(captures);
        Assert.All(captures, c =>
        {
            var fp = c.GetProperty("footprint");
            Assert.Equal("Polygon", fp.GetProperty("type").GetString());
            var ring = fp.GetProperty("coordinates")[0].EnumerateArray().Select(p => (X: p[0].GetDouble(), Y: p[1].GetDouble())).ToList();
            Assert.True(ring.Count >= 4);
            Assert.Equal(ring[0], ring[^1]);
            var twiceArea = 0.0;
            for (var i = 0; i + 1 < ring.Count; i++)
            {
                twiceArea += (ring[i].X * ring[i + 1].Y) - (ring[i + 1].X * ring[i].Y);
            }

            Assert.True(twiceArea > 0);
            foreach (var name in new[] { "cameraLatitudeDeg", "cameraLongitudeDeg", "headingDeg", "pitchDeg", "horizontalFovDeg", "verticalFovDeg" })
            {
                Assert.Equal(JsonValueKind.Number, c.GetProperty(name).ValueKind);
            }

            Assert.Equal("assumption", c.GetProperty("fovSource").GetString());
            Assert.True(c.TryGetProperty("cameraAltitudeMslM", out _));
            Assert.True(c.TryGetProperty("unbounded", out _));
        });
    }

    private sealed record ReferenceFrame(DateTimeOffset Utc, double Lat, double Lon, double Height, double GimbalPitch, double GimbalYaw);

    /// <summary>The reference decoder's frames (dji-log-parser 0.5.7, samples/dji/reference) of one flight record.</summary>
    private static List<ReferenceFrame> ReferenceFrames(string stem)
    {
        var lines = File.ReadAllLines(Samples.Require("dji", "reference", stem + ".frames.csv"));
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        int utc = Col("custom_dateTime"), lat = Col("osd_latitude_deg"), lon = Col("osd_longitude_deg"), h = Col("osd_height_m");
        int gp = Col("gimbal_pitch_deg"), gy = Col("gimbal_yaw_deg");
        double D(string[] f, int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return [.. lines.Skip(1).Select(l => l.Split(',')).Select(f => new ReferenceFrame(
            DateTimeOffset.Parse(f[utc], CultureInfo.InvariantCulture), D(f, lat), D(f, lon), D(f, h), D(f, gp), D(f, gy)))];
    }

    [SampleFact]
    public void Dji_flight_record_photo_footprints_match_a_pinhole_and_the_reference_pose()
    {
        const string stem = "IgorKilipenko_DJIFlightRecord_2018-10-03_[13-23-50]";
        var log = Read(Samples.Require("dji", "txt", stem + ".txt"));
        var result = InfrastructureCheck.Run(log, [Everything(log)]);
        var frames = ReferenceFrames(stem);
        var photos = result.Captures.Where(c => c.Kind == "photo").ToList();

        // MANIFEST: 88 photos in this record.
        Assert.Equal(88, photos.Count);
        Assert.All(photos, c =>
        {
            var nearest = frames.MinBy(f => Math.Abs((f.Utc - c.Utc!.Value).TotalSeconds))!;
            Assert.True(Math.Abs((nearest.Utc - c.Utc!.Value).TotalSeconds) < 0.2);
            Assert.Equal(nearest.GimbalPitch, c.GimbalPitchDegrees, 1);
            Assert.InRange(Math.Abs(Math.IEEERemainder(nearest.GimbalYaw - c.GimbalYawDegrees, 360)), 0, 0.5);
            Assert.InRange(Math.Abs(nearest.Height - c.HeightMeters), 0, 0.5);
            var (dn, de) = Offset(nearest.Lat, nearest.Lon, c.CameraLatitudeDegrees!.Value, c.CameraLongitudeDegrees!.Value);
            Assert.InRange(Math.Sqrt((dn * dn) + (de * de)), 0, 2);
            AssertFootprintMatchesPinhole(c, CameraOptions.Default.MaxGroundRangeMeters);
        });
        AssertJsonFootprintsAreClosedCounterClockwise(result);
    }

    [SampleTheory]
    [InlineData("pierotofy_brighton_DJI_0025.JPG")]
    [InlineData("thermalparser_H20N_DJI_0006_R.JPG")]
    [InlineData("thermalparser_DJI_H20T.jpg")]
    [InlineData("thermalparser_DJI_XT2.jpg")]
    public void Dji_photo_footprint_matches_a_pinhole_from_the_exiftool_pose(string file)
    {
        using var reference = JsonDocument.Parse(File.ReadAllText(Samples.Require("dji-photos", "reference", file + ".exiftool.json")));
        var tags = reference.RootElement.ValueKind == JsonValueKind.Array ? reference.RootElement[0] : reference.RootElement;
        double Tag(string name) => tags.GetProperty(name) is { ValueKind: JsonValueKind.Number } n
            ? n.GetDouble()
            : double.Parse(tags.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

        var log = Read(Samples.Require("dji-photos", file));
        var result = InfrastructureCheck.Run(log, [Everything(log)]);

        var c = Assert.Single(result.Captures);
        Assert.Equal(Tag("XMP-drone-dji:GimbalPitchDegree"), c.GimbalPitchDegrees, 2);
        Assert.Equal(Tag("XMP-drone-dji:GimbalYawDegree"), c.GimbalYawDegrees, 2);
        Assert.Equal(Tag("XMP-drone-dji:RelativeAltitude"), c.HeightMeters, 2);
        Assert.Equal(Tag("Composite:GPSLatitude"), c.CameraLatitudeDegrees!.Value, 6);
        Assert.Equal(Tag("Composite:GPSLongitude"), c.CameraLongitudeDegrees!.Value, 6);
        Assert.Equal(Tag("XMP-drone-dji:AbsoluteAltitude"), c.CameraAltitudeMslMeters!.Value, 2);
        AssertFootprintMatchesPinhole(c, CameraOptions.Default.MaxGroundRangeMeters);
        AssertJsonFootprintsAreClosedCounterClockwise(result);
    }
}
