using System.Text;
using System.Text.Json;
using FlightForensics.Core.Decoding;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// Issue #24 §1: no file a verb writes (main output, sidecar, profile, manifest, batch summary) may replace an
/// input, whatever it is called; batch output stays apart from the evidence; copies of one file are duplicates.
/// Every case here failed before the guard existed (the sidecar, profile and summary were written blindly).
/// </summary>
public sealed class EvidenceSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-safety-").FullName;

    public void Dispose()
    {
        foreach (var f in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(f, FileAttributes.Normal);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var registry = new FormatRegistry().Add(new SyntheticDecoder());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, registry: registry);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A synthetic log (decodable whatever its name) that is read-only, as seized evidence is.</summary>
    private string Evidence(string relativePath, string body = "47.5,8.25,12.5\n47.5005,8.2505,20\n47.501,8.251,25\n")
    {
        var path = Path.Combine(_dir, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [.. SyntheticDecoder.Magic, .. Encoding.ASCII.GetBytes(body)]);
        File.SetAttributes(path, FileAttributes.ReadOnly);
        return path;
    }

    private static void AssertRefusedAndUnchanged((int Code, string Out, string Err) run, string evidence, byte[] before)
    {
        Assert.True(run.Code == 1, run.Err);
        Assert.Contains("refusing", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(evidence));
    }

    [Fact]
    public void Decode_refuses_when_its_provenance_sidecar_would_replace_the_evidence()
    {
        var evidence = Evidence("case/track.csv.provenance.json");
        var before = File.ReadAllBytes(evidence);
        var output = Path.Combine(_dir, "case", "track.csv");
        AssertRefusedAndUnchanged(Run("decode", evidence, "-o", output), evidence, before);
        Assert.False(File.Exists(output), "nothing may be written when any planned output is evidence");
    }

    [Fact]
    public void Decode_with_no_sidecar_may_write_beside_such_a_file()
    {
        var evidence = Evidence("case/track.csv.provenance.json");
        var (code, _, err) = Run("decode", evidence, "-o", Path.Combine(_dir, "case", "track.csv"), "--no-sidecar");
        Assert.True(code == 0, err);
    }

    [Fact]
    public void Decode_refuses_a_hard_link_and_a_symbolic_link_to_the_evidence()
    {
        var evidence = Evidence("case/a.bin");
        var before = File.ReadAllBytes(evidence);
        var symlink = Path.Combine(_dir, "elsewhere.csv");
        File.CreateSymbolicLink(symlink, evidence);
        AssertRefusedAndUnchanged(Run("decode", evidence, "-o", symlink), evidence, before);

        var hardLink = Path.Combine(_dir, "hard.csv");
        if (LinkHard(evidence, hardLink))
        {
            AssertRefusedAndUnchanged(Run("decode", evidence, "-o", hardLink), evidence, before);
        }

        // Another spelling of the same path.
        var dotted = Path.Combine(_dir, "case", "..", "case", ".", "a.bin");
        AssertRefusedAndUnchanged(Run("decode", evidence, "-o", dotted), evidence, before);
    }

    [Fact]
    public void Plot_refuses_when_the_profile_beside_the_map_would_replace_the_evidence()
    {
        var evidence = Evidence("case/map-profile.svg");
        var before = File.ReadAllBytes(evidence);
        var map = Path.Combine(_dir, "case", "map.svg");
        AssertRefusedAndUnchanged(Run("plot", evidence, "-o", map), evidence, before);
        Assert.False(File.Exists(map));
    }

    [Fact]
    public void Report_refuses_when_its_manifest_would_replace_the_evidence()
    {
        var evidence = Evidence("case/rep.html.provenance.json");
        var before = File.ReadAllBytes(evidence);
        var report = Path.Combine(_dir, "case", "rep.html");
        AssertRefusedAndUnchanged(Run("report", evidence, "--static", "-o", report), evidence, before);
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void Check_refuses_an_output_that_is_a_file_inside_a_media_folder()
    {
        var evidence = Evidence("case/flight.bin");
        var photo = Evidence("case/photos/DJI_0001.JPG", "not really a photo");
        var before = File.ReadAllBytes(photo);
        var layer = Path.Combine(_dir, "site.geojson");
        File.WriteAllText(layer, """{"type":"FeatureCollection","features":[{"type":"Feature","id":"s1","properties":{"name":"Site","power":"substation"},"geometry":{"type":"Point","coordinates":[8.25,47.5]}}]}""");
        AssertRefusedAndUnchanged(Run("check", evidence, "--infra", layer, "--media", Path.Combine(_dir, "case", "photos"), "-o", photo), photo, before);
    }

    [Fact]
    public void Batch_refuses_an_output_folder_equal_to_inside_or_containing_the_evidence_folder()
    {
        var evidence = Evidence("case/a.bin");
        var summary = Evidence("case/summary.csv", "evidence that happens to be called summary.csv");
        var before = File.ReadAllBytes(summary);
        var folder = Path.Combine(_dir, "case");
        foreach (var output in new[] { folder, Path.Combine(folder, "out"), _dir })
        {
            var run = Run("batch", folder, "-o", output);
            AssertRefusedAndUnchanged((run.Code, run.Out, run.Err), summary, before);
        }

        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
        Assert.False(File.Exists(Path.Combine(folder, "summary.json")));
        Assert.True(File.Exists(evidence));
    }

    [Fact]
    public void Batch_inside_the_evidence_by_option_never_replaces_a_file_that_was_there()
    {
        Evidence("case/a.bin");
        var summary = Evidence("case/summary.csv", "an examiner's own notes");
        var before = File.ReadAllBytes(summary);
        var folder = Path.Combine(_dir, "case");
        AssertRefusedAndUnchanged(Run("batch", folder, "-o", folder, "--output-inside-evidence"), summary, before);

        File.SetAttributes(summary, FileAttributes.Normal);
        File.Delete(summary);
        var (code, _, err) = Run("batch", folder, "-o", folder, "--output-inside-evidence");
        Assert.True(code == 0, err);
        Assert.Contains("batch: 1 files (1 ok)", err, StringComparison.Ordinal);

        // A second run finds its own summary and refuses rather than replace it; its results/ are never read as evidence.
        var (code2, _, err2) = Run("batch", folder, "-o", folder, "--output-inside-evidence");
        Assert.Equal(1, code2);
        Assert.Contains("refusing", err2, StringComparison.Ordinal);
        Assert.Contains("summary.json", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_marks_identical_copies_as_duplicates_of_the_first_in_path_order_every_time()
    {
        var folder = Path.Combine(_dir, "card");
        foreach (var name in new[] { "d/FLY004.bin", "a/FLY001.bin", "c/FLY003.bin", "b/FLY002.bin", "e/FLY005.bin", "f/FLY006.bin" })
        {
            Evidence(Path.Combine("card", name));
        }

        Evidence("card/other.bin", "47.6,8.3,10\n");
        for (int run = 0; run < 4; run++)
        {
            var output = Path.Combine(_dir, $"out{run}");
            var (code, _, err) = Run("batch", folder, "-o", output, "--jobs", "4");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
            var rows = doc.RootElement.GetProperty("results").EnumerateArray()
                .ToDictionary(r => r.GetProperty("file").GetString()!.Replace('\\', '/'), r => (Status: r.GetProperty("status").GetString(), Reason: r.GetProperty("reason").GetString(), Samples: r.GetProperty("samples").GetInt64()));
            Assert.Equal(7, rows.Count);
            Assert.Equal(("ok", (string?)null, 3L), rows["a/FLY001.bin"]);
            Assert.Equal("ok", rows["other.bin"].Status);
            foreach (var copy in new[] { "b/FLY002.bin", "c/FLY003.bin", "d/FLY004.bin", "e/FLY005.bin", "f/FLY006.bin" })
            {
                Assert.Equal("duplicate", rows[copy].Status);
                Assert.Contains("a/FLY001.bin", rows[copy].Reason, StringComparison.Ordinal);
            }

            // The stored result (used to resume) names the first copy too.
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, "a", "FLY001.bin"))));
            using var stored = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results", sha + ".json")));
            Assert.Equal("a/FLY001.bin", stored.RootElement.GetProperty("file").GetString()!.Replace('\\', '/'));
        }
    }

    private static bool LinkHard(string existing, string link)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("ln", [existing, link]) { RedirectStandardError = true };
        try
        {
            using var p = System.Diagnostics.Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no ln (not Linux): the symbolic-link and spelling cases still run
        }
    }
}
