using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FlightForensics.Geo.Model;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// ESRI Shapefile: the .shp geometry (points, multipoints, polylines, polygons and their Z/M variants; Z and M dropped),
/// attributes from the .dbf beside it, the .prj checked for a geographic WGS84 system
/// (ESRI Shapefile Technical Description, July 1998; dBASE III+ table layout).
/// </summary>
internal static class ShapefileLayerReader
{
    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options)
    {
        var builder = new LayerBuilder(file.FileName, options);
        var companions = new List<CompanionFile>();
        var dbfPath = Companion(file.FullPath, ".dbf");
        var prjPath = Companion(file.FullPath, ".prj");
        var shxPath = Companion(file.FullPath, ".shx");
        foreach (var path in new[] { shxPath, dbfPath, prjPath })
        {
            if (path is not null)
            {
                var bytes = File.ReadAllBytes(path);
                companions.Add(new CompanionFile(Path.GetFileName(path), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            }
        }

        if (prjPath is not null)
        {
            var prj = File.ReadAllText(prjPath, Encoding.Latin1);
            if (prj.Contains("PROJCS", StringComparison.OrdinalIgnoreCase))
            {
                throw new LayerUnreadableException($"{file.FileName}: the .prj declares a projected system; reproject the layer to WGS84 longitude/latitude first");
            }

            if (!prj.Contains("WGS", StringComparison.OrdinalIgnoreCase) || !prj.Contains("84", StringComparison.Ordinal))
            {
                builder.Diagnose(LayerDiagnosticKind.Note, Path.GetFileName(prjPath), "geographic system other than WGS84 read as WGS84 (datum shifts of a few metres are not applied)");
            }
        }
        else
        {
            builder.Diagnose(LayerDiagnosticKind.Note, file.FileName, "no .prj beside the .shp: coordinates assumed WGS84 longitude/latitude");
        }

        var records = dbfPath is null ? null : ReadDbf(dbfPath, builder);
        if (dbfPath is null)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, file.FileName, "no .dbf beside the .shp: features have no attributes");
        }

        var data = File.ReadAllBytes(file.FullPath);
        if (data.Length < 100)
        {
            throw new LayerUnreadableException($"{file.FileName}: shorter than the 100-byte Shapefile header");
        }

        var declared = (long)BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(24)) * 2;
        if (declared != data.Length)
        {
            builder.Diagnose(LayerDiagnosticKind.Damaged, "offset 24", string.Create(CultureInfo.InvariantCulture, $"header says {declared} bytes, file has {data.Length}"));
        }

        var pos = 100;
        var index = 0;
        while (pos + 8 <= data.Length)
        {
            var number = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
            var length = (long)BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos + 4)) * 2;
            var location = string.Create(CultureInfo.InvariantCulture, $"record {number} at offset {pos}");
            if (length < 4 || pos + 8 + length > data.Length)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, location, string.Create(CultureInfo.InvariantCulture, $"record length {length} runs past the end; reading stopped"));
                break;
            }

            var content = data.AsSpan(pos + 8, (int)length);
            var tags = records is not null && index < records.Count ? records[index] : new Dictionary<string, string>(StringComparer.Ordinal);
            Geometry? geometry = null;
            try
            {
                geometry = ReadShape(content, builder, location);
            }
            catch (ArgumentOutOfRangeException)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, location, "record content shorter than its point counts need");
            }

            if (geometry is not null)
            {
                var id = builder.IdFromProperty(tags) ?? IdField(tags) ?? string.Create(CultureInfo.InvariantCulture, $"record/{number}");
                builder.Add(id, builder.NameOf(tags) ?? NameField(tags), builder.ClassifyUser(tags), geometry, tags, location);
            }

            pos += 8 + (int)length;
            index++;
        }

        builder.Count("records", index);
        if (records is not null && records.Count != index)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, file.FileName, string.Create(CultureInfo.InvariantCulture, $".shp has {index} records, .dbf {records.Count}"));
        }

        var layer = builder.Build(file, "shapefile", null);
        return new InfrastructureLayer
        {
            FileName = layer.FileName, FullPath = layer.FullPath, Bytes = layer.Bytes, Sha256 = layer.Sha256, Format = layer.Format,
            Features = layer.Features, Diagnostics = layer.Diagnostics, Attribution = null, Companions = companions,
            SourceCounts = layer.SourceCounts, SkippedObjects = layer.SkippedObjects,
        };
    }

    private static string? Companion(string shpPath, string extension)
    {
        var dir = Path.GetDirectoryName(shpPath) ?? ".";
        var stem = Path.GetFileNameWithoutExtension(shpPath);
        foreach (var candidate in new[] { extension, extension.ToUpperInvariant() })
        {
            var p = Path.Combine(dir, stem + candidate);
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }

    private static string? IdField(Dictionary<string, string> tags)
    {
        foreach (var key in new[] { "OBJECTID", "FID", "ID", "GID", "id" })
        {
            if (tags.TryGetValue(key, out var v) && v.Length > 0)
            {
                return $"{key}/{v}";
            }
        }

        return null;
    }

    private static string? NameField(Dictionary<string, string> tags) =>
        tags.FirstOrDefault(kv => kv.Key.Contains("NAME", StringComparison.OrdinalIgnoreCase) && kv.Value.Length > 0).Value
        ?? tags.FirstOrDefault(kv => kv.Value.Length > 0 && !double.TryParse(kv.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).Value;

    private static Geometry? ReadShape(ReadOnlySpan<byte> c, LayerBuilder builder, string location)
    {
        var f = LayerBuilder.Factory;
        var type = BinaryPrimitives.ReadInt32LittleEndian(c);
        switch (type)
        {
            case 0:
                return null; // null shape
            case 1 or 11 or 21:
                return f.CreatePoint(new Coordinate(D(c, 4), D(c, 12)));
            case 8 or 18 or 28:
                var n = Count(c, 36, 10_000_000);
                var multi = new Point[n];
                for (var i = 0; i < n; i++)
                {
                    multi[i] = f.CreatePoint(new Coordinate(D(c, 40 + (16 * i)), D(c, 48 + (16 * i))));
                }

                return f.CreateMultiPoint(multi);
            case 3 or 13 or 23 or 5 or 15 or 25:
                var parts = Count(c, 36, 10_000_000);
                var points = Count(c, 40, 100_000_000);
                var starts = new int[parts];
                for (var i = 0; i < parts; i++)
                {
                    starts[i] = BinaryPrimitives.ReadInt32LittleEndian(c[(44 + (4 * i))..]);
                }

                var xy = 44 + (4 * parts);
                var lists = new List<Coordinate[]>();
                for (var i = 0; i < parts; i++)
                {
                    var start = starts[i];
                    var end = i + 1 < parts ? starts[i + 1] : points;
                    if (start < 0 || end > points || end < start)
                    {
                        builder.Diagnose(LayerDiagnosticKind.Damaged, location, "part index outside the point array");
                        return null;
                    }

                    var coords = new Coordinate[end - start];
                    for (var k = start; k < end; k++)
                    {
                        coords[k - start] = new Coordinate(D(c, xy + (16 * k)), D(c, xy + (16 * k) + 8));
                    }

                    lists.Add(coords);
                }

                return type is 3 or 13 or 23 ? Lines(lists) : Polygons(lists, builder, location);
            default:
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, string.Create(CultureInfo.InvariantCulture, $"shape type {type} not supported (multipatch?)"));
                return null;
        }
    }

    private static int Count(ReadOnlySpan<byte> c, int at, int max)
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(c[at..]);
        return n < 0 || n > max ? throw new ArgumentOutOfRangeException(nameof(c), "count out of range") : n;
    }

    private static double D(ReadOnlySpan<byte> c, int at) => BinaryPrimitives.ReadDoubleLittleEndian(c[at..]);

    private static Geometry Lines(List<Coordinate[]> parts)
    {
        var lines = parts.Where(p => p.Length >= 2).Select(p => LayerBuilder.Factory.CreateLineString(p)).ToArray();
        return lines.Length == 1 ? lines[0] : LayerBuilder.Factory.CreateMultiLineString(lines);
    }

    /// <summary>Clockwise rings are outer boundaries, counter-clockwise rings holes of the outer ring that holds them.</summary>
    private static Geometry? Polygons(List<Coordinate[]> parts, LayerBuilder builder, string location)
    {
        var shells = new List<(LinearRing Ring, Polygon Poly, List<LinearRing> Holes)>();
        var holes = new List<LinearRing>();
        foreach (var part in parts)
        {
            var ring = builder.Ring(part, location);
            if (ring is null)
            {
                continue;
            }

            if (Orientation.IsCCW(ring.CoordinateSequence))
            {
                holes.Add(ring);
            }
            else
            {
                shells.Add((ring, LayerBuilder.Factory.CreatePolygon(ring), []));
            }
        }

        foreach (var hole in holes)
        {
            var probe = LayerBuilder.Factory.CreatePoint(hole.GetCoordinateN(0));
            var owner = shells.FirstOrDefault(s => s.Poly.Covers(probe));
            if (owner.Ring is null)
            {
                // A counter-clockwise ring outside every shell: writers that ignore orientation; keep it as a shell.
                builder.Diagnose(LayerDiagnosticKind.Repaired, location, "counter-clockwise ring outside every outer ring kept as an outer ring");
                shells.Add((hole, LayerBuilder.Factory.CreatePolygon(hole), []));
                continue;
            }

            owner.Holes.Add(hole);
        }

        var polygons = shells.Select(s => LayerBuilder.Factory.CreatePolygon(s.Ring, [.. s.Holes])).ToArray();
        return polygons.Length switch
        {
            0 => null,
            1 => polygons[0],
            _ => LayerBuilder.Factory.CreateMultiPolygon(polygons),
        };
    }

    /// <summary>dBASE table: header, 32-byte field descriptors up to 0x0D, fixed-width records with a deletion flag.</summary>
    private static List<Dictionary<string, string>> ReadDbf(string path, LayerBuilder builder)
    {
        var data = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        var result = new List<Dictionary<string, string>>();
        if (data.Length < 32)
        {
            builder.Diagnose(LayerDiagnosticKind.Damaged, name, "shorter than a dBASE header; attributes ignored");
            return result;
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(8));
        var recordLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(10));
        var encoding = Encoding.Latin1;
        var cpg = Path.ChangeExtension(path, ".cpg");
        if (File.Exists(cpg) && File.ReadAllText(cpg).Contains("UTF", StringComparison.OrdinalIgnoreCase))
        {
            encoding = Encoding.UTF8;
        }

        var fields = new List<(string Name, int Offset, int Length)>();
        var offset = 1;
        for (var p = 32; p + 32 <= data.Length && p < headerLength && data[p] != 0x0D; p += 32)
        {
            var nameBytes = data.AsSpan(p, 11);
            var end = nameBytes.IndexOf((byte)0);
            var fieldName = Encoding.ASCII.GetString(end < 0 ? nameBytes : nameBytes[..end]).Trim();
            var length = data[p + 16];
            fields.Add((fieldName, offset, length));
            offset += length;
        }

        if (recordLength == 0 || offset > recordLength)
        {
            builder.Diagnose(LayerDiagnosticKind.Damaged, name, "field lengths exceed the record length; attributes ignored");
            return result;
        }

        for (long i = 0; i < count; i++)
        {
            var start = headerLength + (i * recordLength);
            if (start + recordLength > data.Length)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, name, string.Create(CultureInfo.InvariantCulture, $"table ends after {i} of {count} records"));
                break;
            }

            var record = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (fieldName, fo, fl) in fields)
            {
                var value = encoding.GetString(data, (int)start + fo, fl).Trim();
                if (value.Length > 0)
                {
                    record[fieldName] = value;
                }
            }

            result.Add(record);
        }

        return result;
    }
}
