namespace FlightForensics.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        using var stdout = Console.OpenStandardOutput();
        return CliApp.Run(args, Console.Out, Console.Error, stdout);
    }
}
