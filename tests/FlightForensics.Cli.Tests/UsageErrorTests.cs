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

/// <summary>Issue #24 §3: root help lists the exit codes and three examples; each verb's help shows one example.</summary>
public sealed class HelpTests
{
    private static (int Code, string Out) Help(params string[] args)
    {
        var stdout = new StringWriter();
        int code = CliApp.Run([.. args, "--help"], stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Fact]
    public void Root_help_lists_the_exit_codes_and_three_examples()
    {
        var (code, text) = Help();
        Assert.Equal(0, code);
        Assert.Contains("Exit codes:", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+0\s+success", text);
        Assert.Matches(@"(?m)^\s+1\s+usage error", text);
        Assert.Matches(@"(?m)^\s+2\s+input unreadable", text);
        var examples = text[text.IndexOf("Examples:", StringComparison.Ordinal)..].Split('\n').Count(l => l.TrimStart().StartsWith("flightforensics ", StringComparison.Ordinal));
        Assert.Equal(3, examples);
    }

    [Fact]
    public void Every_verb_help_shows_an_example_of_that_verb()
    {
        var verbs = CliApp.BuildRoot(new CliContext(CliApp.CreateRegistry(), TextWriter.Null, TextWriter.Null)).Subcommands.Select(c => c.Name).ToList();
        Assert.NotEmpty(verbs);
        Assert.All(verbs, verb =>
        {
            var (code, text) = Help(verb);
            Assert.Equal(0, code);
            Assert.Matches($@"Example:\s+flightforensics (db )?{verb}\b", text);
        });
    }
}
