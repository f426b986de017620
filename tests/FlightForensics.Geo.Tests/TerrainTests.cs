using System.Buffers.Binary;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
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
    public void SyntheticHgtWithWrongNameOrSizeIsSkippedWithADiagnostic()
    {
        var wrongName = _files.Write("tile.hgt", new byte[1201 * 1201 * 2]);
        var wrongSize = _files.Write("N46E008.hgt", new byte[1000]);

        var dem = SrtmElevationModel.Load([wrongName, wrongSize, SyntheticTile()]);

        Assert.Single(dem.Tiles);
        Assert.Contains(dem.Diagnostics, d => d.StartsWith("tile.hgt not used:", StringComparison.Ordinal) && d.Contains("N47E008", StringComparison.Ordinal));
        Assert.Contains(dem.Diagnostics, d => d.StartsWith("N46E008.hgt not used:", StringComparison.Ordinal) && d.Contains("1000 bytes", StringComparison.Ordinal));
        // The synthetic tile's one void is counted.
        Assert.Contains("N47E008.hgt: 1 void cell(s) (-32768): no height there, flat ground assumed", dem.Diagnostics);
        Assert.Equal(500, dem.HeightMeters(47.5, 8.0), 6);
    }

    [Fact]
    public void SyntheticFolderOfPlainAndZippedTilesLoadsEveryTile()
    {
        var folder = Path.Combine(_files.Folder, "dem");
        Directory.CreateDirectory(folder);
        File.Move(SyntheticTile(), Path.Combine(folder, "N47E008.hgt"));
        // As SRTM downloads come: N47E009.SRTMGL3.hgt.zip holding N47E009.hgt (same ramp, so 500 m at its west edge).
        var bytes = File.ReadAllBytes(Path.Combine(folder, "N47E008.hgt"));
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(folder, "N47E009.SRTMGL3.hgt.zip"), System.IO.Compression.ZipArchiveMode.Create))
        using (var entry = zip.CreateEntry("N47E009.hgt").Open())
        {
            entry.Write(bytes);
        }

        // A truncated archive entry: the stated length is not that of a tile, so nothing is allocated for it.
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(folder, "N47E010.hgt.zip"), System.IO.Compression.ZipArchiveMode.Create))
        using (var entry = zip.CreateEntry("N47E010.hgt").Open())
        {
            entry.Write(bytes.AsSpan(0, 4000));
        }

        File.WriteAllText(Path.Combine(folder, "readme.txt"), "not a tile");

        var dem = SrtmElevationModel.Load([folder]);

        Assert.Equal(["N47E008.hgt", "N47E009.SRTMGL3.hgt.zip!N47E009.hgt"], dem.Tiles.Select(t => t.FileName).Order(StringComparer.Ordinal));
        Assert.Equal(500 + (0.25 * 1200), dem.HeightMeters(47.9, 9.25), 6);
        Assert.Contains(dem.Diagnostics, d => d.StartsWith("N47E010.hgt.zip not used:", StringComparison.Ordinal) && d.Contains("4000 bytes", StringComparison.Ordinal));
        Assert.True(double.IsNaN(dem.HeightMeters(47.5, 10.5)));
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
