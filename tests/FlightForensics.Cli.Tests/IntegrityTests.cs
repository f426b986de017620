using System.Security.Cryptography;
using FlightForensics.Robustness.Tests.Harness;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// No verb modifies, renames or writes beside an input, and the same input gives byte-identical
/// outputs. Inputs are copies of the real samples in a fresh temporary folder, made read-only.
/// </summary>
public sealed class IntegrityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-integrity-").FullName;

    public void Dispose()
    {
        foreach (var f in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(f, FileAttributes.Normal);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private static IEnumerable<string> OneSamplePerFormat() =>
        SampleCorpus.ByFormat.Values.Select(files => files[0]);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [SampleFact]
    public void No_verb_changes_renames_or_writes_beside_an_input()
    {
        var inputDir = Directory.CreateDirectory(Path.Combine(_dir, "evidence")).FullName;
        var outDir = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var inputs = new List<string>();
        foreach (var sample in OneSamplePerFormat())
        {
            var copy = Path.Combine(inputDir, Path.GetFileName(sample));
            File.Copy(sample, copy);
            File.SetLastWriteTimeUtc(copy, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc));
            File.SetAttributes(copy, FileAttributes.ReadOnly);
            inputs.Add(copy);
        }

        var before = Snapshot(inputDir);
        foreach (var input in inputs)
        {
            Run("info", input);
            Run("info", input, "--json");
            Run("inspect", input, "--json");
            foreach (var format in new[] { "csv", "json", "geojson", "kml", "gpx" })
            {
                Run("decode", input, "--format", format);
                Run("decode", input, "--format", format, "-o", Path.Combine(outDir, $"{Path.GetFileName(input)}.{format}"));
            }
        }

        Assert.Equal(before, Snapshot(inputDir));
    }

    [SampleFact]
    public void Same_input_gives_byte_identical_outputs()
    {
        foreach (var input in OneSamplePerFormat())
        {
            foreach (var args in new[] { new[] { "info", input, "--json" }, ["inspect", input, "--json"], ["decode", input], ["decode", input, "--format", "json"], ["decode", input, "--format", "kml"] })
            {
                var first = Run(args);
                var second = Run(args);
                Assert.Equal(first.Code, second.Code);
                Assert.True(first.Out == second.Out, $"{string.Join(' ', args)} differs between two runs");
            }
        }
    }

    private static string Snapshot(string dir) => string.Join('\n',
        Directory.EnumerateFileSystemEntries(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p =>
        {
            var info = new FileInfo(p);
            using var s = File.OpenRead(p);
            return $"{Path.GetFileName(p)} {info.Length} {info.LastWriteTimeUtc:O} {info.Attributes} {Convert.ToHexStringLower(SHA256.HashData(s))}";
        }));
}
