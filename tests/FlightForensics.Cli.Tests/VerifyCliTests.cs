using System.Security.Cryptography;
using System.Text.Json;
using FlightForensics.Cli;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>The verb as users and scripts see it: the contract's JSON shape, exit codes, one-line errors.</summary>
public class VerifyCliTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [SampleFact]
    public void Json_has_every_contract_field_and_the_evidence_hash()
    {
        var path = Samples.Require("mavlink", "codelever_2013-10-13_16-58-51.tlog");
        var (code, stdout, _) = Run("verify", path, path, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var source = root.GetProperty("sources")[0];
        using (var stream = File.OpenRead(path))
        {
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stream)), source.GetProperty("sha256").GetString());
        }

        Assert.Equal("mavlink-tlog", source.GetProperty("format").GetString());
        Assert.Equal("2013-10-13T21:59:05.328Z", source.GetProperty("startUtc").GetString()); // MANIFEST: first tlog record
        Assert.True(source.GetProperty("samples").GetInt64() > 0);
        foreach (var name in new[] { "source", "clockOffsetS", "method", "confidence" })
        {
            Assert.True(root.GetProperty("alignment")[1].TryGetProperty(name, out _), name);
        }

        var pair = root.GetProperty("agreement")[0];
        foreach (var name in new[] { "a", "b", "overlapS", "medianHorizontalM", "p95HorizontalM", "medianVerticalM", "p95VerticalM" })
        {
            Assert.True(pair.TryGetProperty(name, out _), name);
        }

        Assert.Equal(0, pair.GetProperty("medianHorizontalM").GetDouble());
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            Assert.Contains(f.GetProperty("severity").GetString(), new[] { "info", "low", "medium", "high" });
            Assert.Equal(JsonValueKind.Object, f.GetProperty("evidence").ValueKind);
            Assert.Equal(JsonValueKind.Array, f.GetProperty("sourceOffsets").ValueKind);
            Assert.Equal(JsonValueKind.Array, f.GetProperty("sources").ValueKind);
            Assert.False(string.IsNullOrEmpty(f.GetProperty("explanation").GetString()));
            Assert.True(f.TryGetProperty("startUtc", out _) && f.TryGetProperty("endUtc", out _) && f.TryGetProperty("kind", out _));
        });
        Assert.False(string.IsNullOrEmpty(root.GetProperty("summary").GetString()));
    }

    [Fact]
    public void Unreadable_input_exits_2_with_one_line()
    {
        var (code, stdout, stderr) = Run("verify", "/nonexistent/flight.tlog", "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [SampleFact]
    public void Text_output_goes_to_stderr_and_ends_with_the_summary()
    {
        var path = Samples.Require("mavlink", "cuav_sitl_2018_flight.tlog");
        var (code, stdout, stderr) = Run("verify", path);
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Contains("ends-airborne", stderr, StringComparison.Ordinal);
        Assert.StartsWith("1 source(s)", stderr.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
    }

    [SampleFact]
    public void Every_kind_verify_emits_is_named_in_the_shared_contract()
    {
        var contract = File.ReadAllText(Path.Combine(Samples.Root!, "..", "CONTRACT.md"));
        var section = contract[contract.IndexOf("`kind` names", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("Exit 0", StringComparison.Ordinal)];
        var named = System.Text.RegularExpressions.Regex.Matches(section, "`([a-z-]+)`").Select(m => m.Groups[1].Value).ToHashSet();
        var ours = typeof(Verification.Model.FindingKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(ours);
        Assert.All(ours, kind => Assert.Contains(kind, named));
    }

    [SampleFact]
    public void Verify_with_aircraft_selects_that_aircraft_of_the_capture()
    {
        // The reference decode (djidroneid_ref.py) names this serial among the 15 of the spoofed capture.
        var reference = File.ReadAllText(Samples.Require("remoteid", "reference", "mavic_multiple_spoofed.pcapng.djidroneid.tsv"));
        const string serial = "EPUGT0787GWS5II6";
        Assert.Contains(serial, reference, StringComparison.Ordinal);

        var (code, stdout, stderr) = Run("verify", Samples.Require("remoteid", "mavic_multiple_spoofed.pcapng"), "--aircraft", serial, "--json");
        Assert.Equal(0, code);
        Assert.DoesNotContain("no input holds several aircraft", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        var source = Assert.Single(doc.RootElement.GetProperty("sources").EnumerateArray());
        Assert.EndsWith("[" + serial + "]", source.GetProperty("file").GetString(), StringComparison.Ordinal);
        Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("kind").GetString() == "operator-implausible");
    }

    [SampleFact]
    public void Report_with_corroborate_has_the_trust_section_and_a_missing_file_is_one_line()
    {
        var flight = Samples.Require("mavlink", "codelever_2013-10-13_16-58-51.tlog");
        var dir = Directory.CreateTempSubdirectory("ff-trust-cli-").FullName;
        try
        {
            string html = Path.Combine(dir, "r.html");
            var (code, _, _) = Run("report", flight, "--corroborate", flight, "-o", html);
            Assert.Equal(0, code);
            Assert.Contains("<section id=\"trust\">", File.ReadAllText(html), StringComparison.Ordinal);

            var (bad, stdout, stderr) = Run("report", flight, "--corroborate", Path.Combine(dir, "missing.tlog"), "-o", Path.Combine(dir, "r2.html"));
            Assert.Equal(2, bad);
            Assert.Empty(stdout);
            Assert.Single(stderr.TrimEnd().Split('\n'));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
