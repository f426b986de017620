using System.Runtime.CompilerServices;
using FlightForensics.Core;

namespace FlightForensics.Reporting.Tests;

/// <summary>
/// Golden files in tests/FlightForensics.Reporting.Tests/Golden, compared as text. Set
/// FLIGHTFORENSICS_UPDATE_GOLDEN=1 to rewrite them, then LOOK at them (the PNG of the same plot, FLIGHTFORENSICS_PLOT_DIR) before committing.
/// The tool version is normalised so that a version bump does not invalidate every picture.
/// </summary>
internal static class GoldenFile
{
    public static string Folder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");

    /// <summary>Writes a picture to FLIGHTFORENSICS_PLOT_DIR when set, so a human can look at the bad-input cases.</summary>
    public static void Dump(string name, string content)
    {
        var dir = Environment.GetEnvironmentVariable("FLIGHTFORENSICS_PLOT_DIR");
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, name), content);
        }
    }

    /// <summary>Writes a binary picture (PNG) to FLIGHTFORENSICS_PLOT_DIR when set.</summary>
    public static void Dump(string name, byte[] content)
    {
        var dir = Environment.GetEnvironmentVariable("FLIGHTFORENSICS_PLOT_DIR");
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, name), content);
        }
    }

    public static void AssertMatches(string name, string actual)
    {
        var normalised = actual.Replace(ToolInfo.NameAndVersion, ToolInfo.Name + " VERSION", StringComparison.Ordinal);
        var path = Path.Combine(Folder(), name);
        if (Environment.GetEnvironmentVariable("FLIGHTFORENSICS_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, normalised);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run with FLIGHTFORENSICS_UPDATE_GOLDEN=1 and review it");
        var expected = File.ReadAllText(path);
        if (expected != normalised)
        {
            var actualPath = Path.Combine(Path.GetTempPath(), "ff-golden-actual-" + name);
            File.WriteAllText(actualPath, normalised);
            int at = 0;
            while (at < expected.Length && at < normalised.Length && expected[at] == normalised[at])
            {
                at++;
            }

            Assert.Fail($"{name} differs from the golden file at character {at}; actual written to {actualPath}");
        }
    }
}
