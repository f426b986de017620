using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using FlightForensics.Geo.Layers;
using NetTopologySuite.IO;

namespace FlightForensics.Robustness.Tests.Harness;

/// <summary>
/// One layer input for the fuzz harness: the files written side by side (a Shapefile is three), the one that
/// gets mutated, its record starts and, where the layout is known, its length fields.
/// </summary>
public sealed record LayerSample
{
    /// <summary>Corpus id: the layer format id, or format plus the mutated companion (<c>shapefile-dbf</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Where the bytes come from: a path under the samples folder, or how they were derived from one.</summary>
    public required string Source { get; init; }

    /// <summary>The name <see cref="LayerReader.Read"/> is given.</summary>
    public required string MainName { get; init; }

    /// <summary>The file the mutation applies to (the main file or a companion).</summary>
    public required string MutatedName { get; init; }

    public required IReadOnlyDictionary<string, byte[]> Files { get; init; }
    public IReadOnlyList<long> Boundaries { get; init; } = [];
    public IReadOnlyList<LengthField> LengthFields { get; init; } = [];

    /// <summary>Decompressed bytes per input byte (1 for uncompressed formats), for the memory bound.</summary>
    public double ExpansionRatio { get; init; } = 1;

    /// <summary>
    /// Memory a read may cost per byte parsed (<see cref="LayerHarness.MemoryBound"/>): 16 unless the format turns few
    /// bytes into many vertices (OpenAir: a 10-byte DC line becomes a polygon of up to 720 points).
    /// </summary>
    public double MemoryMultiple { get; init; } = LayerHarness.DefaultMemoryMultiple;

    /// <summary>The format's structure makes any truncation of the mutated file detectable (closing tags, lengths, checksums).</summary>
    public bool TruncationDetectable { get; init; }

    /// <summary>
    /// The reader does not use the mutated file's content (the .shx: records are read in sequence from the .shp,
    /// the index is only hashed): damage to it must change nothing.
    /// </summary>
    public bool ContentUnused { get; init; }

    public byte[] Mutated => Files[MutatedName];

    /// <summary>Bytes the reader parses with the mutated file in place: every file, the mutated one decompressed.</summary>
    public long ParsedBytes(byte[] mutated)
    {
        ArgumentNullException.ThrowIfNull(mutated);
        return (long)Math.Ceiling(mutated.Length * ExpansionRatio) + Files.Where(kv => kv.Key != MutatedName).Sum(kv => (long)kv.Value.Length);
    }

    /// <summary>The files with the mutated one replaced; the main file's name and its companions.</summary>
    public (byte[] Main, Dictionary<string, byte[]> Companions) With(byte[] mutated)
    {
        var companions = Files.Where(kv => kv.Key != MainName).ToDictionary(kv => kv.Key, kv => kv.Key == MutatedName ? mutated : kv.Value, StringComparer.Ordinal);
        return (MainName == MutatedName ? mutated : Files[MainName], companions);
    }
}

/// <summary>
/// Real layers from ../shared/samples/geo (and layers derived from them where the samples lack a format:
/// KMZ, plain OSM XML, WKT, CSV), for every layer reader. <see cref="Quick"/> trims the two large OSM inputs
/// to a few blocks so the fixed-seed run in <c>dotnet test</c> stays within seconds per format;
/// <see cref="Full"/> keeps them whole for the long run.
/// </summary>
public static class LayerCorpus
{
    public static IReadOnlyList<LayerSample> Build(string samplesRoot, bool quick)
    {
        ArgumentNullException.ThrowIfNull(samplesRoot);
        var geo = Path.Combine(samplesRoot, "geo");
        if (!Directory.Exists(geo))
        {
            return [];
        }

        byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(geo, name));
        var list = new List<LayerSample>();

        var geojson = Bytes("andorra-infra.geojson");
        list.Add(Single("geojson", "geo/andorra-infra.geojson", geojson, Starts(geojson, "{\"type\":\"Feature\""u8), truncationDetectable: true) with { MemoryMultiple = JsonMemoryMultiple });

        var overpass = Bytes("liechtenstein-infra.overpass.json");
        list.Add(Single("overpass-json", "geo/liechtenstein-infra.overpass.json", overpass, Starts(overpass, "{\"type\":"u8), truncationDetectable: true) with { MemoryMultiple = JsonMemoryMultiple });

        var kml = Bytes("pentagon-inner-boundary.kml");
        list.Add(Single("kml", "geo/pentagon-inner-boundary.kml", kml, Starts(kml, "<"u8), truncationDetectable: true));

        var kmz = Kmz(kml);
        list.Add(Single("kmz", "geo/pentagon-inner-boundary.kml zipped as doc.kml", kmz, ZipRecords(kmz), truncationDetectable: true) with { LengthFields = ZipLengthFields(kmz) });

        var bz2 = Bytes("liechtenstein-2013-08-03.osm.bz2");
        var osmXml = Decompress(bz2);
        list.Add(Single("osm-xml-bz2", "geo/liechtenstein-2013-08-03.osm.bz2", bz2, [], truncationDetectable: true) with { ExpansionRatio = (double)osmXml.Length / bz2.Length });
        var xml = quick ? OsmXmlPrefix(osmXml, 256 << 10) : osmXml;
        list.Add(Single("osm-xml", quick ? "geo/liechtenstein-2013-08-03.osm.bz2 decompressed, first 256 KB of elements, closed" : "geo/liechtenstein-2013-08-03.osm.bz2 decompressed", xml, Starts(xml, "\n  <"u8, 1), truncationDetectable: true));

        var pbf = Bytes("andorra-2023-05-02.osm.pbf");
        var blobs = PbfBlobs(pbf);
        if (quick && blobs.Count > 4)
        {
            // The header blob and the first three data blobs: a valid, smaller PBF (ways then lack some nodes).
            pbf = pbf.AsSpan(0, (int)blobs[4]).ToArray();
            blobs = PbfBlobs(pbf);
        }

        // A PBF block inflates 2-10 x: the bound is per decompressed byte, as for bzip2 (raw_size of every blob).
        list.Add(Single("osm-pbf", quick ? "geo/andorra-2023-05-02.osm.pbf, first 4 blobs" : "geo/andorra-2023-05-02.osm.pbf", pbf, blobs, truncationDetectable: false)
            with { LengthFields = PbfLengthFields(pbf, blobs), ExpansionRatio = (double)PbfRawBytes(pbf, blobs) / pbf.Length });

        var shapefile = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["us_military.shp"] = Bytes("us_military.shp"),
            ["us_military.shx"] = Bytes("us_military.shx"),
            ["us_military.dbf"] = Bytes("us_military.dbf"),
            ["us_military.prj"] = Bytes("us_military.prj"),
        };
        var (shpRecords, shpLengths) = ShpRecords(shapefile["us_military.shp"]);
        list.Add(new LayerSample
        {
            Id = "shapefile", Source = "geo/us_military.shp", MainName = "us_military.shp", MutatedName = "us_military.shp", Files = shapefile,
            Boundaries = shpRecords, LengthFields = shpLengths, TruncationDetectable = true, MemoryMultiple = ShapefileMemoryMultiple,
        });
        var (dbfRecords, dbfLengths) = DbfRecords(shapefile["us_military.dbf"]);
        list.Add(new LayerSample
        {
            Id = "shapefile-dbf", Source = "geo/us_military.dbf", MainName = "us_military.shp", MutatedName = "us_military.dbf", Files = shapefile,
            Boundaries = dbfRecords, LengthFields = dbfLengths, TruncationDetectable = true, MemoryMultiple = ShapefileMemoryMultiple,
        });
        list.Add(new LayerSample
        {
            Id = "shapefile-shx", Source = "geo/us_military.shx", MainName = "us_military.shp", MutatedName = "us_military.shx", Files = shapefile, ContentUnused = true,
            MemoryMultiple = ShapefileMemoryMultiple,
            Boundaries = [.. Enumerable.Range(0, (shapefile["us_military.shx"].Length - 100) / 8).Select(i => 100L + (8 * i))],
            LengthFields = [new LengthField(24, 4), .. Enumerable.Range(0, (shapefile["us_military.shx"].Length - 100) / 8).SelectMany(i => new[] { new LengthField(100 + (8 * i), 4), new LengthField(104 + (8 * i), 4) })],
        });

        var openair = Bytes("germany-openair-2021-05.txt");
        if (quick)
        {
            // About 0.3 s a read in a debug build: the first 64 KB, cut before an airspace, keep the quick run short.
            openair = openair.AsSpan(0, openair.AsSpan(0, 64 << 10).LastIndexOf("\nAC "u8) + 1).ToArray();
        }

        list.Add(Single("openair", quick ? "geo/germany-openair-2021-05.txt, first 64 KB of airspaces" : "geo/germany-openair-2021-05.txt", openair, Starts(openair, "\nAC "u8, 1), truncationDetectable: false)
            with { MemoryMultiple = OpenAirMemoryMultiple });

        var fence = Bytes("ardupilot-CMAC-fence.txt");
        list.Add(Single("ardupilot-fence", "geo/ardupilot-CMAC-fence.txt", fence, Starts(fence, "\n"u8, 1), truncationDetectable: false));

        // WKT and CSV: the samples have none, so write the real Andorra features out in those forms.
        var andorra = LayerReader.Read(Path.Combine(geo, "andorra-infra.geojson"));
        var writer = new WKTWriter();
        // Every feature, also in the quick run: 97 KB of WKT, so the quick run checks the multiple without the small-input allowance.
        var features = andorra.Features.ToList();
        var wkt = Encoding.UTF8.GetBytes(string.Concat(features.Select(f => writer.Write(f.Geometry) + "\n")));
        list.Add(Single("wkt", "geo/andorra-infra.geojson geometries written as WKT lines", wkt, Starts(wkt, "\n"u8, 1), truncationDetectable: false) with { MemoryMultiple = WktMemoryMultiple });
        var csvWkt = Encoding.UTF8.GetBytes("id,name,category,wkt\n" + string.Concat(features.Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f.Id},\"{(f.Name ?? string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal)}\",{f.Category},\"{writer.Write(f.Geometry)}\"\n"))));
        list.Add(Single("csv", "geo/andorra-infra.geojson as CSV with a WKT column", csvWkt, Starts(csvWkt, "\n"u8, 1), truncationDetectable: false) with { MemoryMultiple = WktMemoryMultiple });
        var csvPoints = Encoding.UTF8.GetBytes("name;category;latitude;longitude\n" + string.Concat(andorra.Features.Where(f => f.Geometry is NetTopologySuite.Geometries.Point).Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f.Id};{f.Category};{f.Geometry.Coordinate.Y:0.0000000};{f.Geometry.Coordinate.X:0.0000000}\n"))));
        list.Add(Single("csv-latlon", "geo/andorra-infra.geojson points as CSV latitude/longitude", csvPoints, Starts(csvPoints, "\n"u8, 1), truncationDetectable: false));
        list.AddRange(AirspaceFeeds(samplesRoot));
        return list;
    }

    /// <summary>
    /// The drone-zone feeds of ../shared/samples/airspace. The ED-269 and AIXM samples are a few KB, below the small-input
    /// allowance: their zones are repeated (new ED-269 identifiers; AIXM members as they are) to about 400 KB so that the
    /// memory multiple is what is checked.
    /// </summary>
    private static IEnumerable<LayerSample> AirspaceFeeds(string samplesRoot)
    {
        var folder = Path.Combine(samplesRoot, "airspace");
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(folder, name));
        var swiss = System.Text.Json.Nodes.JsonNode.Parse(Bytes("callmarcus_ed269-ch.json"))!.AsObject();
        var zones = swiss["features"]!.AsArray();
        var copies = new System.Text.Json.Nodes.JsonArray();
        for (var k = 0; k < 100; k++)
        {
            foreach (var zone in zones)
            {
                var copy = zone!.DeepClone().AsObject();
                copy["identifier"] = string.Create(CultureInfo.InvariantCulture, $"{copy["identifier"]}-{k}");
                copies.Add(copy);
            }
        }

        swiss["features"] = copies;
        var ed269 = Encoding.UTF8.GetBytes(swiss.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        yield return Single("ed269", "airspace/callmarcus_ed269-ch.json, zones repeated 100 times with new identifiers", ed269, Starts(ed269, "\n    {"u8, 1), truncationDetectable: true)
            with { MemoryMultiple = JsonMemoryMultiple };

        var ireland = Bytes("callmarcus_ed318-ie.json");
        yield return Single("ed318", "airspace/callmarcus_ed318-ie.json", ireland, Starts(ireland, "\n    {"u8, 1), truncationDetectable: true) with { MemoryMultiple = JsonMemoryMultiple };
        var faa = Bytes("callmarcus_faa-uasfm.json");
        yield return Single("faa-uasfm", "airspace/callmarcus_faa-uasfm.json", faa, Starts(faa, "\n    {"u8, 1), truncationDetectable: true) with { MemoryMultiple = JsonMemoryMultiple };

        var uk = Encoding.UTF8.GetString(Bytes("callmarcus_aixm51-gb.xml"));
        var first = uk.IndexOf("  <message:hasMember>", StringComparison.Ordinal);
        var end = uk.LastIndexOf("</message:AIXMBasicMessage>", StringComparison.Ordinal);
        var aixm = Encoding.UTF8.GetBytes(uk[..first] + string.Concat(Enumerable.Repeat(uk[first..end], 20)) + uk[end..]);
        // AIXM is read one member at a time (an XElement tree each): measured 8.4 x, within the default multiple.
        yield return Single("aixm51", "airspace/callmarcus_aixm51-gb.xml, members repeated 20 times", aixm, Starts(aixm, "  <message:hasMember>"u8), truncationDetectable: true);
    }

    /// <summary>
    /// OpenAir's bound: a circle of 2 NM becomes 136 points (1 m chord error), each a coordinate, a slot in the ring and
    /// the validity check's share (about 200 bytes a vertex in all), from a line of a few bytes.
    /// </summary>
    public const double OpenAirMemoryMultiple = 48;

    /// <summary>
    /// Shapefile's bound: 16 bytes of file a vertex become a coordinate object and the validity check's share (about
    /// 250 bytes), and a damaged polygon also costs its repair.
    /// </summary>
    public const double ShapefileMemoryMultiple = 28;

    /// <summary>GeoJSON and Overpass JSON: tags become dictionaries of strings; measured 9-15 x.</summary>
    public const double JsonMemoryMultiple = 20;

    /// <summary>
    /// WKT lines and CSV WKT cells: NetTopologySuite's WKTReader allocates about 1.3 KB a vertex (a token and its
    /// string for every number), 79 % of the read; measured 62-72 x clean, up to 80 x mutated.
    /// </summary>
    public const double WktMemoryMultiple = 96;

    private static LayerSample Single(string id, string source, byte[] bytes, IReadOnlyList<long> boundaries, bool truncationDetectable)
    {
        var name = id switch
        {
            "kmz" => "layer.kmz",
            "osm-xml-bz2" => "layer.osm.bz2",
            "osm-pbf" => "layer.osm.pbf",
            _ => "layer.dat", // detection is by content; a neutral name shows it
        };
        return new LayerSample
        {
            Id = id, Source = source, MainName = name, MutatedName = name,
            Files = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [name] = bytes },
            Boundaries = boundaries, TruncationDetectable = truncationDetectable,
        };
    }

    /// <summary>Offsets of every occurrence of <paramref name="marker"/>, plus <paramref name="skip"/> bytes.</summary>
    private static List<long> Starts(byte[] bytes, ReadOnlySpan<byte> marker, int skip = 0)
    {
        var result = new List<long>();
        int at = 0;
        while (at < bytes.Length)
        {
            int i = bytes.AsSpan(at).IndexOf(marker);
            if (i < 0)
            {
                break;
            }

            result.Add(at + i + skip);
            at += i + Math.Max(1, marker.Length);
        }

        return result;
    }

    private static byte[] Kmz(byte[] kml)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = zip.CreateEntry("doc.kml", CompressionLevel.Optimal);
            entry.LastWriteTime = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var s = entry.Open();
            s.Write(kml);
        }

        return ms.ToArray();
    }

    private static List<long> ZipRecords(byte[] zip) =>
        [.. Starts(zip, "PK\u0003\u0004"u8), .. Starts(zip, "PK\u0001\u0002"u8), .. Starts(zip, "PK\u0005\u0006"u8)];

    /// <summary>Sizes, counts and offsets of the zip headers (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16).</summary>
    private static List<LengthField> ZipLengthFields(byte[] zip)
    {
        var fields = new List<LengthField>();
        foreach (var p in Starts(zip, "PK\u0003\u0004"u8))
        {
            fields.AddRange([new(p + 18, 4), new(p + 22, 4), new(p + 26, 2), new(p + 28, 2)]);
        }

        foreach (var p in Starts(zip, "PK\u0001\u0002"u8))
        {
            fields.AddRange([new(p + 20, 4), new(p + 24, 4), new(p + 28, 2), new(p + 30, 2), new(p + 32, 2), new(p + 42, 4)]);
        }

        foreach (var p in Starts(zip, "PK\u0005\u0006"u8))
        {
            fields.AddRange([new(p + 8, 2), new(p + 10, 2), new(p + 12, 4), new(p + 16, 4), new(p + 20, 2)]);
        }

        return fields;
    }

    private static byte[] Decompress(byte[] bz2)
    {
        using var input = new MultiStreamBZip2Stream(new MemoryStream(bz2, writable: false));
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The XML up to the last whole element line before <paramref name="bytes"/>, closed with &lt;/osm&gt;.</summary>
    private static byte[] OsmXmlPrefix(byte[] xml, int bytes)
    {
        if (xml.Length <= bytes)
        {
            return xml;
        }

        // Cut before a top-level element (two-space indent in osmium's output) so no element is left open.
        int cut = xml.AsSpan(0, bytes).LastIndexOf("\n  <"u8);
        return [.. xml.AsSpan(0, cut + 1), .. "</osm>\n"u8];
    }

    /// <summary>Blob starts: 4-byte big-endian BlobHeader length, BlobHeader (datasize = field 3), blob.</summary>
    private static List<long> PbfBlobs(byte[] pbf)
    {
        var starts = new List<long>();
        long at = 0;
        while (at + 4 <= pbf.Length)
        {
            starts.Add(at);
            int headerLength = BinaryPrimitives.ReadInt32BigEndian(pbf.AsSpan((int)at));
            if (headerLength <= 0 || at + 4 + headerLength > pbf.Length)
            {
                break;
            }

            var (_, dataSize) = DataSizeField(pbf.AsSpan((int)at + 4, headerLength));
            at += 4 + headerLength + dataSize;
        }

        return starts;
    }

    /// <summary>Bytes of every blob once inflated: its raw_size (Blob field 2), or the length of its raw data (field 1).</summary>
    private static long PbfRawBytes(byte[] pbf, IReadOnlyList<long> blobs)
    {
        long total = 0;
        foreach (var start in blobs)
        {
            int headerLength = BinaryPrimitives.ReadInt32BigEndian(pbf.AsSpan((int)start));
            if (headerLength <= 0 || start + 4 + headerLength > pbf.Length)
            {
                break;
            }

            var (_, dataSize) = DataSizeField(pbf.AsSpan((int)start + 4, headerLength));
            long blobStart = start + 4 + headerLength;
            var blob = pbf.AsSpan((int)blobStart, (int)Math.Min(dataSize, pbf.Length - blobStart));
            int i = 0;
            while (i < blob.Length)
            {
                int key = blob[i++];
                long value = Varint(blob, ref i);
                if (key == ((2 << 3) | 0))
                {
                    total += value;
                }
                else if ((key & 7) == 2)
                {
                    total += key >> 3 == 1 ? value : 0;
                    i += (int)value;
                }
            }
        }

        return total;
    }

    private static long Varint(ReadOnlySpan<byte> bytes, ref int i)
    {
        long v = 0;
        for (int shift = 0; i < bytes.Length && shift < 64; shift += 7)
        {
            byte b = bytes[i++];
            v |= (long)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }

        return v;
    }

    private static List<LengthField> PbfLengthFields(byte[] pbf, IReadOnlyList<long> blobs)
    {
        var fields = new List<LengthField>();
        foreach (var start in blobs)
        {
            fields.Add(new LengthField(start, 4));
            int headerLength = BinaryPrimitives.ReadInt32BigEndian(pbf.AsSpan((int)start));
            if (headerLength > 0 && start + 4 + headerLength <= pbf.Length)
            {
                var (at, _) = DataSizeField(pbf.AsSpan((int)start + 4, headerLength));
                if (at >= 0)
                {
                    fields.Add(new LengthField(start + 4 + at, 1));
                    fields.Add(new LengthField(start + 4 + at, 3));
                }
            }
        }

        return fields;
    }

    /// <summary>Position (within the header) and value of the BlobHeader's datasize varint (field 3, wire type 0).</summary>
    private static (int At, long Value) DataSizeField(ReadOnlySpan<byte> header)
    {
        int i = 0;
        while (i < header.Length)
        {
            int key = header[i++];
            int wire = key & 7;
            if (wire == 0)
            {
                int at = i;
                long v = 0;
                for (int shift = 0; i < header.Length; shift += 7)
                {
                    byte b = header[i++];
                    v |= (long)(b & 0x7F) << shift;
                    if (b < 0x80)
                    {
                        break;
                    }
                }

                if (key >> 3 == 3)
                {
                    return (at, v);
                }
            }
            else if (wire == 2)
            {
                int len = header[i++]; // BlobHeader strings are short ("OSMData"): one-byte length
                i += len;
            }
            else
            {
                break;
            }
        }

        return (-1, 0);
    }

    /// <summary>Shapefile record starts and length fields (ESRI Shapefile Technical Description, 1998: big-endian header).</summary>
    private static (List<long> Records, List<LengthField> Lengths) ShpRecords(byte[] shp)
    {
        var records = new List<long>();
        var lengths = new List<LengthField> { new(24, 4) };
        long at = 100;
        while (at + 8 <= shp.Length)
        {
            records.Add(at);
            lengths.Add(new LengthField(at + 4, 4));
            if (at + 12 <= shp.Length)
            {
                lengths.Add(new LengthField(at + 8 + 36, 4)); // polygon: NumParts after type and box
                lengths.Add(new LengthField(at + 8 + 40, 4)); // NumPoints
            }

            at += 8 + (2L * BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan((int)at + 4)));
        }

        return (records, lengths);
    }

    /// <summary>dBASE record starts and header counts (record count, header length, record length, field lengths).</summary>
    private static (List<long> Records, List<LengthField> Lengths) DbfRecords(byte[] dbf)
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(dbf.AsSpan(4));
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(8));
        int recordLength = BinaryPrimitives.ReadUInt16LittleEndian(dbf.AsSpan(10));
        var lengths = new List<LengthField> { new(4, 4), new(8, 2), new(10, 2) };
        for (int f = 32; f + 32 <= headerLength && dbf[f] != 0x0D; f += 32)
        {
            lengths.Add(new LengthField(f + 16, 1)); // field length
        }

        var records = Enumerable.Range(0, count).Select(i => (long)headerLength + ((long)i * recordLength)).Where(o => o < dbf.Length).ToList();
        return (records, lengths);
    }
}
