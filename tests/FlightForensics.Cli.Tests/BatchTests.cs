using System.Text;
using System.Text.Json;
using FlightForensics.Core.Decoding;

namespace FlightForensics.Cli.Tests;

public sealed class BatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-batch-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Err) Run(params string[] args)
    {
        var registry = new FormatRegistry().Add(new SyntheticDecoder());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, registry: registry);
        return (code, stderr.ToString());
    }

    [Fact]
    public void Synthetic_folder_with_good_damaged_unsupported_and_empty_files_gives_a_row_each_and_resumes()
    {
        var input = Directory.CreateDirectory(Path.Combine(_dir, "in")).FullName;
        Directory.CreateDirectory(Path.Combine(input, "sub"));
        File.WriteAllBytes(Path.Combine(input, "good.bin"), [.. SyntheticDecoder.Magic, .. "47.1,8.1,10\n47.2,8.2,20\n"u8.ToArray()]);
        File.WriteAllBytes(Path.Combine(input, "sub", "damaged.bin"), [.. SyntheticDecoder.Magic, .. "47.1,8.1,10\n#garbage\n"u8.ToArray()]);
        File.WriteAllBytes(Path.Combine(input, "notes.docx"), "PK\u0003\u0004not a log"u8.ToArray());
        File.WriteAllBytes(Path.Combine(input, "empty.bin"), []);
        var output = Path.Combine(_dir, "out");

        var (code, err) = Run("batch", input, "-o", output, "--jobs", "2");

        Assert.True(code == 0, err);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json"))))
        {
            var rows = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("file").GetString()!, r => r.GetProperty("status").GetString());
            Assert.Equal("ok", rows["good.bin"]);
            Assert.Equal("damaged", rows[Path.Combine("sub", "damaged.bin")]);
            Assert.Equal("unsupported", rows["notes.docx"]);
            Assert.Equal("unreadable", rows["empty.bin"]);
        }

        var csv = File.ReadAllLines(Path.Combine(output, "summary.csv"), Encoding.UTF8);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("file,sha256,format,", csv[0], StringComparison.Ordinal);
        var goodSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(input, "good.bin"))));
        Assert.True(File.Exists(Path.Combine(output, "results", goodSha, "samples.csv")));
        Assert.Empty(Directory.GetFiles(output, "*.partial", SearchOption.AllDirectories));

        var (code2, err2) = Run("batch", input, "-o", output);
        Assert.Equal(0, code2);
        Assert.Contains("3 taken from an earlier run", err2, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_is_exit_2()
    {
        var (code, err) = Run("batch", Path.Combine(_dir, "nope"), "-o", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains("no such folder", err, StringComparison.Ordinal);
    }
}
