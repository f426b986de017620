namespace FlightForensics.Cli.Tests;

/// <summary>
/// Issue #24 §3: `decode FILE --frobnicate > track.csv` left 1.5 KB of help in track.csv, and `--buffer-m abc` said
/// "expected type 'System.Nullable`1[System.Double]'". One line on stderr in the user's words, nothing on stdout.
/// </summary>
public sealed class UsageErrorTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void An_unknown_option_is_one_line_on_stderr_and_nothing_on_stdout()
    {
        var (code, output, err) = Run("decode", "some.tlog", "--frobnicate");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        var line = Assert.Single(err.Trim().Split('\n'));
        Assert.Contains("--frobnicate", line, StringComparison.Ordinal);
        Assert.StartsWith("flightforensics: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_says_what_the_option_takes()
    {
        var (code, output, err) = Run("check", "some.tlog", "--infra", "x.geojson", "--buffer-m", "abc");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("--buffer-m takes a number", err, StringComparison.Ordinal);
        Assert.Contains("'abc'", err, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_still_goes_to_stdout_when_asked_for()
    {
        var (code, output, _) = Run("decode", "--help");
        Assert.Equal(0, code);
        Assert.Contains("decode", output, StringComparison.Ordinal);
    }
}
