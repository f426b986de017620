using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlightForensics.Synthesis.Mavlink;
using Xunit.Abstractions;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// <c>batch</c> at load and when interrupted (issues: evidence-grade robustness, Load; fleet scale, Bad input).
/// The inputs are Synthetic: small tlogs from SimulatedFlight, every one different, one in ten damaged.
/// FLIGHTFORENSICS_BATCH_FILES shortens the load test (default 10,000, what CI runs).
/// </summary>
[Collection(LoadTestsRunAlone.Name)]
public sealed class BatchLoadTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-batch-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Writes <paramref name="count"/> small Synthetic tlogs; every tenth is damaged. Returns the damaged relative paths.</summary>
    private static HashSet<string> WriteSyntheticFlights(string folder, int count)
    {
        var damaged = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            // A different short hop per file (so every file has its own SHA-256), 5 Hz, a few seconds.
            double lat = -35.36 + (i * 1e-5), lon = 149.16 + ((i % 97) * 1e-5);
            using var ms = new MemoryStream();
            SimulatedFlight.WriteTlog(ms, [new(lat, lon, 0), new(lat + 0.0002, lon + 0.0002, 20)],
                new SimulatedFlightOptions { StartUtc = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero).AddMinutes(i), IncludeGroundStation = false });
            var bytes = ms.ToArray();
            var relative = Path.Combine((i / 1000).ToString("00", CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"flight-{i:00000}.tlog"));
            if (i % 10 == 7)
            {
                damaged.Add(relative);
                if (i % 20 == 7)
                {
                    bytes = bytes.AsSpan(0, bytes.Length - 5).ToArray(); // cut inside the last packet
                }
                else
                {
                    bytes[^3] ^= 0x10; // a bit inside the last packet: its CRC fails
                }
            }

            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
        }

        return damaged;
    }

    [Fact]
    public void Synthetic_ten_thousand_files_one_in_ten_damaged_give_every_result_and_flag_the_damaged()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("FLIGHTFORENSICS_BATCH_FILES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 10_000;
        var input = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        var outDir = Path.Combine(_dir, "out");
        var clock = Stopwatch.StartNew();
        var damaged = WriteSyntheticFlights(input, count);
        var writeSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var stderr = new StringWriter();
        int code = CliApp.Run(["batch", input, "-o", outDir, "--jobs", "2"], new StringWriter(), stderr);
        var batchSeconds = clock.Elapsed.TotalSeconds;
        Assert.True(code == 0, stderr.ToString());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} files ({Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) >> 10} KB): written in {writeSeconds:0.0} s, batch --jobs 2 in {batchSeconds:0.0} s ({count / batchSeconds:0} files/s); {stderr.ToString().Trim()}"));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "summary.json")));
        var rows = doc.RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("file").GetString()!, r => r.GetProperty("status").GetString()!, StringComparer.Ordinal);
        Assert.Equal(count, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(count, rows.Count);
        var expected = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(input, p)).ToList();
        Assert.Equal(count, expected.Count);
        Assert.DoesNotContain(expected, p => !rows.ContainsKey(p));
        var wronglyOk = damaged.Where(d => rows[d] == "ok").ToList();
        Assert.True(wronglyOk.Count == 0, $"{wronglyOk.Count} damaged files reported ok, e.g. {wronglyOk.FirstOrDefault()}");
        var wronglyFlagged = rows.Where(r => !damaged.Contains(r.Key) && r.Value != "ok").ToList();
        Assert.True(wronglyFlagged.Count == 0, $"{wronglyFlagged.Count} intact files not ok, e.g. {wronglyFlagged.FirstOrDefault()}");

        var csv = File.ReadAllLines(Path.Combine(outDir, "summary.csv"), Encoding.UTF8);
        Assert.Equal(count + 1, csv.Length);
        Assert.Equal(count, Directory.GetFiles(Path.Combine(outDir, "results"), "*.json").Length);
        Assert.Empty(Directory.GetFileSystemEntries(outDir, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Synthetic_batch_interrupted_with_SIGINT_leaves_complete_results_only_and_a_second_run_completes_the_rest()
    {
        const int count = 3000;
        var input = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        var outDir = Path.Combine(_dir, "out");
        WriteSyntheticFlights(input, count);
        var results = Path.Combine(outDir, "results");

        // The real CLI process, interrupted the way a terminal's Ctrl-C does (SIGINT) once some results exist.
        var exe = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "flightforensics.exe" : "flightforensics");
        // At the lowest CPU priority (nice execs the CLI in place, same pid): on a loaded machine the batch must not
        // starve this test's watcher, or it finishes all files before the signal is sent.
        var info = new ProcessStartInfo("nice", ["-n", "19", exe, "batch", input, "-o", outDir, "--jobs", "2"]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var stderrTask = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !process.HasExited && (!Directory.Exists(results) || Directory.GetFiles(results, "*.json").Length < 300))
        {
            await Task.Delay(20);
        }

        Assert.False(process.HasExited, "the batch ended before it could be interrupted");
        // A shell without job control starts background jobs with SIGINT ignored, and the ignore survives exec (CI runs
        // us that way): the batch then rightly ignores SIGINT. Send SIGTERM in that case, the other way a run is stopped.
        var signal = SigIntIgnoredHere() ? "-TERM" : "-INT";
        output.WriteLine($"signal {signal}");
        using (var kill = Process.Start(new ProcessStartInfo("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var stderr = await stderrTask;
        output.WriteLine($"exit {process.ExitCode}: {stderr.Trim()}");

        // Complete results only: no temporary file or folder, every result JSON parses, every per-file folder has its result.
        Assert.Empty(Directory.GetFileSystemEntries(outDir, "*.partial", SearchOption.AllDirectories));
        var firstRun = Directory.GetFiles(results, "*.json");
        Assert.InRange(firstRun.Length, 300, count - 1);
        foreach (var file in firstRun)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
            Assert.Equal(Path.GetFileNameWithoutExtension(file), doc.RootElement.GetProperty("sha256").GetString());
            Assert.True(doc.RootElement.GetProperty("status").GetString() is "ok" or "damaged", file);
            var csv = Path.Combine(results, Path.GetFileNameWithoutExtension(file), "samples.csv");
            Assert.True(File.Exists(csv), $"{file}: no samples.csv beside the result");
        }

        foreach (var folder in Directory.GetDirectories(results))
        {
            Assert.True(File.Exists(folder + ".json"), $"{folder}: outputs without a result");
        }

        // Resumed: the first run's results are taken as they are, the rest done now.
        var resumeErr = new StringWriter();
        Assert.Equal(0, CliApp.Run(["batch", input, "-o", outDir, "--jobs", "2"], new StringWriter(), resumeErr));
        Assert.Contains($"batch: {count} files", resumeErr.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{firstRun.Length} taken from an earlier run", resumeErr.ToString(), StringComparison.Ordinal);
        Assert.Equal(count, Directory.GetFiles(results, "*.json").Length);
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status); children inherit that.</summary>
    private static bool SigIntIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 2) != 0;
    }
}
