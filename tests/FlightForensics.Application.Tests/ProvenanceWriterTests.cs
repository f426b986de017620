using System.Security.Cryptography;
using System.Text.Json;
using FlightForensics.Application.Provenance;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Reporting.Exports;
using FlightForensics.TestSupport;

namespace FlightForensics.Application.Tests;

/// <summary>The one provenance writer: the sidecar names the output by its SHA-256, and no temporary file is left.</summary>
public sealed class ProvenanceWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-provenance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Synthetic_export_sidecar_states_the_output_hash_and_the_evidence()
    {
        var output = Path.Combine(_dir, "track.csv");
        byte[] bytes = "time_utc,lat\n2024-01-01T00:00:00.000Z,47\n"u8.ToArray();
        File.WriteAllBytes(output, bytes);
        var evidence = EvidenceFile.Open(Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog"));
        var sink = new FlightLogSink();

        var sidecar = ProvenanceWriter.WriteExport(output, evidence, new ExportProvenance("mavlink-tlog", "test-decoder", "1"), sink);

        Assert.Equal(output + ".provenance.json", sidecar);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(sidecar));
        Assert.Equal("track.csv", doc.RootElement.GetProperty("output").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), doc.RootElement.GetProperty("outputSha256").GetString());
        using (var s = File.OpenRead(evidence.FullPath))
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(s)), doc.RootElement.GetProperty("evidence").GetProperty("sha256").GetString());
        }

        Assert.Equal(["track.csv", "track.csv.provenance.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
