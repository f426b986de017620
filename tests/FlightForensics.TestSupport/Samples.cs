using System.Runtime.CompilerServices;

namespace FlightForensics.TestSupport;

/// <summary>
/// Locates the real third-party samples in <c>../shared/samples</c> beside the repository.
/// Tests that need them call <see cref="Require"/> and are skipped, with the reason, when the folder is absent.
/// </summary>
public static class Samples
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The samples folder, or null when this machine has none.</summary>
    public static string? Root => s_root.Value;

    /// <summary>The repository root (the folder holding FlightForensics.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static bool Available => Root is not null;

    public const string MissingReason =
        "needs ../shared/samples beside the repository (or FLIGHTFORENSICS_SAMPLES), which this machine does not have";

    /// <summary>Full path of a sample, e.g. <c>Path("mavlink", "cuav_sitl_2018_flight.tlog")</c>; use only from a <see cref="SampleFactAttribute"/> test.</summary>
    public static string Require(params string[] relative)
    {
        if (Root is null)
        {
            throw new InvalidOperationException(MissingReason);
        }

        var path = System.IO.Path.Combine([Root, .. relative]);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"sample {path} is missing from the shared samples folder", path);
        }

        return path;
    }

    /// <summary>All files in a samples sub-folder matching a pattern (empty when the samples are absent).</summary>
    public static IEnumerable<string> Files(string folder, string pattern)
    {
        if (Root is null)
        {
            return [];
        }

        var dir = System.IO.Path.Combine(Root, folder);
        return Directory.Exists(dir) ? Directory.EnumerateFiles(dir, pattern).Order(StringComparer.Ordinal) : [];
    }

    private static string? FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("FLIGHTFORENSICS_SAMPLES");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return env;
        }

        var candidate = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "samples"));
        return Directory.Exists(candidate) ? candidate : null;
    }

    private static string FindRepositoryRoot([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "FlightForensics.sln")))
            {
                return dir.FullName;
            }
        }

        // Fall back to the source location of this file (tests/FlightForensics.TestSupport/Samples.cs).
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "..", ".."));
    }
}

/// <summary>
/// A fact that needs the shared samples: skipped, with the reason, on a machine without them.
/// (xunit 2 has no dynamic skip, so the decision is made when the attribute is built.)
/// </summary>
public sealed class SampleFactAttribute : FactAttribute
{
    public SampleFactAttribute()
    {
        if (!Samples.Available)
        {
            Skip = Samples.MissingReason;
        }
    }
}

/// <summary>A theory that needs the shared samples; see <see cref="SampleFactAttribute"/>.</summary>
public sealed class SampleTheoryAttribute : TheoryAttribute
{
    public SampleTheoryAttribute()
    {
        if (!Samples.Available)
        {
            Skip = Samples.MissingReason;
        }
    }
}
