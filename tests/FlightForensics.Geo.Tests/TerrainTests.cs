using System.Buffers.Binary;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using Xunit;

namespace FlightForensics.Geo.Tests;

public sealed class TerrainTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Synthetic 3″ SRTM tile N47E008: terrain rises 1 m per column eastwards from 500 m (1200 m per degree).</summary>
    private string SyntheticTile(string name = "N47E008.hgt")
    {
        var bytes = new byte[1201 * 1201 * 2];
        for (var row = 0; row < 1201; row++)
        {
            for (var col = 0; col < 1201; col++)
            {
                BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * ((row * 1201) + col)), (short)(500 + col));
            }
        }

        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(2 * ((600 * 1201) + 1200)), short.MinValue); // one void
        return _files.Write(name, bytes);
    }

    [Fact]
    public void SyntheticHgtBilinearHeightsAndVoid()
    {
        var dem = SrtmElevationModel.Load([SyntheticTile()]);

        Assert.Equal(500, dem.HeightMeters(47.5, 8.0), 6);
        Assert.Equal(1100, dem.HeightMeters(47.2, 8.5), 6);
        Assert.Equal(500 + (0.25 * 1200), dem.HeightMeters(47.9, 8.25), 6);
        Assert.True(double.IsNaN(dem.HeightMeters(47.5, 9.0)));   // next to the void
        Assert.True(double.IsNaN(dem.HeightMeters(46.5, 8.5)));   // outside the tile
    }

    [Fact]
    public void SyntheticHgtWithWrongNameOrSizeIsRefused()
    {
        var wrongName = _files.Write("tile.hgt", new byte[1201 * 1201 * 2]);
        var wrongSize = _files.Write("N47E008.hgt", new byte[1000]);
        Assert.Throws<LayerUnreadableException>(() => SrtmElevationModel.Load([wrongName]));
        Assert.Throws<LayerUnreadableException>(() => SrtmElevationModel.Load([wrongSize]));
    }

    [Fact]
    public void SyntheticHeightAboveGroundDerivedFromTerrainWhenTheLogHasNone()
    {
        var dem = SrtmElevationModel.Load([SyntheticTile()]);
        // Takeoff at lon 8.5 (terrain 1100 m); hover 100 m above takeoff at lon 8.51 (terrain 1112 m): 88 m above ground.
        var frame = new SyntheticFrame(47.5, 8.5);
        var (east, north) = frame.Projection.Forward(47.5, 8.51);
        var site = SyntheticFrame.Feature("site", "energy", frame.Square(east, north, 50));
        var log = SyntheticFrame.Log([
            frame.Sample(0, 0, 0, heightAboveTakeoff: 0),
            frame.Sample(east, north, 20, heightAboveTakeoff: 100),
            frame.Sample(east, north, 40, heightAboveTakeoff: 100),
        ]);

        var result = InfrastructureCheck.Run(log, [SyntheticFrame.Layer(site)], new CheckOptions { Terrain = dem });

        var pass = Assert.Single(result.Overflights);
        // Heights above ground are interpolated between samples like every height: 0 m at takeoff, 88 m at the hover
        // point, so the entry 25 m west of it (the track runs east, north ≈ 0) is at 88·(east − 25)/east.
        Assert.Equal(88 * (east - 25) / east, pass.MinHeightAboveGroundMeters!.Value, 1);
        Assert.Contains(result.Notes, n => n.Contains("N47E008.hgt", StringComparison.Ordinal));
    }
}
