using FlightForensics.Geo.Analysis;
using NetTopologySuite.Geometries;

namespace FlightForensics.Reporting.Tests;

public class GeoReportMappingTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    [Fact]
    public void Geometry_kinds_map_to_polygons_with_holes_lines_and_points()
    {
        var shell = Factory.CreateLinearRing([new(13, 52), new(13.01, 52), new(13.01, 52.01), new(13, 52)]);
        var hole = Factory.CreateLinearRing([new(13.002, 52.001), new(13.004, 52.001), new(13.004, 52.003), new(13.002, 52.001)]);
        var collection = Factory.CreateGeometryCollection(
        [
            Factory.CreatePolygon(shell, [hole]),
            Factory.CreateLineString([new Coordinate(1, 2), new Coordinate(3, 4)]),
            Factory.CreateMultiPoint([Factory.CreatePoint(new Coordinate(5, 6))]),
        ]);
        var g = GeoReportMapping.ToGeometry(collection);
        Assert.Single(g.Polygons);
        Assert.Equal(2, g.Polygons[0].Count);
        Assert.Equal(new LonLat(13.01, 52), g.Polygons[0][0][1]);
        Assert.Equal(new LonLat(3, 4), g.Lines.Single()[1]);
        Assert.Equal(new LonLat(5, 6), g.Points.Single());
    }

    [Fact]
    public void Check_result_maps_to_findings_with_kind_severity_and_times()
    {
        var feature = new FeatureReference("osm:way/1", "Plant <x>", "power", null, "Polygon", "layer.geojson", new string('a', 64));
        var t0 = SyntheticFlights.Start.AddSeconds(10);
        var result = new CheckResult
        {
            Flight = new CheckedFlight("f", "s", "mavlink-tlog", null, null),
            Layers = [],
            Overflights = [new Overflight { Feature = feature, EntryUtc = t0, ExitUtc = t0.AddSeconds(5), DurationSeconds = 5, MinHeightAboveTakeoffMeters = 42, EntryLatitude = 52, EntryLongitude = 13 }],
            Proximity = [new CloseApproach { Feature = feature, ClosestApproachMeters = 12.5, AtSeconds = 7, Latitude = 52.1, Longitude = 13.1, BufferMeters = 50 }],
            Captures = [new CameraCapture { Feature = feature, Kind = "photo", HeightReference = "above takeoff", Utc = t0, SlantRangeMeters = 80 }],
            Projection = "p",
            Taxonomy = "t",
        };
        var findings = GeoReportMapping.Findings(result);
        Assert.Equal([FindingKind.Overflight, FindingKind.Proximity, FindingKind.Capture], findings.Select(f => f.Kind));
        Assert.Equal([FindingSeverity.High, FindingSeverity.Medium, FindingSeverity.Low], findings.Select(f => f.Severity));
        Assert.Equal(t0.AddSeconds(5), findings[0].ExitUtc);
        Assert.Equal(42, findings[0].MinHeightAboveTakeoffMeters);
        Assert.Null(findings[1].EntryUtc);
        Assert.Equal(7, findings[1].EntryElapsedSeconds);
        Assert.Equal(new LonLat(13.1, 52.1), findings[1].ClosestPosition);
        Assert.Equal(80, findings[2].SlantRangeMeters);
        Assert.Equal("Plant <x>", findings[0].FeatureName);
    }
}
