using System.IO.Compression;
using System.Text;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.TestSupport;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

public sealed class LayerBadInputTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void SyntheticGeoJsonWithAByteOrderMarkReadsLikeWithout()
    {
        const string json = """{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{"name":"A"},"geometry":{"type":"Point","coordinates":[1,2]}}]}""";
        var plain = LayerReader.Read(_files.Write("plain.geojson", json));
        var marked = LayerReader.Read(_files.Write("bom.geojson", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json)]));
        Assert.Equal("a", Assert.Single(marked.Features).Id);
        Assert.Equal(plain.Features.Single().Geometry, marked.Features.Single().Geometry);
        Assert.Empty(marked.Diagnostics);
    }

    [Fact]
    public void SyntheticGeoJsonBowtieIsRepairedWithDiagnostic()
    {
        var path = _files.Write("bowtie.json", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","id":"bow","properties":{"category":"energy"},
              "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}]}
            """);
        var layer = LayerReader.Read(path);

        var f = Assert.Single(layer.Features);
        Assert.Equal("bow", f.Id);
        Assert.Equal("energy", f.Category);
        Assert.True(f.Geometry.IsValid);
        Assert.Equal(0.5, f.Geometry.Area, 9); // two triangles of 0.25 deg² each
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Repaired && d.Message.Contains("Self-intersection", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void SyntheticGeoJsonUnclosedRingEmptyGeometryAndCrsMember()
    {
        var path = _files.Write("mixed.geojson", """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[
             {"type":"Feature","id":7,"properties":{"name":"Open"},"geometry":{"type":"Polygon","coordinates":[[[8,47],[8.001,47],[8.001,47.001],[8,47.001]]]}},
             {"type":"Feature","id":"empty","properties":{},"geometry":null},
             {"type":"Feature","id":"swapped","properties":{},"geometry":{"type":"Point","coordinates":[47.1,188.0]}},
             {"type":"Feature","properties":{"power":"substation"},"geometry":{"type":"Point","coordinates":[8.5,47.5]}}]}
            """);
        var layer = LayerReader.Read(path);

        Assert.Equal(2, layer.Features.Count);
        Assert.Equal("7", layer.Features[0].Id);
        Assert.Equal("Open", layer.Features[0].Name);
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Repaired && d.Message.Contains("not closed", StringComparison.Ordinal));
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Ignored && d.Location == "crs");
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Skipped && d.Message.Contains("out of WGS84 range", StringComparison.Ordinal));
        // No id: a stable id from the geometry; OSM tags classify user layers too.
        Assert.StartsWith("geom:", layer.Features[1].Id, StringComparison.Ordinal);
        Assert.Equal("energy", layer.Features[1].Category);
        Assert.Equal("substation", layer.Features[1].Subcategory);
    }

    [Fact]
    public void SyntheticDefaultCategoryAppliesToUnclassifiedFeatures()
    {
        var path = _files.Write("sites.geojson", """{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}""");
        var layer = LayerReader.Read(path, new LayerReadOptions { DefaultCategory = "security" });
        Assert.Equal("security", Assert.Single(layer.Features).Category);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage that is no layer at all\u0001\u0002")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":")]
    public void SyntheticEmptyGarbageOrTruncatedJsonIsAClearError(string content)
    {
        var path = _files.Write("bad.json", content);
        var ex = Assert.Throws<LayerUnreadableException>(() => LayerReader.Read(path));
        Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntheticKmlWithExternalEntityIsNeverResolved()
    {
        var secret = _files.Write("secret.txt", "TOP-SECRET");
        var path = _files.Write("xxe.kml", $"""
            <?xml version="1.0"?>
            <!DOCTYPE kml [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark id="p1"><name>&xxe;</name>
            <Point><coordinates>8.0,47.0,0</coordinates></Point></Placemark></Document></kml>
            """);
        try
        {
            var layer = LayerReader.Read(path);
            Assert.DoesNotContain(layer.Features, f => (f.Name ?? "").Contains("TOP-SECRET", StringComparison.Ordinal));
        }
        catch (LayerUnreadableException ex)
        {
            Assert.DoesNotContain("TOP-SECRET", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SyntheticKmlMultiGeometryHolesAndIds()
    {
        var path = _files.Write("multi.kml", """
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>
            <Placemark id="site-1"><name>Plant</name><ExtendedData><Data name="category"><value>energy</value></Data></ExtendedData>
            <MultiGeometry>
              <Polygon><outerBoundaryIs><LinearRing><coordinates>0,0,10 4,0,10 4,4,10 0,4,10 0,0,10</coordinates></LinearRing></outerBoundaryIs>
                       <innerBoundaryIs><LinearRing><coordinates>1,1 2,1 2,2 1,2 1,1</coordinates></LinearRing></innerBoundaryIs></Polygon>
              <Polygon><outerBoundaryIs><LinearRing><coordinates>10,10 11,10 11,11 10,11 10,10</coordinates></LinearRing></outerBoundaryIs></Polygon>
            </MultiGeometry></Placemark>
            <Placemark><name>Named only</name><Point><coordinates>5,5</coordinates></Point></Placemark>
            </Folder></Document></kml>
            """);
        var layer = LayerReader.Read(path);

        Assert.Equal(2, layer.Features.Count);
        var plant = layer.Features[0];
        Assert.Equal("site-1", plant.Id);
        Assert.Equal("energy", plant.Category);
        Assert.IsType<MultiPolygon>(plant.Geometry);
        Assert.Equal(16 - 1 + 1, plant.Geometry.Area, 9);
        Assert.Equal("Named only", layer.Features[1].Id);
    }

    private byte[] Kmz(params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(content);
            }
        }

        return memory.ToArray();
    }

    [Fact]
    public void SyntheticKmzWithTraversalPathIsReadWithoutExtracting()
    {
        var kml = Encoding.UTF8.GetBytes("""<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark id="a"><Point><coordinates>1,2</coordinates></Point></Placemark></kml>""");
        var path = _files.Write("trav.kmz", Kmz(("../../evil.kml", kml), ("doc.kml", kml)));
        var layer = LayerReader.Read(path);

        Assert.Equal("kmz", layer.Format);
        Assert.Single(layer.Features);
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Ignored && d.Location == "../../evil.kml");
        Assert.False(File.Exists(Path.Combine(_files.Folder, "..", "..", "evil.kml")));
    }

    [Fact]
    public void SyntheticKmzBombIsRefusedAtTheLimit()
    {
        // 64 MB of spaces inside the KML compress to a few tens of kB.
        var big = new byte[64 << 20];
        big.AsSpan().Fill((byte)' ');
        var head = Encoding.UTF8.GetBytes("<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Placemark><name>");
        head.CopyTo(big, 0);
        var path = _files.Write("bomb.kmz", Kmz(("doc.kml", big)));

        var ex = Assert.Throws<LayerUnreadableException>(() => LayerReader.Read(path, new LayerReadOptions { MaxDecompressedBytes = 8 << 20 }));
        Assert.Contains("limit", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [SampleFact]
    public void TruncatedAndorraPbfKeepsWhatCameBeforeWithDiagnostic()
    {
        var bytes = File.ReadAllBytes(Samples.Require("geo", "andorra-2023-05-02.osm.pbf"));
        var path = _files.Write("cut.osm.pbf", bytes[..(bytes.Length / 2)]);

        var layer = LayerReader.Read(path);

        Assert.Equal("osm-pbf", layer.Format);
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Damaged);
        Assert.True(layer.SourceCounts["nodes"] is > 0 and < 370_798);
    }

    [SampleFact]
    public void AndorraPbfWithFlippedBitsNeverCrashes()
    {
        var original = File.ReadAllBytes(Samples.Require("geo", "andorra-2023-05-02.osm.pbf"));
        var random = new Random(1234);
        for (var round = 0; round < 6; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = 0; k < 20; k++)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            var path = _files.Write($"flip{round}.osm.pbf", bytes);
            try
            {
                var layer = LayerReader.Read(path);
                Assert.True(layer.SourceCounts["nodes"] <= 370_798 + 1000);
            }
            catch (LayerUnreadableException)
            {
                // A clear refusal is acceptable; a crash is not.
            }
        }
    }

    [SampleFact]
    public void TruncatedShapefileKeepsWholeRecordsWithDiagnostic()
    {
        var shp = File.ReadAllBytes(Samples.Require("geo", "us_military.shp"));
        var path = _files.Write("cut.shp", shp[..(shp.Length / 3)]);
        File.Copy(Samples.Require("geo", "us_military.dbf"), Path.Combine(_files.Folder, "cut.dbf"));

        var layer = LayerReader.Read(path);

        Assert.True(layer.Features.Count is > 0 and < 328);
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Damaged);
        Assert.Contains(layer.Diagnostics, d => d.Message.Contains("no .prj", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntheticOpenAirCircleArcAndBrokenCoordinate()
    {
        var path = _files.Write("air.txt", """
            * synthetic OpenAir
            AC R
            AN Circle 2NM
            AL GND
            AH 1000ft AMSL
            V X=47:00:00 N 008:00:00 E
            DC 2
            AC Q
            AN Broken
            DP 47:00:00 N 008:00:00 E
            DP 99:99:99 N 008:00:00 E
            DP 47:01:00 N 008:01:00 E
            """);
        var layer = LayerReader.Read(path);

        Assert.Equal("openair", layer.Format);
        var circle = Assert.Single(layer.Features);
        Assert.Equal("restricted", circle.Subcategory);
        Assert.Equal("1000ft AMSL", circle.UpperLimit);
        // Area of a 2 NM (3,704 m) circle is π·r² = 43.10 km². With a chord error of at most 1 m the circle becomes an
        // inscribed 136-gon (steps of 2·acos(1 − 1/3704) = 2.66°), 0.036 % smaller: 1 − sin(2π/136)·136/(2π).
        Assert.Equal(136 + 1, circle.Geometry.NumPoints);
        var local = new Analysis.LocalProjection(47, 8).Project(circle.Geometry);
        Assert.InRange(local.Area, Math.PI * 3704 * 3704 * 0.999, Math.PI * 3704 * 3704);
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Skipped && d.Location.EndsWith("Broken", StringComparison.Ordinal) && d.Message.Contains("dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntheticCsvWithLatLonAndWktColumns()
    {
        var latlon = _files.Write("sites.csv", "id;name;lat;lon;category\nA1;\"Mast; north\";47.1;8.2;telecom\nA2;bad;x;y;\n");
        var wkt = _files.Write("wkt.csv", "osm_id,wkt,power\nway/5,\"POLYGON((8 47, 8.1 47, 8.1 47.1, 8 47))\",substation\n");
        var lines = _files.Write("lines.wkt", "POINT (8 47)\nLINESTRING (8 47, 8.1 47.1)\nNOT WKT\n");

        var a = LayerReader.Read(latlon);
        var b = LayerReader.Read(wkt);
        var c = LayerReader.Read(lines);

        Assert.Equal("csv", a.Format);
        var mast = Assert.Single(a.Features);
        Assert.Equal(("A1", "Mast; north", "telecom"), (mast.Id, mast.Name, mast.Category));
        Assert.Equal("energy", Assert.Single(b.Features).Category);
        Assert.Equal("way/5", b.Features[0].Id);
        Assert.Equal("wkt", c.Format);
        Assert.Equal(2, c.Features.Count);
        Assert.Contains(c.Diagnostics, d => d.Location == "line 3");
    }

    [Fact]
    public void MissingOrDirectoryLayerIsAClearError()
    {
        Assert.Throws<LayerUnreadableException>(() => LayerReader.Read(Path.Combine(_files.Folder, "nope.geojson")));
        Assert.Throws<LayerUnreadableException>(() => LayerReader.Read(_files.Folder));
    }
}
