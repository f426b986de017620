using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FlightForensics.Geo.Layers;

namespace FlightForensics.Geo.Analysis;

/// <summary>
/// Terrain heights from SRTM <c>.hgt</c> tiles: a square grid of big-endian signed 16-bit metres above the geoid,
/// rows north to south, 1201 (3″) or 3601 (1″) samples a side, -32768 for voids. The file has no header: the
/// tile's south-west corner comes from its name (<c>N47E008.hgt</c>), the grid size from its length.
/// </summary>
public sealed partial class SrtmElevationModel
{
    private readonly List<Tile> _tiles = [];

    public IReadOnlyList<string> Files => [.. _tiles.Select(t => $"{t.FileName} sha256:{t.Sha256}")];

    /// <summary>Each tile's file name, SHA-256 and size in bytes (provenance for reports).</summary>
    public IReadOnlyList<(string FileName, string Sha256, long Bytes)> Tiles => [.. _tiles.Select(t => (t.FileName, t.Sha256, 2L * t.Size * t.Size))];

    public static SrtmElevationModel Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var model = new SrtmElevationModel();
        foreach (var path in paths)
        {
            model._tiles.Add(Tile.Load(path));
        }

        return model;
    }

    /// <summary>Bilinear terrain height in metres, NaN outside the tiles or next to a void.</summary>
    public double HeightMeters(double latitude, double longitude)
    {
        foreach (var tile in _tiles)
        {
            if (tile.Covers(latitude, longitude))
            {
                return tile.Height(latitude, longitude);
            }
        }

        return double.NaN;
    }

    private sealed class Tile
    {
        private readonly short[] _heights;

        private Tile(string fileName, string sha256, int south, int west, int size, short[] heights)
        {
            FileName = fileName;
            Sha256 = sha256;
            South = south;
            West = west;
            Size = size;
            _heights = heights;
        }

        public string FileName { get; }
        public string Sha256 { get; }
        public int South { get; }
        public int West { get; }
        public int Size { get; }

        public static Tile Load(string path)
        {
            var name = Path.GetFileName(path);
            var m = TileName().Match(name);
            if (!m.Success)
            {
                throw new LayerUnreadableException($"{name}: an SRTM tile must be named like N47E008.hgt (the name gives its position)");
            }

            var info = new FileInfo(path);
            var size = info.Length switch
            {
                1201L * 1201 * 2 => 1201,
                3601L * 3601 * 2 => 3601,
                _ => throw new LayerUnreadableException($"{name}: {info.Length} bytes is neither a 1201² nor a 3601² SRTM grid"),
            };
            var bytes = File.ReadAllBytes(path);
            var heights = new short[size * size];
            for (var i = 0; i < heights.Length; i++)
            {
                heights[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(2 * i));
            }

            var lat = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * (m.Groups[1].Value is "S" or "s" ? -1 : 1);
            var lon = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) * (m.Groups[3].Value is "W" or "w" ? -1 : 1);
            return new Tile(name, Convert.ToHexStringLower(SHA256.HashData(bytes)), lat, lon, size, heights);
        }

        public bool Covers(double lat, double lon) => lat >= South && lat <= South + 1 && lon >= West && lon <= West + 1;

        public double Height(double lat, double lon)
        {
            var step = Size - 1;
            var row = (South + 1 - lat) * step;
            var col = (lon - West) * step;
            var r0 = Math.Clamp((int)Math.Floor(row), 0, step - 1);
            var c0 = Math.Clamp((int)Math.Floor(col), 0, step - 1);
            double fr = row - r0, fc = col - c0;
            double h00 = At(r0, c0), h01 = At(r0, c0 + 1), h10 = At(r0 + 1, c0), h11 = At(r0 + 1, c0 + 1);
            return ((1 - fr) * (((1 - fc) * h00) + (fc * h01))) + (fr * (((1 - fc) * h10) + (fc * h11)));
        }

        private double At(int row, int col)
        {
            var v = _heights[(row * Size) + col];
            return v == short.MinValue ? double.NaN : v;
        }
    }

    [GeneratedRegex(@"^([NSns])(\d{2})([EWew])(\d{3})", RegexOptions.CultureInvariant)]
    private static partial Regex TileName();
}
