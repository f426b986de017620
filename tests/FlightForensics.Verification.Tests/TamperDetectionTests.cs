using System.Globalization;
using System.Text;
using FlightForensics.Tamper;
using FlightForensics.TestSupport;
using FlightForensics.Verification.Model;
using Xunit.Abstractions;

namespace FlightForensics.Verification.Tests;

/// <summary>
/// Edited copies of the real tlogs (tools/FlightForensics.Tamper, three seeds each) against verify: the detection rate of
/// the injected edits and the false-positive rate on the unedited files. The table printed here is the one in
/// docs/verify.md.
/// </summary>
public class TamperDetectionTests(ITestOutputHelper output)
{
    /// <summary>
    /// brunoolivieri_20211202-132613.tlog is left out: it already holds three recordings whose clocks overlap, so a
    /// time window names no single stretch to edit (RealSampleTests documents it).
    /// </summary>
    private static List<string> Originals() =>
        [.. Samples.Files("mavlink", "*.tlog").Where(f => !f.Contains("20211202-132613", StringComparison.Ordinal)),
         Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog")];

    [SampleFact]
    public void Injected_edits_are_detected_at_least_95_percent_with_at_most_1_percent_false_positives()
    {
        var originals = Originals().Where(f => TamperPlan.PositionTimes(TlogFile.Parse(File.ReadAllBytes(f))).Count >= 20).ToList();
        Assert.NotEmpty(originals);
        var dir = Directory.CreateTempSubdirectory("ff-tamper-");
        var tally = new SortedDictionary<string, (int Injected, int Detected)>(StringComparer.Ordinal);
        var misses = new List<string>();
        int unedited = 0, falsePositives = 0;
        try
        {
            for (int k = 0; k < originals.Count; k++)
            {
                var original = RealSampleTests.Read(originals[k]);
                unedited++;
                if (new Verifier().Verify([original]).Findings.Any(RealSampleTests.IsEditAccusation))
                {
                    falsePositives++;
                }

                for (int seed = 1; seed <= 3; seed++)
                {
                    foreach (var (edit, bytes) in TamperPlan.Make(originals[k], originals[(k + 1) % originals.Count], seed))
                    {
                        var path = Path.Combine(dir.FullName, edit.File);
                        File.WriteAllBytes(path, bytes);
                        var edited = RealSampleTests.Read(path);
                        bool detected = Detected(edit, original, edited);
                        var t = tally.GetValueOrDefault(edit.Edit);
                        tally[edit.Edit] = (t.Injected + 1, t.Detected + (detected ? 1 : 0));
                        if (!detected)
                        {
                            misses.Add(edit.File + " " + edit.Detail);
                        }
                    }
                }
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }

        int injected = tally.Values.Sum(v => v.Injected), found = tally.Values.Sum(v => v.Detected);
        var table = new StringBuilder("| edit | injected | detected | rate |\n|---|---:|---:|---:|\n");
        foreach (var (edit, (n, d)) in tally)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {edit} | {n} | {d} | {100.0 * d / n:0.0} % |\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"| **all** | {injected} | {found} | {100.0 * found / injected:0.0} % |\n");
        table.Append(CultureInfo.InvariantCulture, $"\nunedited files accused of an edit: {falsePositives} of {unedited}\n");
        output.WriteLine(table.ToString());
        output.WriteLine("missed: " + string.Join("; ", misses));
        Assert.True(found >= 0.95 * injected, table.ToString() + "\nmissed: " + string.Join("; ", misses));
        Assert.True(falsePositives <= 0.01 * unedited, table.ToString());
    }

    /// <summary>What counts as detecting each edit: a finding of the right kind, at medium or high, at the right place and size.</summary>
    private static bool Detected(InjectedEdit edit, Core.Model.FlightLog original, Core.Model.FlightLog edited)
    {
        var from = DateTimeOffset.UnixEpoch.AddTicks((long)(edit.StartUnixSeconds * 1e7));
        var to = DateTimeOffset.UnixEpoch.AddTicks((long)(edit.EndUnixSeconds * 1e7));
        bool Near(Finding f, double slackSeconds) =>
            f.StartUtc <= to.AddSeconds(slackSeconds) && (f.EndUtc ?? f.StartUtc) >= from.AddSeconds(-slackSeconds);
        double Figure(Finding f, string name) => f.Evidence.Single(e => e.Name == name).Number ?? double.NaN;

        switch (edit.Edit)
        {
            case "delete":
                return new Verifier().Verify([original, edited]).Findings.Any(f =>
                    f.Kind == FindingKinds.DeletedSegment && f.Severity >= Severity.Medium && Near(f, 1));
            case "shift":
                return new Verifier().Verify([original, edited]).Findings.Any(f =>
                    f.Kind == FindingKinds.TimeShift && f.Severity >= Severity.Medium && Math.Abs(Figure(f, "clockOffsetS") - edit.Amount) <= 0.5);
            case "offset":
                return new Verifier().Verify([original, edited]).Findings.Any(f =>
                    f.Kind == FindingKinds.PositionOffset && f.Severity >= Severity.Medium && Math.Abs(Figure(f, "offsetM") - edit.Amount) <= 5);
            case "reorder":
                return new Verifier().Verify([edited]).Findings.Any(f =>
                    f.Kind == FindingKinds.TimeBackwards && f.Severity >= Severity.Medium && Near(f, 1));
            default:
                // A splice: the joint must show as a discontinuity in time or place.
                return new Verifier().Verify([edited]).Findings.Any(f =>
                    f.Kind is FindingKinds.TimeBackwards or FindingKinds.TimeJump or FindingKinds.Gap or FindingKinds.Teleport or FindingKinds.ImpossibleSpeed
                    && f.Severity >= Severity.Medium && Near(f, 2));
        }
    }
}
