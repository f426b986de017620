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

    /// <summary>
    /// What could not be used, one line each: tiles skipped (bad name, size or archive) and tiles with voids. Heights there
    /// are unknown, so the check falls back to flat ground for the samples and rays concerned (and says so).
    /// </summary>
    public IReadOnlyList<string> Diagnostics => _diagnostics;

    private readonly List<string> _diagnostics = [];

    /// <summary>
    /// Loads tiles: <c>.hgt</c> files, zip archives holding one (as SRTM downloads come, <c>N47E008.SRTMGL1.hgt.zip</c>), or
    /// folders of either (their top level, in name order). A file that is not a usable tile is skipped with a diagnostic.
    /// </summary>
    public static SrtmElevationModel Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var model = new SrtmElevationModel();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".hgt", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                {
                    model._diagnostics.Add($"{Path.GetFileName(Path.TrimEndingDirectorySeparator(path))}: no .hgt or .zip tile in the folder");
                }

                files.ForEach(model.TryAdd);
            }
            else
            {
                model.TryAdd(path);
            }
        }

        return model;
    }

    private void TryAdd(string path)
    {
        try
        {
            var tile = Tile.Load(path);
            _tiles.Add(tile);
            if (tile.Voids > 0)
            {
                _diagnostics.Add(string.Create(CultureInfo.InvariantCulture, $"{tile.FileName}: {tile.Voids} void cell(s) (-32768): no height there, flat ground assumed"));
            }
        }
        catch (Exception ex) when (ex is LayerUnreadableException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _diagnostics.Add($"{Path.GetFileName(path)} not used: {ex.Message}");
        }
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

        private Tile(string fileName, string sha256, int south, int west, int size, byte[] bytes)
        {
            FileName = fileName;
            Sha256 = sha256;
            South = south;
            West = west;
            Size = size;
            _heights = new short[size * size];
            for (var i = 0; i < _heights.Length; i++)
            {
                _heights[i] = BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(2 * i));
                Voids += _heights[i] == short.MinValue ? 1 : 0;
            }
        }

        public string FileName { get; }
        public string Sha256 { get; }
        public int South { get; }
        public int West { get; }
        public int Size { get; }

        /// <summary>Cells holding the SRTM void value −32768.</summary>
        public int Voids { get; }

        public static Tile Load(string path)
        {
            if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                return LoadZip(path);
            }

            var name = Path.GetFileName(path);
            var (south, west) = Corner(name);
            var length = new FileInfo(path).Length;
            var size = SizeOf(length, name);
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length != length)
            {
                throw new LayerUnreadableException($"{name}: the file changed while it was read");
            }

            return new Tile(name, Convert.ToHexStringLower(SHA256.HashData(bytes)), south, west, size, bytes);
        }

        /// <summary>A zip holding one tile: the entry's name places it, its stated length is checked before anything is read.</summary>
        private static Tile LoadZip(string path)
        {
            var zipName = Path.GetFileName(path);
            using var archive = System.IO.Compression.ZipFile.OpenRead(path);
            var entry = archive.Entries.FirstOrDefault(e => e.Name.EndsWith(".hgt", StringComparison.OrdinalIgnoreCase))
                ?? throw new LayerUnreadableException($"{zipName}: the archive holds no .hgt tile");
            var (south, west) = Corner(entry.Name);
            var size = SizeOf(entry.Length, $"{zipName}!{entry.Name}");
            var bytes = new byte[entry.Length];
            using (var stream = entry.Open())
            {
                var read = 0;
                while (read < bytes.Length && stream.Read(bytes, read, bytes.Length - read) is var n and > 0)
                {
                    read += n;
                }

                if (read != bytes.Length)
                {
                    throw new LayerUnreadableException(string.Create(CultureInfo.InvariantCulture, $"{zipName}!{entry.Name}: truncated, {read} of {bytes.Length} bytes"));
                }
            }

            // Provenance is the file the examiner gave: the archive's hash, named with the entry inside it.
            using var file = File.OpenRead(path);
            return new Tile($"{zipName}!{entry.Name}", Convert.ToHexStringLower(SHA256.HashData(file)), south, west, size, bytes);
        }

        private static (int South, int West) Corner(string name)
        {
            var m = TileName().Match(name);
            if (!m.Success)
            {
                throw new LayerUnreadableException($"{name}: an SRTM tile must be named like N47E008.hgt (the name gives its position)");
            }

            var lat = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * (m.Groups[1].Value is "S" or "s" ? -1 : 1);
            var lon = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) * (m.Groups[3].Value is "W" or "w" ? -1 : 1);
            return (lat, lon);
        }

        private static int SizeOf(long length, string name) => length switch
        {
            1201L * 1201 * 2 => 1201,
            3601L * 3601 * 2 => 3601,
            _ => throw new LayerUnreadableException(string.Create(CultureInfo.InvariantCulture, $"{name}: {length} bytes is neither a 1201² nor a 3601² SRTM grid (truncated or not a tile)")),
        };

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
