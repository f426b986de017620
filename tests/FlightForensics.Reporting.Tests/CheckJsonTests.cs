using System.Text.Json;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Tests;
using FlightForensics.Reporting.Exports;
using FlightForensics.TestSupport;
using Xunit;

namespace FlightForensics.Reporting.Tests;

/// <summary>The check JSON and layer-summary JSON (<see cref="CheckJson"/>) carry every contract field.</summary>
public sealed class CheckJsonTests
{
    private static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        using var memory = new MemoryStream();
        using (var w = new Utf8JsonWriter(memory))
        {
            write(w);
        }

        return JsonDocument.Parse(memory.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void SyntheticCheckJsonHasEveryContractField()
    {
        var frame = new SyntheticFrame();
        var site = SyntheticFrame.Feature("way/1", "energy", frame.Square(0, 0, 100), "Substation");
        var mast = SyntheticFrame.Feature("node/2", "telecom", frame.PointAt(300, 80));
        var log = SyntheticFrame.Log(
            [frame.Sample(-100, 40, 0, gimbalPitch: -90), frame.Sample(400, 40, 25, gimbalPitch: -90)],
            [new FlightEvent { Kind = FlightEventKind.Photo, TimeUtc = SyntheticFrame.T0.AddSeconds(5), SourceOffset = 9 }]);
        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site, mast)]);

        var json = Write(w => CheckJson.WriteCheck(w, result));

        string[] flight = ["file", "sha256", "format", "startUtc", "endUtc"];
        Assert.All(flight, k => Assert.True(json.GetProperty("flight").TryGetProperty(k, out _), k));
        Assert.All(["file", "sha256", "features"], k => Assert.True(json.GetProperty("layers")[0].TryGetProperty(k, out _), k));
        var o = json.GetProperty("overflights")[0];
        Assert.All(["featureId", "name", "category", "layer", "entryUtc", "exitUtc", "durationS", "minHeightAboveTakeoffM", "minHeightAboveGroundM"],
            k => Assert.True(o.TryGetProperty(k, out _), k));
        Assert.Equal("way/1", o.GetProperty("featureId").GetString());
        Assert.Equal("2024-05-01T10:00:02.500Z", o.GetProperty("entryUtc").GetString()); // x = -50 at 50/20 s
        var p = json.GetProperty("proximity")[0];
        Assert.All(["featureId", "name", "category", "closestApproachM", "atUtc"], k => Assert.True(p.TryGetProperty(k, out _), k));
        Assert.Equal(40.0, p.GetProperty("closestApproachM").GetDouble(), 2);
        var c = json.GetProperty("captures")[0];
        Assert.All(["featureId", "name", "category", "utc", "kind", "slantRangeM"], k => Assert.True(c.TryGetProperty(k, out _), k));
        Assert.Equal("photo", c.GetProperty("kind").GetString());
    }

    [SampleFact]
    public void LayerSummaryJsonOfUsMilitaryShapefile()
    {
        var layer = LayerReader.Read(Samples.Require("geo", "us_military.shp"));
        var json = Write(w => CheckJson.WriteLayerSummary(w, LayerSummary.Of(layer)));

        Assert.Equal(328, json.GetProperty("features").GetInt32());
        Assert.Equal(328, json.GetProperty("byGeometry").GetProperty("polygon").GetInt32());
        Assert.Equal(64.877888, json.GetProperty("bounds").GetProperty("maxLatitudeDeg").GetDouble(), 5);
        // sha256sum us_military.shp
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Samples.Require("geo", "us_military.shp")))), json.GetProperty("sha256").GetString());
        Assert.Equal(3, json.GetProperty("companions").GetArrayLength());
    }
}
