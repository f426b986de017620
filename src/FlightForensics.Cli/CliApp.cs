using System.CommandLine;
using FlightForensics.Cli.Verbs;
using FlightForensics.Core.Decoding;

namespace FlightForensics.Cli;

/// <summary>
/// The command line: parsing with System.CommandLine, one class per verb under Verbs/. Machine output
/// goes to stdout (or -o), human output and errors to stderr.
/// </summary>
public static class CliApp
{
    /// <summary>Every decoder this build knows, in registration order (<see cref="DefaultRegistries.Decoders"/>).</summary>
    public static FormatRegistry CreateRegistry() => DefaultRegistries.Decoders();

    public static RootCommand BuildRoot(CliContext context)
    {
        var root = new RootCommand("FlightForensics: drone flight-log forensics (DJI, MAVLink, ArduPilot, PX4) against critical infrastructure.")
        {
            InfoVerb.Create(context),
            InspectVerb.Create(context),
            DecodeVerb.Create(context),
            ExtractVerb.Create(context),
            CheckVerb.Create(context),
            LayersVerb.Create(context),
            PlotVerb.Create(context),
            ReportVerb.Create(context),
            ListenVerb.Create(context),
            BatchVerb.Create(context),
            DbVerb.Create(context),
            VerifyVerb.Create(context),
        };
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Stream? stdoutStream = null, FormatRegistry? registry = null,
        Func<string, string?>? environment = null)
    {
        var context = new CliContext(registry ?? CreateRegistry(), stdout, stderr, stdoutStream)
        {
            GetEnvironmentVariable = environment ?? Environment.GetEnvironmentVariable,
        };
        var parse = BuildRoot(context).Parse(args);
        if (UsageError(parse) is string error)
        {
            stderr.WriteLine(error);
            return ExitCodes.Usage;
        }

        int code = parse.Invoke(Invocation(stdout, stderr));
        WriteHelpExamples(parse, stdout);
        return code;
    }

    private static InvocationConfiguration Invocation(TextWriter stdout, TextWriter stderr) =>
        new() { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };

    /// <summary>After the generated help: exit codes and examples (<see cref="HelpExamples"/>).</summary>
    private static void WriteHelpExamples(ParseResult parse, TextWriter stdout)
    {
        if (HelpExamples.For(parse) is string examples)
        {
            stdout.Write(examples);
        }
    }

    /// <summary>
    /// A command line that does not parse: one line for stderr naming the first problem in the user's words, or null.
    /// Help is not printed (on stdout it would end up in a file the user redirected output to).
    /// </summary>
    public static string? UsageError(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.Errors.Count == 0)
        {
            return null;
        }

        var message = parse.Errors[0].Message.ReplaceLineEndings(" ").Trim();
        var typed = System.Text.RegularExpressions.Regex.Match(message, "^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']*)' as expected type '(?<type>[^']*)'");
        if (typed.Success)
        {
            var type = typed.Groups["type"].Value;
            string takes = type.Contains("Double", StringComparison.Ordinal) ? "a number (e.g. 25 or 12.5)"
                : type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
                : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
                : "another kind of value";
            message = $"{typed.Groups["option"].Value} takes {takes}, not '{typed.Groups["value"].Value}'";
        }

        var verb = parse.CommandResult.Command.Name;
        return $"flightforensics: {message} (see: flightforensics {(parse.CommandResult.Command.Parents.Any() ? verb + " " : "")}--help)";
    }

    /// <summary>
    /// Runs a command line in-process with a cancellation token: what Ctrl-C is to the process, the token is to a
    /// host (a test, a service) that embeds the CLI.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var context = new CliContext(CreateRegistry(), stdout, stderr);
        var parse = BuildRoot(context).Parse(args);
        if (UsageError(parse) is string error)
        {
            stderr.WriteLine(error);
            return Task.FromResult(ExitCodes.Usage);
        }

        return InvokeAsync(parse, stdout, stderr, cancellationToken);
    }

    private static async Task<int> InvokeAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        int code = await parse.InvokeAsync(Invocation(stdout, stderr), cancellationToken).ConfigureAwait(false);
        WriteHelpExamples(parse, stdout);
        return code;
    }
}
