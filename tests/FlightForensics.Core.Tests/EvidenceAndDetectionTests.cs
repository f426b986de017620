using System.Diagnostics;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Core.Tests;

public sealed class EvidenceAndDetectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-core-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Sha256_matches_the_system_sha256sum()
    {
        var path = Path.Combine(_dir, "x.bin");
        var data = new byte[300_000];
        new Random(42).NextBytes(data);
        File.WriteAllBytes(path, data);

        var evidence = EvidenceFile.Open(path);

        Assert.Equal(300_000, evidence.Bytes);
        var expected = RunSha256Sum(path);
        if (expected is not null)
        {
            Assert.Equal(expected, evidence.Sha256);
        }
        else
        {
            // No sha256sum on this machine: fall back to the framework's incremental hasher, a different code path.
            using var h = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            h.AppendData(data);
            Assert.Equal(Convert.ToHexStringLower(h.GetHashAndReset()), evidence.Sha256);
        }
    }

    [Fact]
    public void Missing_directory_and_empty_inputs_are_refused_with_a_reason()
    {
        var empty = Path.Combine(_dir, "empty");
        File.WriteAllBytes(empty, []);
        Assert.Contains("no such file", Assert.Throws<EvidenceUnreadableException>(() => EvidenceFile.Open(Path.Combine(_dir, "nope"))).Message, StringComparison.Ordinal);
        Assert.Contains("directory", Assert.Throws<EvidenceUnreadableException>(() => EvidenceFile.Open(_dir)).Message, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Throws<EvidenceUnreadableException>(() => EvidenceFile.Open(empty)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detection_uses_content_not_the_extension_and_picks_the_most_confident()
    {
        var registry = new FormatRegistry().Add(new FakeDecoder("weak", "AB"u8.ToArray(), 10)).Add(new FakeDecoder("strong", "ABC"u8.ToArray(), 90));
        var path = Path.Combine(_dir, "renamed.tlog");
        File.WriteAllBytes(path, "ABCDEF"u8.ToArray());
        var (_, decoder, match) = new FlightLogReader(registry).Identify(path);
        Assert.Equal("strong", decoder.FormatId);
        Assert.Equal(90, match.Confidence);
    }

    [Fact]
    public void Unknown_content_names_the_magic_bytes()
    {
        var registry = new FormatRegistry().Add(new FakeDecoder("x", "XYZ"u8.ToArray(), 50));
        var path = Path.Combine(_dir, "unknown.txt");
        File.WriteAllBytes(path, [0xde, 0xad, 0xbe, 0xef, 0x41]);
        var ex = Assert.Throws<UnsupportedFormatException>(() => new FlightLogReader(registry).Identify(path));
        Assert.Contains("unsupported format", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deadbeef41", ex.Message, StringComparison.Ordinal);
        Assert.Equal("deadbeef41", ex.MagicHex);
    }

    [Fact]
    public void Reading_evidence_never_changes_it()
    {
        var registry = new FormatRegistry().Add(new FakeDecoder("x", "ABC"u8.ToArray(), 50));
        var path = Path.Combine(_dir, "e.bin");
        File.WriteAllBytes(path, "ABC-evidence"u8.ToArray());
        var before = File.GetLastWriteTimeUtc(path);
        File.SetAttributes(path, FileAttributes.ReadOnly);
        var log = new FlightLogReader(registry).Read(path);
        File.SetAttributes(path, FileAttributes.Normal);
        Assert.Equal("ABC-evidence"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(before, File.GetLastWriteTimeUtc(path));
        Assert.Equal(2, log.Samples.Count);
        Assert.Single(Directory.GetFiles(_dir));
    }

    private static string? RunSha256Sum(string path)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("sha256sum", [path]) { RedirectStandardOutput = true });
            if (p is null)
            {
                return null;
            }

            var line = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? line[..64] : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>A synthetic decoder: matches a magic prefix and emits two samples.</summary>
    private sealed class FakeDecoder(string id, byte[] magic, int confidence) : IFlightLogDecoder
    {
        public string FormatId => id;
        public string DecoderName => "fake";
        public string DecoderVersion => "1";

        public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength) =>
            head.StartsWith(magic) ? new FormatMatch(confidence, "1") : FormatMatch.None;

        public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
        {
            sink.AddSample(new TelemetrySample { SourceOffset = 0 });
            sink.AddSample(new TelemetrySample { SourceOffset = 3 });
        }
    }
}
