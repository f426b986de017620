using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using FlightForensics.Geo.Model;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// OpenStreetMap PBF, decoded by hand: a sequence of (4-byte big-endian BlobHeader length, BlobHeader, Blob);
/// blobs raw or zlib; OSMData blobs are PrimitiveBlocks with a string table and groups of nodes, dense nodes,
/// ways and relations (wiki.openstreetmap.org "PBF Format"; fileformat.proto and osmformat.proto field numbers).
/// </summary>
internal static class OsmPbfLayerReader
{
    /// <summary>Spec limits: BlobHeader under 64 KiB, blob under 32 MiB.</summary>
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBlobBytes = 32 * 1024 * 1024;

    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options, CancellationToken cancellationToken)
    {
        var builder = new LayerBuilder(file.FileName, options);
        var osm = new OsmAssembler(builder);
        using var stream = file.OpenRead();
        var lengthBytes = new byte[4];
        long offset = 0, decompressed = 0;
        var blocks = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var got = stream.ReadAtLeast(lengthBytes, 4, throwOnEndOfStream: false);
            if (got == 0)
            {
                break;
            }

            if (got < 4)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, Offset(offset), "file ends inside a blob length");
                break;
            }

            var headerLength = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            if (headerLength is <= 0 or > MaxHeaderBytes)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, Offset(offset), $"impossible BlobHeader length {headerLength}; reading stopped");
                break;
            }

            var header = new byte[headerLength];
            if (stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false) < headerLength)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, Offset(offset), "file ends inside a BlobHeader");
                break;
            }

            var (type, dataSize) = ParseBlobHeader(header);
            if (dataSize is <= 0 or > MaxBlobBytes)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, Offset(offset), $"impossible blob size {dataSize}; reading stopped");
                break;
            }

            // Blob and block buffers come from the shared pool: a file is read with the two largest, not one pair per blob.
            var blob = ArrayPool<byte>.Shared.Rent(dataSize);
            try
            {
                if (stream.ReadAtLeast(blob.AsSpan(0, dataSize), dataSize, throwOnEndOfStream: false) < dataSize)
                {
                    builder.Diagnose(LayerDiagnosticKind.Damaged, Offset(offset), "file ends inside a blob; objects read before are kept");
                    break;
                }

                var blobOffset = offset;
                offset += 4 + headerLength + dataSize;
                if (!ReadBlob(blob, dataSize, type, blobOffset, builder, osm, ref decompressed))
                {
                    break;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(blob);
            }

            blocks++;
        }

        builder.Count("blobs", blocks);
        osm.Finish();
        return builder.Build(file, "osm-pbf", InfrastructureLayer.OsmAttribution);
    }

    /// <summary>Inflates one blob and reads its block; false when the decompressed-size limit stops the reading.</summary>
    private static bool ReadBlob(byte[] blob, int blobLength, string type, long blobOffset, LayerBuilder builder, OsmAssembler osm, ref long decompressed)
    {
        byte[]? pooled = null;
        try
        {
            ArraySegment<byte> data;
            try
            {
                data = Inflate(blob, blobLength, out pooled);
            }
            catch (InvalidDataException ex)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, Offset(blobOffset), $"blob skipped: {ex.Message}");
                return true;
            }

            decompressed += data.Count;
            if (decompressed > builder.Options.MaxDecompressedBytes)
            {
                builder.Diagnose(LayerDiagnosticKind.Limit, Offset(blobOffset), "decompressed size limit reached; reading stopped");
                return false;
            }

            try
            {
                if (type == "OSMHeader")
                {
                    CheckHeader(data, builder, blobOffset);
                }
                else if (type == "OSMData")
                {
                    ReadPrimitiveBlock(data, osm);
                }
                else
                {
                    builder.Diagnose(LayerDiagnosticKind.Ignored, Offset(blobOffset), $"unknown blob type '{type}' skipped");
                }
            }
            catch (Exception ex) when (ex is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                builder.Diagnose(LayerDiagnosticKind.Damaged, Offset(blobOffset), $"block damaged ({ex.Message}); the rest of it was skipped");
            }

            return true;
        }
        finally
        {
            if (pooled is not null)
            {
                ArrayPool<byte>.Shared.Return(pooled);
            }
        }
    }

    private static string Offset(long offset) => string.Create(CultureInfo.InvariantCulture, $"offset {offset}");

    private static (string Type, int DataSize) ParseBlobHeader(byte[] header)
    {
        var r = new ProtoReader(header);
        string type = "";
        var size = 0;
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: type = Encoding.UTF8.GetString(r.Bytes()); break;
                case 3 when wire == 0: size = (int)Math.Min(int.MaxValue, r.Varint()); break;
                default: r.Skip(wire); break;
            }
        }

        return (type, size);
    }

    /// <summary>The block a blob holds: its raw bytes in place, or zlib data inflated into <paramref name="pooled"/>.</summary>
    private static ArraySegment<byte> Inflate(byte[] blob, int blobLength, out byte[]? pooled)
    {
        pooled = null;
        var r = new ProtoReader(blob.AsSpan(0, blobLength));
        int rawStart = -1, rawLength = 0, zlibStart = -1, zlibLength = 0;
        var rawSize = 0L;
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2: (rawStart, rawLength) = r.Region(); break;
                case 2 when wire == 0: rawSize = (long)r.Varint(); break;
                case 3 when wire == 2: (zlibStart, zlibLength) = r.Region(); break;
                case 4 or 5 or 6 or 7 when wire == 2: throw new InvalidDataException($"compression {field} (lzma/bzip2/lz4/zstd) is not supported");
                default: r.Skip(wire); break;
            }
        }

        if (rawStart >= 0)
        {
            return new ArraySegment<byte>(blob, rawStart, rawLength);
        }

        if (zlibStart < 0)
        {
            throw new InvalidDataException("blob holds no data");
        }

        if (rawSize is <= 0 or > MaxBlobBytes)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"impossible raw size {rawSize}"));
        }

        pooled = ArrayPool<byte>.Shared.Rent((int)rawSize);
        var output = pooled.AsSpan(0, (int)rawSize);
        using var z = new ZLibStream(new MemoryStream(blob, zlibStart, zlibLength, writable: false), CompressionMode.Decompress);
        var n = z.ReadAtLeast(output, output.Length, throwOnEndOfStream: false);

        if (n != rawSize)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"zlib data gave {n} bytes, header says {rawSize}"));
        }

        return new ArraySegment<byte>(pooled, 0, (int)rawSize);
    }

    private static void CheckHeader(ReadOnlySpan<byte> data, LayerBuilder builder, long offset)
    {
        var r = new ProtoReader(data);
        while (r.Next(out var field, out var wire))
        {
            if (field == 4 && wire == 2)
            {
                var feature = Encoding.UTF8.GetString(r.Bytes());
                if (feature is not "OsmSchema-V0.6" and not "DenseNodes")
                {
                    builder.Diagnose(LayerDiagnosticKind.Note, Offset(offset), $"file requires feature '{feature}', which this reader does not implement");
                }
            }
            else
            {
                r.Skip(wire);
            }
        }
    }

    private static void ReadPrimitiveBlock(ArraySegment<byte> segment, OsmAssembler osm)
    {
        ReadOnlySpan<byte> data = segment;
        var r = new ProtoReader(data);
        var strings = new List<(int Start, int Length)>();
        var groups = new List<(int Start, int Length)>();
        long granularity = 100, latOffset = 0, lonOffset = 0;
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1 when wire == 2:
                    var (tableStart, _) = r.Region();
                    var st = new ProtoReader(r.Last);
                    while (st.Next(out var f, out var w))
                    {
                        if (f == 1 && w == 2)
                        {
                            // Decoded when a tag or role uses it: most of a table is user names and unused values.
                            var (start, length) = st.Region();
                            strings.Add((tableStart + start, length));
                        }
                        else
                        {
                            st.Skip(w);
                        }
                    }

                    break;
                case 2 when wire == 2: groups.Add(r.Region()); break;
                case 17 when wire == 0: granularity = (long)r.Varint(); break;
                case 19 when wire == 0: latOffset = (long)r.Varint(); break;
                case 20 when wire == 0: lonOffset = (long)r.Varint(); break;
                default: r.Skip(wire); break;
            }
        }

        var block = new BlockContext(segment, strings, granularity, latOffset, lonOffset);
        foreach (var (start, length) in groups)
        {
            var g = new ProtoReader(data.Slice(start, length));
            while (g.Next(out var field, out var wire))
            {
                if (wire != 2)
                {
                    g.Skip(wire);
                    continue;
                }

                var body = g.Bytes();
                switch (field)
                {
                    case 1: ReadNode(body, block, osm); break;
                    case 2: ReadDense(body, block, osm); break;
                    case 3: ReadWay(body, block, osm); break;
                    case 4: ReadRelation(body, block, osm); break;
                }
            }
        }
    }

    private sealed class BlockContext(ArraySegment<byte> data, List<(int Start, int Length)> strings, long granularity, long latOffset, long lonOffset)
    {
        private readonly string?[] _decoded = new string?[strings.Count];

        public double Lat(long raw) => 1e-9 * (latOffset + (granularity * raw));
        public double Lon(long raw) => 1e-9 * (lonOffset + (granularity * raw));

        public string S(long index)
        {
            if (index < 0 || index >= strings.Count)
            {
                throw new InvalidDataException($"string index {index} outside the table");
            }

            var (start, length) = strings[(int)index];
            return _decoded[index] ??= Encoding.UTF8.GetString(data.AsSpan(start, length));
        }
    }

    private static Dictionary<string, string>? Tags(List<long> keys, List<long> values, BlockContext block)
    {
        if (keys.Count == 0)
        {
            return null;
        }

        var tags = new Dictionary<string, string>(keys.Count, StringComparer.Ordinal);
        for (var i = 0; i < keys.Count && i < values.Count; i++)
        {
            tags[block.S(keys[i])] = block.S(values[i]);
        }

        return tags;
    }

    private static void ReadNode(ReadOnlySpan<byte> body, BlockContext block, OsmAssembler osm)
    {
        var r = new ProtoReader(body);
        long id = 0, lat = 0, lon = 0;
        List<long> keys = [], values = [];
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: id = ProtoReader.ZigZag(r.Varint()); break;
                case 2: r.Packed(wire, keys, zigzag: false); break;
                case 3: r.Packed(wire, values, zigzag: false); break;
                case 8: lat = ProtoReader.ZigZag(r.Varint()); break;
                case 9: lon = ProtoReader.ZigZag(r.Varint()); break;
                default: r.Skip(wire); break;
            }
        }

        osm.AddNode(id, block.Lat(lat), block.Lon(lon), Tags(keys, values, block));
    }

    private static void ReadDense(ReadOnlySpan<byte> body, BlockContext block, OsmAssembler osm)
    {
        // The four packed arrays are walked side by side rather than copied into lists: one varint of each per node.
        var r = new ProtoReader(body);
        ReadOnlySpan<byte> idBytes = [], latBytes = [], lonBytes = [], keyValBytes = [];
        Span<byte> single = stackalloc byte[10];
        while (r.Next(out var field, out var wire))
        {
            if (wire is not (0 or 2) || field is not (1 or 8 or 9 or 10))
            {
                r.Skip(wire);
                continue;
            }

            // A repeated field may come in several packed chunks, or as single unpacked varints: protobuf readers
            // concatenate them (rare in practice, hence a copy only then).
            var chunk = wire == 2 ? r.Bytes() : single[..WriteVarint(r.Varint(), single)].ToArray();
            switch (field)
            {
                case 1: idBytes = Append(idBytes, chunk); break;
                case 8: latBytes = Append(latBytes, chunk); break;
                case 9: lonBytes = Append(lonBytes, chunk); break;
                default: keyValBytes = Append(keyValBytes, chunk); break;
            }
        }

        var ids = new ProtoReader(idBytes);
        var lats = new ProtoReader(latBytes);
        var lons = new ProtoReader(lonBytes);
        var keysVals = new ProtoReader(keyValBytes);
        long id = 0, lat = 0, lon = 0;
        while (!ids.AtEnd)
        {
            if (lats.AtEnd || lons.AtEnd)
            {
                throw new InvalidDataException("dense nodes with unequal id/lat/lon counts");
            }

            id += ProtoReader.ZigZag(ids.Varint());
            lat += ProtoReader.ZigZag(lats.Varint());
            lon += ProtoReader.ZigZag(lons.Varint());
            Dictionary<string, string>? tags = null;
            // keys_vals: key, value pairs per node, each node's list ended by 0.
            while (!keysVals.AtEnd)
            {
                var key = (long)keysVals.Varint();
                if (key == 0)
                {
                    break;
                }

                if (keysVals.AtEnd)
                {
                    throw new InvalidDataException("dense keys_vals ends inside a pair");
                }

                var value = (long)keysVals.Varint();
                tags ??= new Dictionary<string, string>(StringComparer.Ordinal);
                tags[block.S(key)] = block.S(value);
            }

            osm.AddNode(id, block.Lat(lat), block.Lon(lon), tags);
        }

        if (!lats.AtEnd || !lons.AtEnd)
        {
            throw new InvalidDataException("dense nodes with unequal id/lat/lon counts");
        }
    }

    private static ReadOnlySpan<byte> Append(ReadOnlySpan<byte> values, ReadOnlySpan<byte> chunk) =>
        values.IsEmpty ? chunk : (byte[])[.. values, .. chunk];

    private static int WriteVarint(ulong value, Span<byte> into)
    {
        var n = 0;
        while (value >= 0x80)
        {
            into[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        into[n++] = (byte)value;
        return n;
    }

    private static void ReadWay(ReadOnlySpan<byte> body, BlockContext block, OsmAssembler osm)
    {
        var r = new ProtoReader(body);
        long id = 0;
        List<long> keys = [], values = [], refs = [];
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: id = (long)r.Varint(); break;
                case 2: r.Packed(wire, keys, zigzag: false); break;
                case 3: r.Packed(wire, values, zigzag: false); break;
                case 8: r.Packed(wire, refs, zigzag: true); break;
                default: r.Skip(wire); break;
            }
        }

        var nodes = new long[refs.Count];
        long acc = 0;
        for (var i = 0; i < refs.Count; i++)
        {
            acc += refs[i];
            nodes[i] = acc;
        }

        osm.AddWay(id, nodes, Tags(keys, values, block));
    }

    private static void ReadRelation(ReadOnlySpan<byte> body, BlockContext block, OsmAssembler osm)
    {
        var r = new ProtoReader(body);
        long id = 0;
        List<long> keys = [], values = [], roles = [], memids = [], types = [];
        while (r.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: id = (long)r.Varint(); break;
                case 2: r.Packed(wire, keys, zigzag: false); break;
                case 3: r.Packed(wire, values, zigzag: false); break;
                case 8: r.Packed(wire, roles, zigzag: false); break;
                case 9: r.Packed(wire, memids, zigzag: true); break;
                case 10: r.Packed(wire, types, zigzag: false); break;
                default: r.Skip(wire); break;
            }
        }

        var members = new List<(char, long, string)>(memids.Count);
        long acc = 0;
        for (var i = 0; i < memids.Count; i++)
        {
            acc += memids[i];
            var type = i < types.Count ? types[i] switch { 0 => 'n', 1 => 'w', 2 => 'r', _ => '?' } : '?';
            members.Add((type, acc, i < roles.Count ? block.S(roles[i]) : ""));
        }

        osm.AddRelation(id, members, Tags(keys, values, block));
    }
}

/// <summary>A minimal protobuf wire-format reader over a span (varints, length-delimited fields, packed repeats).</summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;
    private int _lastStart;
    private int _lastLength;

    public readonly bool AtEnd => _pos >= _data.Length;

    public bool Next(out int field, out int wire)
    {
        if (_pos >= _data.Length)
        {
            field = wire = 0;
            return false;
        }

        var key = Varint();
        field = (int)(key >> 3);
        wire = (int)(key & 7);
        return true;
    }

    public ulong Varint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _data.Length)
            {
                throw new InvalidDataException("varint runs past the end of its message");
            }

            var b = _data[_pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("varint longer than 10 bytes");
    }

    public static long ZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    public ReadOnlySpan<byte> Bytes()
    {
        var length = Varint();
        if (length > (ulong)(_data.Length - _pos))
        {
            throw new InvalidDataException("length-delimited field runs past the end of its message");
        }

        _lastStart = _pos;
        var span = _data.Slice(_pos, (int)length);
        _pos += (int)length;
        return span;
    }

    /// <summary>Start and length of the next length-delimited field (for reading it later from the same buffer).</summary>
    public (int Start, int Length) Region()
    {
        var span = Bytes();
        _lastLength = span.Length;
        return (_lastStart, span.Length);
    }

    /// <summary>The field <see cref="Region"/> returned last.</summary>
    public readonly ReadOnlySpan<byte> Last => _data.Slice(_lastStart, _lastLength);

    public void Packed(int wire, List<long> into, bool zigzag)
    {
        if (wire == 0)
        {
            var v = Varint();
            into.Add(zigzag ? ZigZag(v) : (long)v);
            return;
        }

        if (wire != 2)
        {
            Skip(wire);
            return;
        }

        var inner = new ProtoReader(Bytes());
        while (inner._pos < inner._data.Length)
        {
            var v = inner.Varint();
            into.Add(zigzag ? ZigZag(v) : (long)v);
        }
    }

    public void Skip(int wire)
    {
        switch (wire)
        {
            case 0: Varint(); break;
            case 1: Advance(8); break;
            case 2: Bytes(); break;
            case 5: Advance(4); break;
            default: throw new InvalidDataException($"unsupported wire type {wire}");
        }
    }

    private void Advance(int n)
    {
        if (_data.Length - _pos < n)
        {
            throw new InvalidDataException("fixed-size field runs past the end of its message");
        }

        _pos += n;
    }
}
