namespace FlightForensics.Cli;

/// <summary>Placeholder until the verbs land.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        _ = args;
        _ = stdout;
        stderr.WriteLine("flightforensics: no verbs yet");
        return 1;
    }
}
