using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.TestSupport;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// Property tests: the indexed, segment-by-segment engine against brute force with NTS's own overlay and distance
/// operations over every feature and the whole track, on random synthetic tracks and layers and on real layers.
/// </summary>
public sealed class IndexedVersusBruteForceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void SyntheticRandomTracksAndPolygonsMatchBruteForce(int seed)
    {
        var random = new Random(seed);
        var frame = new SyntheticFrame();
        var features = new List<InfrastructureFeature>();
        for (var i = 0; i < 60; i++)
        {
            // Random convex-ish polygons: 5-9 vertices on a jittered circle.
            double cx = random.Next(-1500, 1500), cy = random.Next(-1500, 1500), r = random.Next(20, 250);
            var n = random.Next(5, 10);
            var ring = Enumerable.Range(0, n).Select(k =>
            {
                var a = 2 * Math.PI * k / n;
                var rr = r * (0.6 + (0.4 * random.NextDouble()));
                return (cx + (rr * Math.Sin(a)), cy + (rr * Math.Cos(a)));
            }).ToArray();
            features.Add(SyntheticFrame.Feature($"poly/{i}", "hazmat", frame.Polygon(ring)));
        }

        var samples = new List<TelemetrySample>();
        double x = random.Next(-1000, 1000), y = random.Next(-1000, 1000);
        for (var t = 0; t < 300; t++)
        {
            samples.Add(frame.Sample(x, y, t, heightAboveTakeoff: 40 + (t % 7)));
            x += random.Next(-40, 41);
            y += random.Next(-40, 41);
        }

        var log = SyntheticFrame.Log(samples);
        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer([.. features])], new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } });

        // Brute force in the engine's own frame: NTS intersection of every segment with every polygon.
        var projection = new LocalProjection(result.Projection.Split(' ')[^1].Split(',') is [var la, var lo]
            ? double.Parse(la, System.Globalization.CultureInfo.InvariantCulture) : 0,
            double.Parse(result.Projection.Split(',')[^1], System.Globalization.CultureInfo.InvariantCulture));
        var factory = new GeometryFactory();
        var pts = samples.Select(s => projection.Forward(s.LatitudeDegrees!.Value, s.LongitudeDegrees!.Value)).ToArray();
        var trackLine = factory.CreateLineString(pts.Select(p => new Coordinate(p.East, p.North)).ToArray());
        var overflown = 0;
        foreach (var f in features)
        {
            var poly = projection.Project(f.Geometry);
            var insideSeconds = 0.0;
            for (var k = 0; k + 1 < pts.Length; k++)
            {
                var seg = factory.CreateLineString([new Coordinate(pts[k].East, pts[k].North), new Coordinate(pts[k + 1].East, pts[k + 1].North)]);
                if (seg.Length > 0)
                {
                    insideSeconds += poly.Intersection(seg).Length / seg.Length; // one second per segment
                }
            }

            var engineSeconds = result.Overflights.Where(o => o.Feature.FeatureId == f.Id).Sum(o => o.DurationSeconds!.Value);
            Assert.True(Math.Abs(insideSeconds - engineSeconds) < 1e-3, $"{f.Id}: brute force {insideSeconds:F6} s inside, engine {engineSeconds:F6} s");
            if (insideSeconds > 0)
            {
                overflown++;
                continue;
            }

            var distance = trackLine.Distance(poly);
            var close = result.Proximity.SingleOrDefault(p => p.Feature.FeatureId == f.Id);
            if (distance <= 150 - 1e-3)
            {
                Assert.NotNull(close);
                Assert.Equal(distance, close.ClosestApproachMeters, 3);
            }
            else if (distance > 150 + 1e-3)
            {
                Assert.Null(close);
            }
        }

        Assert.True(overflown > 0 || result.Proximity.Count > 0, "the random case exercised nothing");
    }

    [SampleFact]
    public void SyntheticFlightAcrossAndorraMatchesBruteForceOverEveryPolygon()
    {
        var layer = LayerReader.Read(Samples.Require("geo", "andorra-2023-05-02.osm.pbf"));
        var prison = layer.Features.Single(f => f.Subcategory == "prison");
        var centre = prison.Geometry.Centroid;
        var frame = new SyntheticFrame(centre.Y, centre.X);
        // A zig-zag flight 3 km wide through the prison's centroid, one sample every 2 s at 15 m/s.
        var samples = new List<TelemetrySample>();
        for (var i = 0; i <= 200; i++)
        {
            var east = -1500 + (15.0 * 2 * i);
            var north = 300 * Math.Sin(i / 10.0) * (i % 50 == 0 ? 0 : 1);
            samples.Add(frame.Sample(east, i == 100 ? 0 : north, 2 * i, heightAboveTakeoff: 60));
        }

        var log = SyntheticFrame.Log(samples);
        var result = InfrastructureCheck.Run(log, [layer], new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } });

        Assert.Contains(result.Overflights, o => o.Feature.FeatureId == prison.Id);
        var track = SyntheticFrame.Wgs84.CreateLineString([.. samples.Select(s => new Coordinate(s.LongitudeDegrees!.Value, s.LatitudeDegrees!.Value))]);
        var bruteForce = layer.Features.Where(f => f.Kind == GeometryKind.Polygon && f.Geometry.Intersects(track)).Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        var engine = result.Overflights.Where(o => o.AreaExpansionMeters == 0).Select(o => o.Feature.FeatureId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(bruteForce.Order(StringComparer.Ordinal), engine.Order(StringComparer.Ordinal));
        Assert.True(result.Layers[0].FeaturesNearTrack < layer.Features.Count / 2, "the index should leave most of the country out");
    }
}
