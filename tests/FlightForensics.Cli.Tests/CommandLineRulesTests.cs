using FlightForensics.Core.Decoding;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// Issue #24 §3: output paths follow one rule (exit 1, one line naming the user's path, never a hidden temporary
/// name or a raw runtime message), and `batch` says what it was given (a file, an empty folder, --jobs 0) and shows
/// progress also off a terminal. Each fact below failed before the change.
/// </summary>
public sealed class CommandLineRulesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-cli-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var registry = new FormatRegistry().Add(new SyntheticDecoder());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, registry: registry);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string SyntheticLog(string name)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, [.. SyntheticDecoder.Magic, .. "47.1,8.1,10\n47.2,8.2,20\n"u8.ToArray()]);
        return path;
    }

    [Fact]
    public void Synthetic_decode_into_a_place_that_takes_no_new_file_names_the_users_path_and_exits_1()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc refuses new files only on Linux.
        }

        var log = SyntheticLog("a.bin");
        var (code, output, err) = Run("decode", log, "-o", "/proc/version");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.StartsWith("flightforensics: cannot write /proc/version: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".partial", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plot", "map.svg")]
    [InlineData("report", "report.html")]
    [InlineData("decode", "track.csv")]
    public void Synthetic_output_into_a_missing_folder_is_exit_1_with_one_line(string verb, string name)
    {
        var log = SyntheticLog("b.bin");
        var target = Path.Combine(_dir, "missing", "dir", name);
        var (code, _, err) = Run(verb, log, "-o", target);

        Assert.Equal(1, code);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("output folder does not exist", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir, "missing", "dir"), line, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_batch_of_a_file_says_it_is_a_file()
    {
        var log = SyntheticLog("c.bin");
        var (code, _, err) = Run("batch", log, "-o", Path.Combine(_dir, "out"));

        Assert.Equal(1, code);
        Assert.Contains("is a file", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Batch_of_an_empty_folder_says_no_logs_were_found()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_dir, "empty")).FullName;
        var (code, _, err) = Run("batch", empty, "-o", Path.Combine(_dir, "out"));

        Assert.Equal(0, code);
        Assert.Contains($"no logs found in {empty}", err, StringComparison.Ordinal);
        Assert.DoesNotContain("0 files ()", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Batch_jobs_below_one_is_a_usage_error(string jobs)
    {
        var input = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        var (code, output, err) = Run("batch", input, "-o", Path.Combine(_dir, "out"), "--jobs", jobs);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("--jobs takes a whole number of 1 or more", Assert.Single(err.Trim().Split('\n')), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }

    [Fact]
    public void Synthetic_batch_off_a_terminal_prints_one_progress_line_per_file_unless_none()
    {
        var input = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        File.Copy(SyntheticLog("d.bin"), Path.Combine(input, "d.bin"));
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not a log");

        var (code, _, err) = Run("batch", input, "-o", Path.Combine(_dir, "out1"), "--jobs", "1");
        Assert.Equal(0, code);
        var progress = err.Split('\n').Where(l => l.StartsWith("batch: [", StringComparison.Ordinal)).ToList();
        Assert.Equal(["batch: [1/2] ok d.bin", "batch: [2/2] unsupported notes.txt"], progress);

        var (code2, _, err2) = Run("batch", input, "-o", Path.Combine(_dir, "out2"), "--progress", "none");
        Assert.Equal(0, code2);
        Assert.DoesNotContain("batch: [", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_info_off_a_terminal_keeps_every_hash_and_time_whole()
    {
        var log = SyntheticLog("a-file-name-long-enough-that-an-eighty-column-table-would-have-to-wrap-it.bin");
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(log)));
        var (code, _, err) = Run("info", log);

        Assert.Equal(0, code);
        var lines = err.Split('\n');
        Assert.Contains(lines, l => l.Contains(sha, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Path.GetFileName(log), StringComparison.Ordinal));
    }
}
