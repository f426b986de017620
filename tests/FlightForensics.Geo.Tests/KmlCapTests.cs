using System.IO.Compression;
using System.Text;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.TestSupport;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// Issue #24 §2, KMZ bombs: a placemark whose name inflates far beyond any real one, and more placemarks than the
/// feature cap. The layer keeps what came before the cut and says loudly (<see cref="InfrastructureLayer.Truncation"/>,
/// shown in every summary) that it was cut, instead of running out of memory or dropping features silently.
/// </summary>
public sealed class KmlCapTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Placemark(int i) =>
        $"<Placemark id=\"p{i}\"><name>P{i}</name><Point><coordinates>{i % 90}.5,1.5</coordinates></Point></Placemark>";

    private static byte[] Kmz(byte[] doc)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("doc.kml", CompressionLevel.SmallestSize).Open();
            s.Write(doc);
        }

        return memory.ToArray();
    }

    [Fact]
    public void Synthetic_kmz_with_an_inflated_name_keeps_the_placemarks_before_it_and_says_it_was_cut()
    {
        var doc = new StringBuilder("<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>");
        doc.Append(Placemark(0)).Append(Placemark(1));
        doc.Append("<Placemark id=\"bomb\"><name>").Append('A', 3 << 20).Append("</name><Point><coordinates>2,2</coordinates></Point></Placemark>");
        doc.Append(Placemark(3)).Append("</Document></kml>");
        var bytes = Kmz(Encoding.UTF8.GetBytes(doc.ToString()));
        Assert.True(bytes.Length < 64 << 10, "the archive is small; its content is not");

        var layer = LayerReader.Read(_files.Write("bomb.kmz", bytes), new LayerReadOptions { MaxXmlElementBytes = 1 << 20 });

        Assert.Equal(["p0", "p1"], layer.Features.Select(f => f.Id));
        Assert.NotNull(layer.Truncation);
        Assert.Contains("MaxXmlElementBytes", layer.Truncation, StringComparison.Ordinal);
        Assert.Equal(layer.Truncation, LayerSummary.Of(layer).Truncated);
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Limit && d.Location == "Placemark[2]");
    }

    [Fact]
    public void Synthetic_kml_with_more_placemarks_than_the_cap_is_cut_there_and_says_so_even_when_diagnostics_are_full()
    {
        // Each of the first placemarks has a diagnostic of its own (an id that repeats), so the store of diagnostics
        // is full long before the cap: the cut must still show in the summary.
        var doc = new StringBuilder("<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>");
        for (int i = 0; i < 50; i++)
        {
            doc.Append("<Placemark id=\"same\"><Point><coordinates>1,1</coordinates></Point></Placemark>");
        }

        doc.Append("</Document></kml>");
        var options = new LayerReadOptions { MaxFeatures = 20, MaxDiagnostics = 5 };

        var layer = LayerReader.Read(_files.Write("many.kml", doc.ToString()), options);

        Assert.Equal(20, layer.Features.Count);
        Assert.Contains("feature limit of 20", layer.Truncation, StringComparison.Ordinal);
        Assert.Equal(20, layer.SourceCounts["placemarks"]);
    }

    [Fact]
    public void Synthetic_kml_with_exactly_the_cap_is_not_called_cut()
    {
        var doc = "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>" + string.Concat(Enumerable.Range(0, 20).Select(Placemark)) + "</Document></kml>";
        var layer = LayerReader.Read(_files.Write("exact.kml", doc), new LayerReadOptions { MaxFeatures = 20 });

        Assert.Equal(20, layer.Features.Count);
        Assert.Null(layer.Truncation);
    }

    [Fact]
    public void Synthetic_kmz_whose_entry_declares_more_than_the_entry_cap_is_refused_with_the_option_named()
    {
        var doc = new byte[3 << 20];
        doc.AsSpan().Fill((byte)' ');
        Encoding.UTF8.GetBytes("<kml>").CopyTo(doc, 0);
        Encoding.UTF8.GetBytes("</kml>").CopyTo(doc, doc.Length - 6);

        var ex = Assert.Throws<LayerUnreadableException>(() => LayerReader.Read(_files.Write("big.kmz", Kmz(doc)), new LayerReadOptions { MaxKmzEntryBytes = 1 << 20 }));
        Assert.Contains("MaxKmzEntryBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_cut_layer_is_named_in_the_check_notes()
    {
        var doc = "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>" + string.Concat(Enumerable.Range(0, 5).Select(Placemark)) + "</Document></kml>";
        var layer = LayerReader.Read(_files.Write("cut.kml", doc), new LayerReadOptions { MaxFeatures = 2 });
        var log = new FlightForensics.Core.Model.FlightLog
        {
            Evidence = new FlightForensics.Core.Evidence.EvidenceFile { FileName = "empty.bin", FullPath = "empty.bin", Bytes = 0, Sha256 = new string('0', 64) },
            FormatId = "synthetic",
            DecoderName = "test",
            DecoderVersion = "0",
            Summary = new FlightForensics.Core.Decoding.SampleSummary(),
        };

        var result = FlightForensics.Geo.Analysis.InfrastructureCheck.Run(log, null, [layer]);

        Assert.Contains(result.Notes, n => n.StartsWith("layer cut.kml was not read to its end (feature limit of 2", StringComparison.Ordinal));
    }
}
