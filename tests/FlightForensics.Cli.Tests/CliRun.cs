namespace FlightForensics.Cli.Tests;

/// <summary>Runs the CLI in process with captured stdout and stderr (for new tests; older ones keep their own copy).</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Capture(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
