using System.Buffers.Binary;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// Issue #24 §2: one tlog timestamp set to 0xFFFFFFFFFFFFFFFF made `check` and `report` exit 2 with
/// "internal error … ArgumentOutOfRangeException", and random timestamps made `plot`/`report` allocate gigabytes.
/// Now the analysis runs on the rest, exit 0, and the damage is reported.
/// </summary>
public sealed class HostileTimeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-hostile-time-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <param name="stamp">New time of a record, from its index, its message id and its old time.</param>
    private string EditedTlog(Func<int, int, ulong, ulong> stamp)
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", "cuav_sitl_2018_flight.tlog"));
        int i = 0, index = 0;
        while (i + 10 < bytes.Length)
        {
            int size = bytes[i + 8] switch
            {
                0xFE => 8 + 6 + bytes[i + 9] + 2,
                0xFD => 8 + 10 + bytes[i + 9] + 2 + ((bytes[i + 10] & 1) != 0 ? 13 : 0),
                _ => 0,
            };
            if (size == 0)
            {
                i++;
                continue;
            }

            int messageId = bytes[i + 8] == 0xFE ? bytes[i + 13] : bytes[i + 15] | (bytes[i + 16] << 8) | (bytes[i + 17] << 16);
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(i), stamp(index++, messageId, BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(i))));
            i += size;
        }

        var path = Path.Combine(_dir, "edited.tlog");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Site()
    {
        var layer = Path.Combine(_dir, "site.geojson");
        File.WriteAllText(layer, """{"type":"FeatureCollection","features":[{"type":"Feature","id":"s1","properties":{"name":"Site","power":"substation"},"geometry":{"type":"Point","coordinates":[149.165,-35.363]}}]}""");
        return layer;
    }

    private static (int Code, string Err) Run(params string[] args)
    {
        var stderr = new StringWriter();
        int code = CliApp.Run(args, new StringWriter(), stderr);
        return (code, stderr.ToString());
    }

    [SampleFact]
    public void Check_and_report_run_on_the_rest_when_one_timestamp_is_all_ones()
    {
        int positions = 0;
        var tlog = EditedTlog((_, id, t) => id == 33 && ++positions == 50 ? ulong.MaxValue : t); // the 50th GLOBAL_POSITION_INT
        var (code, err) = Run("check", tlog, "--infra", Site());
        Assert.True(code == 0, err);
        Assert.DoesNotContain("internal error", err, StringComparison.Ordinal);
        (code, err) = Run("report", tlog, "--infra", Site(), "--static", "-o", Path.Combine(_dir, "r.html"));
        Assert.True(code == 0, err);
        Assert.Contains("time jumps 1", File.ReadAllText(Path.Combine(_dir, "r.html")), StringComparison.Ordinal);
    }

    [SampleFact]
    public void Plot_and_report_of_random_timestamps_finish_with_a_handful_of_time_ticks()
    {
        var random = new Random(7);
        var tlog = EditedTlog((_, _, _) => (ulong)random.NextInt64() * 2);
        var svg = Path.Combine(_dir, "map.svg");
        var (code, err) = Run("plot", tlog, "-o", svg);
        Assert.True(code == 0, err);
        // The profile's time axis: one label per tick; before the fix there were ~1e8 of them.
        var profile = File.ReadAllText(Path.Combine(_dir, "map-profile.svg"));
        Assert.True(profile.Length < 5_000_000, $"profile is {profile.Length} characters");
        (code, err) = Run("report", tlog, "--static", "-o", Path.Combine(_dir, "r.html"));
        Assert.True(code == 0, err);
    }
}
