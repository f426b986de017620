using System.Text.Json;
using FlightForensics.Application;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Synthesis.Mavlink;
using FlightForensics.TestSupport;
using FlightForensics.Verification.Model;

namespace FlightForensics.Verification.Tests;

/// <summary><c>signature</c> and <c>header-mismatch</c>: what a file says about itself against what it holds.</summary>
public sealed class ProvenanceTests : IDisposable
{
    private static readonly FlightLogReader Reader = new(DefaultRegistries.Decoders());
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-verify-provenance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Finding Single(VerifyResult r, string kind) => Assert.Single(r.Findings, f => f.Kind == kind);

    private static double? Figure(Finding f, string name) => f.Evidence.Single(e => e.Name == name).Number;

    private static string? Text(Finding f, string name) => f.Evidence.Single(e => e.Name == name).Text;

    [SampleFact]
    public void Real_tlog_with_one_signed_packet_and_no_key_says_key_unknown()
    {
        // MANIFEST: brunoolivieri_2021-12-08-14-59-44.tlog holds 17,872 v2 packets, one of them signed (Mission Planner).
        var result = new Verifier().Verify([Reader.Read(Samples.Require("mavlink", "brunoolivieri_2021-12-08-14-59-44.tlog"))]);
        var f = Single(result, FindingKinds.Signature);
        Assert.Equal("key-unknown", Text(f, "status"));
        Assert.Equal(1, Figure(f, "packetsSigned"));
        Assert.Equal(17_872, Figure(f, "packetsV2"));
        Assert.Equal(Severity.Info, f.Severity);
    }

    private string SignedTlog(params byte[][] keys)
    {
        string path = Path.Combine(_dir, "signed.tlog");
        using var file = File.Create(path);
        var w = new TlogWriter(file);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < 10; i++)
        {
            var key = keys[i * keys.Length / 10];
            var signing = new MavlinkSigningParameters(key, 1, MavlinkSigningParameters.TimestampFor(t.AddSeconds(i)));
            w.Write(t.AddSeconds(i), MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 2).Set("autopilot", 3), signing: signing);
        }

        return path;
    }

    [Fact]
    public void Synthetic_signatures_valid_invalid_and_mixed_under_one_key()
    {
        byte[] a = MavlinkSigning.KeyFromPassphrase("case-a"), b = MavlinkSigning.KeyFromPassphrase("case-b");

        var valid = Single(new Verifier().Verify([Reader.Read(SignedTlog(a), new DecodeOptions { MavlinkSigningKey = a })]), FindingKinds.Signature);
        Assert.Equal("valid", Text(valid, "status"));
        Assert.Equal(Severity.Info, valid.Severity);
        Assert.Equal(10, Figure(valid, "signaturesValid"));

        var wrongKey = Single(new Verifier().Verify([Reader.Read(SignedTlog(a), new DecodeOptions { MavlinkSigningKey = b })]), FindingKinds.Signature);
        Assert.Equal("invalid", Text(wrongKey, "status"));
        Assert.Equal(Severity.Medium, wrongKey.Severity);
        Assert.Equal(10, Figure(wrongKey, "signaturesInvalid"));

        // Half signed with another key: the given key is right for five, so the other five were not signed by its holder.
        var mixedLog = Reader.Read(SignedTlog(a, b), new DecodeOptions { MavlinkSigningKey = a });
        var mixedResult = new Verifier().Verify([mixedLog]);
        var mixed = Single(mixedResult, FindingKinds.Signature);
        Assert.Equal(Severity.High, mixed.Severity);
        Assert.Equal(5, Figure(mixed, "signaturesInvalid"));
        Assert.Equal(5, mixed.SourceOffsets.Count);
        // A signature failure is not storage damage: no checksum finding for it.
        Assert.DoesNotContain(mixedResult.Findings, f => f.Kind == FindingKinds.Checksum);
    }

    [Fact]
    public void Synthetic_unsigned_mavlink2_says_absent()
    {
        var f = Single(new Verifier().Verify([Reader.Read(SignedTlogUnsigned())]), FindingKinds.Signature);
        Assert.Equal("absent", Text(f, "status"));
        Assert.Equal(0, Figure(f, "packetsSigned"));
    }

    private string SignedTlogUnsigned()
    {
        string path = Path.Combine(_dir, "unsigned.tlog");
        using var file = File.Create(path);
        var w = new TlogWriter(file);
        for (int i = 0; i < 4; i++)
        {
            w.Write(new DateTimeOffset(2026, 1, 1, 0, 0, i, TimeSpan.Zero), MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 2));
        }

        return path;
    }

    /// <summary>The DJI logs whose records decode (v13+ need keychains) with their reference summary (independent parser).</summary>
    public static TheoryData<string> DecodableDjiLogs() =>
    [
        "DROP_DJIFlightRecord_2016-09-26_[14-12-45].txt", "IgorKilipenko_DJIFlightRecord_2018-10-03_[13-23-50].txt",
        "chrisvm_mavic2_0.txt", "lvauvillier_test-data_test.txt", "mikeemoo_DJIFlightRecord_2015-12-29_[19-05-48].txt",
    ];

    [SampleTheory]
    [MemberData(nameof(DecodableDjiLogs))]
    public void Real_dji_log_agrees_with_its_summary_and_a_cut_copy_does_not(string name)
    {
        var log = Reader.Read(Samples.Require("dji", "txt", name));
        Assert.DoesNotContain(new Verifier().Verify([log]).Findings, f => f.Kind == FindingKinds.HeaderMismatch);

        // The last third of the OSD records removed, and counted as removed, as a careful edit would: the summary's
        // flight time (read by the reference parser) still covers the whole flight.
        using var reference = JsonDocument.Parse(File.ReadAllText(Samples.Require("dji", "reference", Path.ChangeExtension(name, ".summary.json"))));
        double statedS = reference.RootElement.GetProperty("details").GetProperty("totalTime").GetDouble();
        int keep = log.Samples.Count * 2 / 3;
        var counts = new Dictionary<string, long>(log.RecordCounts) { ["OSD"] = keep };
        var cut = new FlightLog
        {
            Evidence = log.Evidence,
            FormatId = log.FormatId,
            DecoderName = log.DecoderName,
            DecoderVersion = log.DecoderVersion,
            Samples = [.. log.Samples.Take(keep)],
            RecordCounts = counts,
            FormatCounters = log.FormatCounters,
            Summary = log.Summary,
        };
        var f = Single(new Verifier().Verify([cut]), FindingKinds.HeaderMismatch);
        Assert.Equal(Severity.Medium, f.Severity);
        Assert.Equal(statedS, Figure(f, "detailsTotalTimeS")!.Value, 3);
        Assert.True(Figure(f, "recordsSpanS") < statedS * 0.7);
        Assert.Equal(reference.RootElement.GetProperty("details").GetProperty("recordLineCount").GetInt64(), Figure(f, "detailsOsdRecords"));
    }

    [SampleFact]
    public void Two_dataflash_logs_joined_show_the_second_ones_formats_redefining_the_first()
    {
        byte[] first = File.ReadAllBytes(Samples.Require("mavlink", "pymavlink_test.BIN"));
        byte[] second = File.ReadAllBytes(Samples.Require("mavlink", "ardusub_small.BIN"));
        string joined = Path.Combine(_dir, "joined.BIN");
        File.WriteAllBytes(joined, [.. first, .. second]);

        Assert.DoesNotContain(new Verifier().Verify([Reader.Read(Samples.Require("mavlink", "pymavlink_test.BIN"))]).Findings, f => f.Kind == FindingKinds.HeaderMismatch);
        var f = Single(new Verifier().Verify([Reader.Read(joined)]), FindingKinds.HeaderMismatch);
        Assert.True(Figure(f, "firstRedefinitionOffset") >= first.Length, "the first redefinition lies in the second log");
        Assert.True(Figure(f, "typesRedefined") >= 1);
    }
}
