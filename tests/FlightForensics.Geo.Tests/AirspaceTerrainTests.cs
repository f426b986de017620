using System.Buffers.Binary;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>AGL zone limits with and without a terrain model (synthetic tile and zone).</summary>
public sealed class AirspaceTerrainTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void SyntheticAglZoneJudgedWithDemHeightsElseHeightAboveTakeoff()
    {
        // Synthetic 3″ tile N47E008: 100 m west of 8.5° E, 40 m east of it (a 60 m step down into a valley).
        var tile = new byte[1201 * 1201 * 2];
        for (var i = 0; i < 1201 * 1201; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(tile.AsSpan(2 * i), (short)(i % 1201 < 600 ? 100 : 40));
        }

        var dem = SrtmElevationModel.Load([_files.Write("N47E008.hgt", tile)]);
        var zones = LayerReader.Read(_files.Write("zones.json", """
            {"UASZoneList":[{"identifier":"VALLEY","restriction":"REQ_AUTHORISATION","geometry":[{"uomDimensions":"M","lowerLimit":0,"lowerVerticalReference":"AGL",
             "upperLimit":120,"upperVerticalReference":"AGL","horizontalProjection":{"type":"Polygon","coordinates":[[[8.785,47.49],[8.815,47.49],[8.815,47.51],[8.785,47.51],[8.785,47.49]]]}}]}]}
            """));
        var t0 = new DateTimeOffset(2026, 8, 20, 12, 0, 0, TimeSpan.Zero);
        TelemetrySample At(double seconds, double lon, double heightAboveTakeoff) => new()
        {
            TimeUtc = t0.AddSeconds(seconds), LatitudeDegrees = 47.5, LongitudeDegrees = lon, HeightAboveTakeoffMeters = heightAboveTakeoff,
        };
        // Takeoff on the 100 m plateau, then 100 m above takeoff over the valley zone: 100 + 100 − 40 = 160 m above ground.
        var log = SyntheticFrame.Log([At(0, 8.2, 0), At(10, 8.79, 100), At(20, 8.80, 100), At(30, 8.81, 100)]);
        var options = new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } };

        var withDem = Assert.Single(InfrastructureCheck.Run(log, [zones], options with { Terrain = dem }).Airspace);
        Assert.Equal("above", withDem.Verdict);
        Assert.Equal(120 - 160, withDem.VerticalMarginMeters!.Value, 6);
        Assert.Equal("dem", withDem.HeightSource);

        // Without the DEM only height above takeoff is known: 100 m, inside the 120 m band (and the notes say so).
        var result = InfrastructureCheck.Run(log, [zones], options);
        var without = Assert.Single(result.Airspace);
        Assert.Equal("inside", without.Verdict);
        Assert.Equal(20, without.VerticalMarginMeters!.Value, 6);
        Assert.Equal("height-above-takeoff", without.HeightSource);
        Assert.Contains(result.Notes, n => n.Contains("height above takeoff", StringComparison.Ordinal));
    }
}
