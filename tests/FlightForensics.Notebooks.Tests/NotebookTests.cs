using System.Diagnostics;
using System.Xml.Linq;
using FlightForensics.TestSupport;

namespace FlightForensics.Notebooks.Tests;

public sealed class NotebookTests
{
    private static readonly string NotebookDir = Path.Combine(Samples.RepositoryRoot, "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var nb in Directory.Exists(NotebookDir) ? Directory.EnumerateFiles(NotebookDir, "*.ipynb").Order(StringComparer.Ordinal).ToArray() : [])
        {
            data.Add(Path.GetFileName(nb));
        }

        return data;
    }

    private static Dictionary<string, string> CentralVersions() =>
        XDocument.Load(Path.Combine(Samples.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value, StringComparer.Ordinal);

    [Fact]
    public void The_repository_has_notebooks()
    {
        Assert.NotEmpty(Notebooks());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_as_a_file_based_app(string name)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(NotebookDir, name));
        var converted = NotebookConverter.Convert(json, NotebookDir, Samples.RepositoryRoot, CentralVersions());
        Assert.True(converted.Problems.Count == 0, string.Join('\n', converted.Problems));

        var workDir = Path.Combine(Samples.RepositoryRoot, "artifacts", "notebooks", Path.GetFileNameWithoutExtension(name));
        Directory.CreateDirectory(workDir);
        var program = Path.Combine(workDir, "Program.cs");
        await File.WriteAllTextAsync(program, converted.Program);

        var psi = new ProcessStartInfo("dotnet", ["run", program]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{name} failed (exit {process.ExitCode}):\n{output}");
        Assert.Contains("--- cell", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Converter_maps_references_hoists_usings_moves_types_and_displays_trailing_expressions()
    {
        const string nb = """
        {"cells":[
          {"cell_type":"markdown","metadata":{},"source":["# t"]},
          {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"csharp"}},"source":["#r \"nuget: CsvHelper, 34.0.0\"\n","#r \"../src/FlightForensics.Core/bin/Debug/net10.0/FlightForensics.Core.dll\"\n","using System.Text;\n","var x = new P(2);\n","x.V * 21"]},
          {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"csharp"}},"source":["record P(int V);"]},
          {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"pwsh"}},"source":["Get-Item"]}
        ],"metadata":{"polyglot_notebook":{"kernelInfo":{"defaultKernelName":"csharp"}}},"nbformat":4,"nbformat_minor":5}
        """;
        var result = NotebookConverter.Convert(nb, "/nb", Samples.RepositoryRoot, new Dictionary<string, string> { ["CsvHelper"] = "34.0.0" });
        Assert.Empty(result.Problems);
        var p = result.Program;
        Assert.Contains("#:package CsvHelper", p, StringComparison.Ordinal);
        Assert.Contains("#:project", p, StringComparison.Ordinal);
        Assert.Contains("display(x.V * 21);", p, StringComparison.Ordinal);
        Assert.DoesNotContain("Get-Item", p, StringComparison.Ordinal);
        Assert.True(p.IndexOf("using System.Text;", StringComparison.Ordinal) < p.IndexOf("var x", StringComparison.Ordinal));
        Assert.True(p.IndexOf("record P", StringComparison.Ordinal) > p.IndexOf("var x", StringComparison.Ordinal));
    }

    [Fact]
    public void Converter_refuses_a_package_version_other_than_the_central_one()
    {
        const string nb = """{"cells":[{"cell_type":"code","metadata":{},"source":["#r \"nuget: CsvHelper, 33.0.1\""]}],"metadata":{},"nbformat":4,"nbformat_minor":5}""";
        var result = NotebookConverter.Convert(nb, "/nb", Samples.RepositoryRoot, new Dictionary<string, string> { ["CsvHelper"] = "34.0.0" });
        Assert.Contains(result.Problems, p => p.Contains("differs from the central version 34.0.0", StringComparison.Ordinal));
    }
}
