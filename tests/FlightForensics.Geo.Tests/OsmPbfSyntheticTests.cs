using System.Buffers.Binary;
using System.Text;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// OSM PBF written by a small encoder of our own (fileformat.proto / osmformat.proto field numbers): cases the real
/// extract does not have.
/// </summary>
public sealed class OsmPbfSyntheticTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static void Varint(List<byte> into, ulong value)
    {
        while (value >= 0x80)
        {
            into.Add((byte)(value | 0x80));
            value >>= 7;
        }

        into.Add((byte)value);
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static void Bytes(List<byte> into, int field, IReadOnlyCollection<byte> bytes)
    {
        Varint(into, (ulong)((field << 3) | 2));
        Varint(into, (ulong)bytes.Count);
        into.AddRange(bytes);
    }

    private static List<byte> Packed(IEnumerable<ulong> values)
    {
        var b = new List<byte>();
        foreach (var v in values)
        {
            Varint(b, v);
        }

        return b;
    }

    private static byte[] Blob(string type, List<byte> block)
    {
        var blob = new List<byte>();
        Bytes(blob, 1, block); // raw, uncompressed
        var header = new List<byte>();
        Bytes(header, 1, Encoding.ASCII.GetBytes(type));
        Varint(header, (3 << 3) | 0);
        Varint(header, (ulong)blob.Count);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, header.Count);
        return [.. length, .. header, .. blob];
    }

    [Fact]
    public void Synthetic_dense_nodes_split_into_several_chunks_are_read_as_one_list()
    {
        var headerBlock = new List<byte>();
        Bytes(headerBlock, 4, Encoding.ASCII.GetBytes("OsmSchema-V0.6"));
        Bytes(headerBlock, 4, Encoding.ASCII.GetBytes("DenseNodes"));

        var strings = new List<byte>();
        foreach (var s in new[] { "", "power", "substation", "name", "B" })
        {
            Bytes(strings, 1, Encoding.UTF8.GetBytes(s));
        }

        // Three nodes at (47.0, 8.0), (47.001, 8.001), (47.002, 8.002); granularity 100 nanodegrees: raw = degrees × 1e7.
        var dense = new List<byte>();
        Bytes(dense, 1, Packed([ZigZag(1)])); // ids in two packed chunks: 1, then +1, +1
        Bytes(dense, 1, Packed([ZigZag(1), ZigZag(1)]));
        Bytes(dense, 8, Packed([ZigZag(470_000_000), ZigZag(10_000), ZigZag(10_000)]));
        Varint(dense, (9 << 3) | 0); // the first longitude as a single unpacked varint, the others packed
        Varint(dense, ZigZag(80_000_000));
        Bytes(dense, 9, Packed([ZigZag(10_000), ZigZag(10_000)]));
        Bytes(dense, 10, Packed([1, 2, 0, 1, 2, 3, 4, 0]));
        Bytes(dense, 10, Packed([1, 2, 0]));
        var group = new List<byte>();
        Bytes(group, 2, dense);
        var block = new List<byte>();
        Bytes(block, 1, strings);
        Bytes(block, 2, group);

        var path = _files.Write("synthetic.osm.pbf", [.. Blob("OSMHeader", headerBlock), .. Blob("OSMData", block)]);
        var layer = LayerReader.Read(path);

        Assert.Equal("osm-pbf", layer.Format);
        Assert.Equal(3, layer.SourceCounts["nodes"]);
        Assert.Equal(["node/1", "node/2", "node/3"], layer.Features.Select(f => f.Id));
        Assert.All(layer.Features, f => Assert.Equal("energy", f.Category));
        Assert.Equal("B", layer.Features[1].Name);
        for (var i = 0; i < 3; i++)
        {
            var p = Assert.IsType<Point>(layer.Features[i].Geometry);
            Assert.Equal(8.0 + (0.001 * i), p.X, 9);
            Assert.Equal(47.0 + (0.001 * i), p.Y, 9);
        }

        Assert.DoesNotContain(layer.Diagnostics, d => d.Kind is LayerDiagnosticKind.Damaged or LayerDiagnosticKind.Skipped);
    }
}
