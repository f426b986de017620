using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Tests;

/// <summary>Synthetic flights and layers laid out in metres around an origin (our own "encoder" for tests).</summary>
internal sealed class SyntheticFrame(double originLatitude = 47.0, double originLongitude = 8.0)
{
    public static readonly DateTimeOffset T0 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    public LocalProjection Projection { get; } = new(originLatitude, originLongitude);

    public (double Lat, double Lon) LatLon(double east, double north) => Projection.Inverse(east, north);

    public TelemetrySample Sample(double east, double north, double seconds, double? heightAboveTakeoff = 50, long offset = 0,
        double? gimbalPitch = null, double? gimbalYaw = null, bool? video = null, bool? photo = null, bool utc = true, double? agl = null)
    {
        var (lat, lon) = LatLon(east, north);
        return new TelemetrySample
        {
            TimeUtc = utc ? T0.AddSeconds(seconds) : null,
            ElapsedSeconds = seconds,
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            HeightAboveTakeoffMeters = heightAboveTakeoff,
            HeightAboveGroundMeters = agl,
            GimbalPitchDegrees = gimbalPitch,
            GimbalYawDegrees = gimbalYaw,
            IsRecordingVideo = video,
            PhotoTaken = photo,
            SourceOffset = offset,
        };
    }

    public Polygon Square(double centreEast, double centreNorth, double side)
    {
        var h = side / 2;
        return Polygon((centreEast - h, centreNorth - h), (centreEast + h, centreNorth - h), (centreEast + h, centreNorth + h), (centreEast - h, centreNorth + h));
    }

    public Polygon Polygon(params (double E, double N)[] ring)
    {
        var coords = ring.Append(ring[0]).Select(p => { var (lat, lon) = LatLon(p.E, p.N); return new Coordinate(lon, lat); }).ToArray();
        return Wgs84.CreatePolygon(coords);
    }

    public LineString Line(params (double E, double N)[] points) =>
        Wgs84.CreateLineString(points.Select(p => { var (lat, lon) = LatLon(p.E, p.N); return new Coordinate(lon, lat); }).ToArray());

    public Point PointAt(double east, double north)
    {
        var (lat, lon) = LatLon(east, north);
        return Wgs84.CreatePoint(new Coordinate(lon, lat));
    }

    public static InfrastructureFeature Feature(string id, string category, Geometry geometry, string? name = null) => new()
    {
        Id = id,
        Name = name ?? id,
        Category = category,
        Geometry = geometry,
        Layer = "synthetic-layer.geojson",
    };

    public static InfrastructureLayer Layer(params InfrastructureFeature[] features) => new()
    {
        FileName = "synthetic-layer.geojson",
        FullPath = "synthetic-layer.geojson",
        Bytes = 0,
        Sha256 = new string('0', 64),
        Format = "synthetic",
        Features = features,
    };

    public static FlightLog Log(IEnumerable<TelemetrySample> samples, IEnumerable<FlightEvent>? events = null, DateTimeOffset? start = null) => new()
    {
        Evidence = new EvidenceFile { FileName = "synthetic-flight", FullPath = "synthetic-flight", Bytes = 0, Sha256 = new string('1', 64) },
        FormatId = "synthetic",
        DecoderName = "synthetic",
        DecoderVersion = "0",
        StartUtc = start,
        Samples = [.. samples],
        Events = [.. events ?? []],
        Summary = new SampleSummary(),
    };
}
