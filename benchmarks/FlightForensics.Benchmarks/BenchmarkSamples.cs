namespace FlightForensics.Benchmarks;

/// <summary>Where the shared samples are (../shared/samples beside the repository, or FLIGHTFORENSICS_SAMPLES).</summary>
public static class BenchmarkSamples
{
    public static string Root { get; } = Find();

    public static string Path(params string[] relative) => System.IO.Path.Combine([Root, .. relative]);

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("FLIGHTFORENSICS_SAMPLES");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FlightForensics.sln")))
            {
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "samples"));
            }
        }

        throw new DirectoryNotFoundException("cannot find the repository root to locate ../shared/samples");
    }
}
