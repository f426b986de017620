using System.Security.Cryptography;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.TestSupport;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// The Liechtenstein OSM XML extract (bzip2). Expected figures from python3's bz2 and re modules on the same file:
/// 13,556,974 bytes decompressed, SHA-256 a2819cc6…3650b50, 65,733 nodes, 7,121 ways, 113 relations.
/// </summary>
public sealed class OsmXmlSampleTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [SampleFact]
    public void Bzip2DecoderReproducesPythonBz2Output()
    {
        using var input = File.OpenRead(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));
        using var bz = new MultiStreamBZip2Stream(input);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = bz.Read(buffer, 0, buffer.Length)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            total += n;
        }

        Assert.Equal(13_556_974, total);
        Assert.Equal("a2819cc66e27d957fe332409e1b8835724063c949499cdd21c469eedd3650b50", Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    [SampleFact]
    public void ConcatenatedBzip2StreamsAreAllRead()
    {
        // pbzip2/lbzip2 write one stream per block; the library alone stops after the first. Expected: the sample
        // twice, as `cat x.bz2 x.bz2 | bzip2 -dc | sha256sum` gives (bzip2 1.0.8).
        var bytes = File.ReadAllBytes(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));
        using var bz = new MultiStreamBZip2Stream(new MemoryStream([.. bytes, .. bytes], writable: false));
        using var output = new MemoryStream();
        bz.CopyTo(output);

        Assert.Equal(2 * 13_556_974, output.Length);
        Assert.Equal("a9fc6c9c1f2fb38e3656d8b1b4235d594196bc53486632d6bf6070429385fde9", Convert.ToHexStringLower(SHA256.HashData(output.ToArray())));
    }

    [Fact]
    public void SyntheticNonBzip2InputIsRefusedWithOneLine()
    {
        using var bz = new MultiStreamBZip2Stream(new MemoryStream("<osm version=\"0.6\"/>"u8.ToArray()));

        var ex = Assert.Throws<InvalidDataException>(() => bz.ReadByte());
        Assert.Equal("not a bzip2 stream header at compressed byte 0", ex.Message);
    }

    [SampleFact]
    public void TruncatedBzip2FailsWithTheOffsetWhereTheDataEnds()
    {
        var bytes = File.ReadAllBytes(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));
        using var bz = new MultiStreamBZip2Stream(new MemoryStream(bytes[..1000], writable: false));

        var ex = Assert.Throws<InvalidDataException>(() => bz.CopyTo(Stream.Null));
        Assert.Equal("bzip2 data ends early near compressed byte 1000", ex.Message);
    }

    [SampleFact]
    public void NoByteOfABlockFailingItsCrcIsPassedOn()
    {
        // Bytes 4..9 are the first block's magic, 10..13 its CRC, then 1 bit "randomised" and the 24-bit origPtr
        // (bzip2 format, Joe Tsai 2016): flipping origPtr's second-lowest bit rotates the whole first block's text, which
        // is still plausible XML; only the block CRC tells. The library would return those bytes before comparing it.
        var bytes = File.ReadAllBytes(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));
        bytes[16] ^= 0x01;
        using var bz = new MultiStreamBZip2Stream(new MemoryStream(bytes, writable: false));

        var ex = Assert.Throws<InvalidDataException>(() => bz.Read(new byte[4096], 0, 4096));
        Assert.Contains("crc", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [SampleFact]
    public void LiechtensteinOsmXmlBz2ObjectCountsAndRailway()
    {
        var layer = LayerReader.Read(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));

        Assert.Equal("osm-xml-bz2", layer.Format);
        Assert.Equal(65_733, layer.SourceCounts["nodes"]);
        Assert.Equal(7_121, layer.SourceCounts["ways"]);
        Assert.Equal(113, layer.SourceCounts["relations"]);
        Assert.Contains(layer.Features, f => f.Category == "rail" && f.Subcategory == "line" && f.Kind == GeometryKind.Line);
        Assert.Contains(layer.Features, f => f.Category == "aviation");
        Assert.Equal(InfrastructureLayer.OsmAttribution, layer.Attribution);
    }

    [SampleFact]
    public void OverpassJsonDerivedFromTheSameExtractGivesTheSameRailAndAviationIds()
    {
        // The Overpass JSON was converted from this XML extract with the same tag filter: both readers must agree on
        // the ids of the features they classify as rail and aviation.
        var xml = LayerReader.Read(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));
        var overpass = LayerReader.Read(Samples.Require("geo", "liechtenstein-infra.overpass.json"));
        foreach (var category in new[] { "rail", "aviation", "dam", "pipeline" })
        {
            var a = xml.Features.Where(f => f.Category == category).Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
            var b = overpass.Features.Where(f => f.Category == category).Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(a);
            Assert.Equal(a, b);
        }
    }

    [SampleFact]
    public void TruncatedBzip2KeepsObjectsBeforeTheCutWithDiagnostic()
    {
        var bytes = File.ReadAllBytes(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));
        var path = _files.Write("cut.osm.bz2", bytes[..(bytes.Length / 2)]);

        var layer = LayerReader.Read(path);

        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Damaged);
        Assert.True(layer.SourceCounts["nodes"] is > 0 and < 65_733);
    }

    [SampleFact]
    public void Bzip2WithFlippedBitFailsItsBlockCrcOrStructure()
    {
        var bytes = File.ReadAllBytes(Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"));
        bytes[bytes.Length / 3] ^= 0x10;
        var path = _files.Write("flip.osm.bz2", bytes);

        var layer = LayerReader.Read(path);

        var damaged = Assert.Single(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Damaged);
        Assert.DoesNotContain('\n', damaged.Message);
        Assert.Contains("bzip2 data damaged", damaged.Message, StringComparison.Ordinal);
    }
}
