using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.Robustness.Tests.Harness;
using FlightForensics.TestSupport;
using NetTopologySuite.IO;
using Xunit.Abstractions;

namespace FlightForensics.Robustness.Tests;

/// <summary>
/// The prefix property for the record-oriented layer formats (issue: evidence-grade robustness, Fuzzing): a real layer
/// cut at a record boundary (25, 50 and 90 % of its records) gives the same features as the whole layer up to that
/// point — same ids, names, classes, tags, limits and exactly equal geometries — and nothing else; where the format's
/// structure shows the cut (OSM XML: the document is not closed), the reader says so. GeoJSON and Overpass JSON are
/// one JSON document (a cut one is refused as a whole), KMZ, OSM PBF and Shapefile are binary containers: see
/// docs/robustness.md.
/// </summary>
public sealed class LayerPrefixTests(ITestOutputHelper output) : IDisposable
{
    private static readonly double[] s_fractions = [0.25, 0.5, 0.9];
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ff-layer-prefix-");

    public void Dispose() => _dir.Delete(recursive: true);

    private InfrastructureLayer Read(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, bytes);
        return LayerReader.Read(path);
    }

    /// <summary>Offsets just after every occurrence of <paramref name="marker"/> (the start of the record it introduces).</summary>
    private static List<int> RecordStarts(byte[] bytes, string marker, int skip)
    {
        var starts = new List<int>();
        var m = Encoding.ASCII.GetBytes(marker);
        for (int at = bytes.AsSpan().IndexOf(m); at >= 0;)
        {
            starts.Add(at + skip);
            int next = bytes.AsSpan(at + 1).IndexOf(m);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return starts;
    }

    private static void AssertSameFeature(InfrastructureFeature expected, InfrastructureFeature actual, string where)
    {
        Assert.True(expected.Id == actual.Id, $"{where}: id {actual.Id}, expected {expected.Id}");
        Assert.Equal((expected.Name, expected.Category, expected.Subcategory, expected.LowerLimit, expected.UpperLimit),
            (actual.Name, actual.Category, actual.Subcategory, actual.LowerLimit, actual.UpperLimit));
        Assert.True(expected.Geometry.EqualsExact(actual.Geometry), $"{where}: {expected.Id} geometry differs");
        Assert.Equal(expected.Tags.OrderBy(t => t.Key, StringComparer.Ordinal), actual.Tags.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    /// <summary>The prefix has exactly the <paramref name="expected"/> features of the whole layer, in order.</summary>
    private static void AssertPrefix(List<InfrastructureFeature> expected, InfrastructureLayer prefix, string where)
    {
        Assert.True(expected.Count == prefix.Features.Count, $"{where}: {prefix.Features.Count} features, expected {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            AssertSameFeature(expected[i], prefix.Features[i], where);
        }
    }

    [SampleFact]
    public void OpenAir_cut_before_an_airspace_gives_the_airspaces_before_it()
    {
        var bytes = File.ReadAllBytes(Samples.Require("geo", "germany-openair-2021-05.txt"));
        var whole = Read("whole.txt", bytes);
        var starts = RecordStarts(bytes, "\nAC ", 1);
        // Every airspace of the sample becomes a feature (658 AC lines, 658 features), so the k-th AC line starts the k-th feature.
        Assert.Equal(starts.Count, whole.Features.Count);
        foreach (var fraction in s_fractions)
        {
            int k = (int)(starts.Count * fraction);
            var prefix = Read("prefix.txt", bytes[..starts[k]]);
            AssertPrefix(whole.Features.Take(k).ToList(), prefix, $"cut before airspace {k} at byte {starts[k]}");
            Assert.Equal(k, prefix.SourceCounts["airspaces"]);
            // An OpenAir file has no end marker: a cut between airspaces cannot be told from a shorter file.
            Assert.DoesNotContain(prefix.Diagnostics, d => d.Kind is LayerDiagnosticKind.Damaged or LayerDiagnosticKind.Skipped);
        }

        output.WriteLine($"openair: {whole.Features.Count} airspaces, cuts after {string.Join(", ", s_fractions.Select(f => (int)(starts.Count * f)))}: equal");
    }

    /// <summary>WKT lines and CSV rows written from the real Andorra features (the samples have no layer in these forms).</summary>
    private static (byte[] Wkt, byte[] CsvWkt, byte[] CsvLatLon) TextLayers(InfrastructureLayer andorra)
    {
        var writer = new WKTWriter();
        var wkt = Encoding.UTF8.GetBytes(string.Concat(andorra.Features.Select(f => writer.Write(f.Geometry) + "\n")));
        var csvWkt = Encoding.UTF8.GetBytes("id,name,category,wkt\n" + string.Concat(andorra.Features.Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f.Id},\"{(f.Name ?? string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal)}\",{f.Category},\"{writer.Write(f.Geometry)}\"\n"))));
        var csvLatLon = Encoding.UTF8.GetBytes("name;category;latitude;longitude\n" + string.Concat(andorra.Features.Where(f => f.Geometry is NetTopologySuite.Geometries.Point).Select(f =>
            string.Create(CultureInfo.InvariantCulture, $"{f.Id};{f.Category};{f.Geometry.Coordinate.Y:0.0000000};{f.Geometry.Coordinate.X:0.0000000}\n"))));
        return (wkt, csvWkt, csvLatLon);
    }

    [SampleTheory]
    [InlineData("wkt")]
    [InlineData("csv")]
    [InlineData("csv-latlon")]
    public void Wkt_and_csv_cut_at_a_line_give_the_rows_before_it(string id)
    {
        var andorra = LayerReader.Read(Samples.Require("geo", "andorra-infra.geojson"));
        var (wkt, csvWkt, csvLatLon) = TextLayers(andorra);
        var bytes = id switch { "wkt" => wkt, "csv" => csvWkt, _ => csvLatLon };
        var whole = Read("layer.dat", bytes);
        Assert.Equal(id == "wkt" ? "wkt" : "csv", whole.Format);
        // A record is a line; CSV keeps its header line in every prefix.
        var starts = RecordStarts(bytes, "\n", 1).Where(s => s < bytes.Length).ToList();
        int header = id == "wkt" ? 0 : 1;
        Assert.Equal(starts.Count + 1 - header, whole.Features.Count);
        foreach (var fraction in s_fractions)
        {
            int k = (int)(starts.Count * fraction);
            var prefix = Read("layer.dat", bytes[..starts[k]]);
            AssertPrefix(whole.Features.Take(k + 1 - header).ToList(), prefix, $"{id} cut after line {k + 1} at byte {starts[k]}");
            Assert.DoesNotContain(prefix.Diagnostics, d => d.Kind is LayerDiagnosticKind.Damaged or LayerDiagnosticKind.Skipped);
        }

        output.WriteLine($"{id}: {whole.Features.Count} features, 3 cuts: equal");
    }

    [SampleFact]
    public void Shapefile_shp_cut_before_a_record_gives_the_records_before_it_and_reports_the_cut()
    {
        var shp = File.ReadAllBytes(Samples.Require("geo", "us_military.shp"));
        foreach (var companion in new[] { "us_military.shx", "us_military.dbf", "us_military.prj" })
        {
            File.Copy(Samples.Require("geo", companion), Path.Combine(_dir.FullName, companion));
        }

        var whole = Read("us_military.shp", shp);
        // Records after the 100-byte header: 4-byte number, 4-byte content length in 16-bit words (big-endian), content.
        var starts = new List<int>();
        for (int at = 100; at + 8 <= shp.Length; at += 8 + (2 * System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(shp.AsSpan(at + 4))))
        {
            starts.Add(at);
        }

        Assert.Equal(starts.Count, whole.Features.Count);
        foreach (var fraction in s_fractions)
        {
            int k = (int)(starts.Count * fraction);
            var prefix = Read("us_military.shp", shp[..starts[k]]);
            AssertPrefix(whole.Features.Take(k).ToList(), prefix, $"shapefile cut before record {k + 1} at byte {starts[k]}");
            // The header's file length no longer matches, and the .dbf has more rows than the .shp records.
            Assert.Contains(prefix.Diagnostics, d => d.Kind == LayerDiagnosticKind.Damaged && d.Location == "offset 24");
        }

        output.WriteLine($"shapefile: {whole.Features.Count} records, cuts before {string.Join(", ", s_fractions.Select(f => (int)(starts.Count * f) + 1))}: equal, cut reported");
    }

    [SampleFact]
    public void Osm_xml_cut_before_an_element_gives_the_objects_before_it_and_reports_the_cut()
    {
        var corpus = LayerCorpus.Build(Samples.Root!, quick: false);
        var xml = corpus.Single(s => s.Id == "osm-xml").Mutated; // the Liechtenstein extract decompressed, 13.5 MB
        var whole = Read("layer.osm", xml);
        // Top-level elements are indented by two spaces in this extract (osmium's output): node, way, relation.
        var text = Encoding.UTF8.GetString(xml);
        var elementAt = Regex.Matches(text, "\n  <(node|way|relation) id=\"(-?[0-9]+)\"")
            .ToDictionary(m => m.Groups[1].Value + "/" + m.Groups[2].Value, m => Encoding.UTF8.GetByteCount(text.AsSpan(0, m.Index + 1)), StringComparer.Ordinal);
        var starts = elementAt.Values.Order().ToList();
        Assert.All(whole.Features, f => Assert.True(elementAt.ContainsKey(f.Id), $"{f.Id} not found in the XML"));
        // Nodes are most of the elements: add a cut halfway through the ways, where lines and areas are assembled.
        var ways = elementAt.Where(e => e.Key.StartsWith("way/", StringComparison.Ordinal)).Select(e => e.Value).Order().ToList();
        var cuts = s_fractions.Select(f => starts[(int)(starts.Count * f)]).Append(ways[ways.Count / 2]).Order().ToList();
        foreach (var cut in cuts)
        {
            var prefix = Read("layer.osm", xml[..cut]);
            // Nodes come first, then ways, then relations, so an object before the cut has all it refers to before it too.
            var expected = whole.Features.Where(f => elementAt[f.Id] < cut).ToList();
            AssertPrefix(expected, prefix, $"osm-xml cut at byte {cut}");
            Assert.Contains(prefix.Diagnostics, d => d.Kind == LayerDiagnosticKind.Damaged && d.Message.Contains("reading stopped", StringComparison.Ordinal));
            output.WriteLine($"osm-xml cut at {cut} of {xml.Length} bytes: {expected.Count} of {whole.Features.Count} features ({expected.Count(f => !f.Id.StartsWith("node/", StringComparison.Ordinal))} ways/relations), equal; cut reported");
        }
    }
}
