using FlightForensics.Application;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Tamper;
using FlightForensics.TestSupport;
using FlightForensics.Verification.Model;

namespace FlightForensics.Verification.Tests;

/// <summary>
/// verify on the unedited shared samples and the demo case: what each finds is documented in docs/verify.md; here, that
/// none of them is accused of an edit, and that the oddities found were checked against the raw bytes independently.
/// </summary>
public class RealSampleTests
{
    private static readonly FlightLogReader Reader = new(DefaultRegistries.Decoders());

    /// <summary>Every shared flight-log sample that decodes, and the demo case.</summary>
    public static IEnumerable<string> UneditedFiles() =>
        Samples.Files("mavlink", "*.*").Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .Concat(Samples.Files("dji/txt", "*.txt"))
            .Concat(Samples.Files("dji/srt", "*.*").Where(f => new FileInfo(f).Length > 0))
            .Concat(Samples.Files("dji-dat", "*.DAT"))
            .Concat(Samples.Files("dji-photos", "*.*").Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
            .Concat(Directory.EnumerateFiles(Path.Combine(Samples.RepositoryRoot, "logs"), "demoville-*").Where(f => !f.EndsWith(".geojson", StringComparison.Ordinal)));

    internal static FlightLog Read(string path) => Reader.Read(path);

    internal static bool IsEditAccusation(Finding f) => FindingKinds.EditKinds.Contains(f.Kind) && f.Severity >= Severity.Medium;

    [SampleFact]
    public void Unedited_samples_alone_and_against_a_copy_of_themselves_are_never_accused_of_an_edit()
    {
        var files = UneditedFiles().ToList();
        Assert.NotEmpty(files);
        Assert.True(files.Count >= 40, $"only {files.Count} samples found");
        Assert.All(files, file =>
        {
            var log = Read(file);
            var alone = new Verifier().Verify([log]);
            var pair = new Verifier().Verify([log, Read(file)]);
            Assert.DoesNotContain(alone.Findings.Concat(pair.Findings), IsEditAccusation);
            Assert.DoesNotContain(alone.Findings, f => f.Kind == FindingKinds.HeaderMismatch || (f.Kind == FindingKinds.Signature && f.Severity > Severity.Info));
            Assert.DoesNotContain(pair.Findings, f => f.Kind == FindingKinds.NotSameFlight);
        });
    }

    [SampleFact]
    public void Tlog_holding_three_joined_recordings_shows_both_joins_as_time_going_back()
    {
        // Independent of the decoder: the tlog records' own timestamps (TlogFile, written for the tamper tool), GLOBAL_POSITION_INT only.
        var path = Samples.Require("mavlink", "brunoolivieri_20211202-132613.tlog");
        var records = TlogFile.Parse(File.ReadAllBytes(path)).Records.Where(r => r.MessageId == 33).ToList();
        var expected = new List<double>();
        for (int i = 1; i < records.Count; i++)
        {
            if (records[i].UnixSeconds < records[i - 1].UnixSeconds)
            {
                expected.Add(records[i - 1].UnixSeconds - records[i].UnixSeconds);
            }
        }

        Assert.Equal(2, expected.Count); // 487.2 s and 521.7 s
        var found = new Verifier().Verify([Read(path)]).Findings.Where(f => f.Kind == FindingKinds.TimeBackwards).ToList();
        Assert.Equal(expected.Count, found.Count);
        Assert.All(found, f => Assert.Contains(expected, e => Math.Abs(e - f.Evidence.Single(x => x.Name == "stepBackS").Number!.Value) < 0.001));
    }

    [SampleFact]
    public void Sitl_tlog_whose_receive_clock_ran_on_while_the_simulator_stalled_shows_low_time_jumps()
    {
        // The 6.0 s step of the tlog clock at 14:07:37.870 (GLOBAL_POSITION_INT time_boot_ms advances 1.2 s across it).
        var path = Samples.Require("mavlink", "uavlogviewer_vtol.tlog");
        var records = TlogFile.Parse(File.ReadAllBytes(path)).Records.Where(r => r.MessageId == 33).ToList();
        double longest = Enumerable.Range(1, records.Count - 1).Max(i => records[i].UnixSeconds - records[i - 1].UnixSeconds);
        var jumps = new Verifier().Verify([Read(path)]).Findings.Where(f => f.Kind == FindingKinds.TimeJump).ToList();
        Assert.NotEmpty(jumps);
        Assert.All(jumps, f => Assert.Equal(Severity.Low, f.Severity));
        Assert.Contains(jumps, f => Math.Abs(f.Evidence.Single(x => x.Name == "stepS").Number!.Value - longest) < 0.001);
    }

    [SampleFact]
    public void Demo_case_quadcopter_and_dji_flight_are_not_the_same_flight()
    {
        var quad = Read(Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog"));
        var dji = Read(Path.Combine(Samples.RepositoryRoot, "logs", "demoville-dji-flight.txt"));
        var result = new Verifier().Verify([quad, dji]);
        var finding = Assert.Single(result.Findings, f => f.Kind == FindingKinds.NotSameFlight);

        // logs/README.md: the quadcopter flies at 09:00, the DJI flight at 14:30 the same day.
        double expectedApart = (dji.Summary.FirstUtc!.Value - quad.Summary.LastUtc!.Value).TotalSeconds;
        Assert.Equal(expectedApart, finding.Evidence.Single(e => e.Name == "timeApartS").Number!.Value, 1);
    }
}
