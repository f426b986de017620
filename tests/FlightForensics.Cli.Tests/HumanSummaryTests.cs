using System.Security.Cryptography;
using System.Text.Json;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// Issue #24 §3: `inspect`, `layers` and `extract` printed JSON to a person who did not ask for it. Without --json they
/// now give a summary on stderr and nothing on stdout; with --json the machine form is unchanged.
/// </summary>
public sealed class HumanSummaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-human-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string RepoFile(params string[] parts) => Path.Combine([Samples.RepositoryRoot, .. parts]);

    [Fact]
    public void Inspect_without_json_is_a_table_of_record_counts_on_stderr()
    {
        var log = RepoFile("logs", "demoville-quadcopter.tlog");
        var (code, output, err) = Run("inspect", log);
        Assert.Equal(0, code);
        Assert.Equal("", output);

        // The counts a person reads must be the ones the JSON states.
        var (_, json, _) = Run("inspect", log, "--json");
        using var doc = JsonDocument.Parse(json);
        var counts = doc.RootElement.GetProperty("recordCounts").EnumerateObject().ToList();
        Assert.NotEmpty(counts);
        Assert.All(counts, c => Assert.Matches($@"│ {c.Name} +│ +{c.Value.GetInt32():N0} │", err));
    }

    [Fact]
    public void Layers_without_json_names_each_category_with_its_count()
    {
        var layer = RepoFile("logs", "demoville-infrastructure.geojson");
        var (code, output, err) = Run("layers", layer);
        Assert.Equal(0, code);
        Assert.Equal("", output);
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(layer)));
        Assert.Contains(sha, err, StringComparison.Ordinal);
        Assert.Matches(@"│\s+water\s+│ 1\s+│", err);
        Assert.Matches(@"│ features\s+│ 7\s+│", err);
    }

    [Fact]
    public void Extract_carves_each_picture_and_its_hash_matches_the_bytes_at_its_offset()
    {
        var evidence = Samples.Require("dji", "txt", "DROP_DJIFlightRecord_2016-09-26_[14-12-45].txt");
        var jsonOut = Path.Combine(_dir, "json");
        var (code, output, err) = Run("extract", evidence, "-o", jsonOut, "--json");
        Assert.Equal(0, code);

        using var doc = JsonDocument.Parse(output);
        var extracted = doc.RootElement.GetProperty("extracted").EnumerateArray().ToList();
        Assert.Equal(6, extracted.Count);
        var bytes = File.ReadAllBytes(evidence);
        Assert.All(extracted, x =>
        {
            var range = bytes.AsSpan((int)x.GetProperty("offset").GetInt64(), (int)x.GetProperty("length").GetInt64());
            var sha = Convert.ToHexStringLower(SHA256.HashData(range));
            Assert.Equal(sha, x.GetProperty("sha256").GetString());
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(jsonOut, x.GetProperty("name").GetString()!)))));
            Assert.Contains(sha, err, StringComparison.Ordinal);
        });

        var (code2, output2, err2) = Run("extract", evidence, "-o", Path.Combine(_dir, "human"));
        Assert.Equal(0, code2);
        Assert.Equal("", output2);
        Assert.Contains("extracted 6 of 6 attachment(s)", err2, StringComparison.Ordinal);
    }
}
