using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlightForensics.Notebooks.Tests;

/// <summary>
/// Turns a Polyglot (.NET Interactive) notebook into a .NET 10 file-based app, so that a notebook that does
/// not run fails the build. Rules (see docs/notebooks.md): C# code cells only; <c>#r "nuget: Id, Ver"</c> →
/// <c>#:package Id</c> (the version must equal the central one); <c>#r "…/src/P/bin/…/P.dll"</c> →
/// <c>#:project</c>; usings hoisted; cells that only declare types go after the statements; a cell's trailing
/// bare expression is displayed; <c>#!</c> magics are dropped.
/// </summary>
public static partial class NotebookConverter
{
    public sealed record Result(string Program, IReadOnlyList<string> Problems);

    public static Result Convert(string notebookJson, string notebookDirectory, string repositoryRoot, IReadOnlyDictionary<string, string> centralVersions)
    {
        ArgumentNullException.ThrowIfNull(centralVersions);
        using var doc = JsonDocument.Parse(notebookJson);
        var root = doc.RootElement;
        string defaultKernel = "csharp";
        if (root.TryGetProperty("metadata", out var md) && md.TryGetProperty("polyglot_notebook", out var pn)
            && pn.TryGetProperty("kernelInfo", out var ki) && ki.TryGetProperty("defaultKernelName", out var dk))
        {
            defaultKernel = dk.GetString() ?? "csharp";
        }

        var directives = new List<string> { "#:property PublishAot=false", "#:property TreatWarningsAsErrors=false", "#:property Nullable=enable" };
        var usings = new SortedSet<string>(StringComparer.Ordinal);
        var statements = new StringBuilder();
        var types = new StringBuilder();
        var problems = new List<string>();
        int cellIndex = 0;
        foreach (var cell in root.GetProperty("cells").EnumerateArray())
        {
            cellIndex++;
            if (cell.GetProperty("cell_type").GetString() != "code")
            {
                continue;
            }

            string kernel = defaultKernel;
            if (cell.TryGetProperty("metadata", out var cm))
            {
                if (cm.TryGetProperty("polyglot_notebook", out var cp) && cp.TryGetProperty("kernelName", out var kn))
                {
                    kernel = kn.GetString() ?? kernel;
                }
                else if (cm.TryGetProperty("dotnet_interactive", out var di) && di.TryGetProperty("language", out var lang))
                {
                    kernel = lang.GetString() ?? kernel;
                }
            }

            if (kernel is not ("csharp" or "C#"))
            {
                continue;
            }

            var source = cell.GetProperty("source");
            var text = source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(l => l.GetString()))
                : source.GetString() ?? "";
            var body = new List<string>();
            foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                var line = raw.TrimEnd();
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("#!", StringComparison.Ordinal))
                {
                    continue;
                }

                var nuget = NugetReference().Match(trimmed);
                if (nuget.Success)
                {
                    var id = nuget.Groups["id"].Value.Trim();
                    var version = nuget.Groups["ver"].Value.Trim();
                    if (!centralVersions.TryGetValue(id, out var central))
                    {
                        problems.Add($"cell {cellIndex}: package {id} is not in Directory.Packages.props");
                    }
                    else if (version.Length > 0 && version != central)
                    {
                        problems.Add($"cell {cellIndex}: package {id} {version} differs from the central version {central}");
                    }

                    directives.Add($"#:package {id}");
                    continue;
                }

                var dll = DllReference().Match(trimmed);
                if (dll.Success)
                {
                    var project = dll.Groups["project"].Value;
                    var csproj = Path.Combine(repositoryRoot, "src", project, project + ".csproj");
                    if (!File.Exists(csproj))
                    {
                        problems.Add($"cell {cellIndex}: no project for {trimmed}");
                    }

                    directives.Add($"#:project {csproj}");
                    continue;
                }

                if (trimmed.StartsWith("#r ", StringComparison.Ordinal))
                {
                    problems.Add($"cell {cellIndex}: unsupported reference {trimmed}");
                    continue;
                }

                if (UsingDirective().IsMatch(trimmed))
                {
                    usings.Add(trimmed);
                    continue;
                }

                body.Add(line);
            }

            while (body.Count > 0 && body[^1].Trim().Length == 0)
            {
                body.RemoveAt(body.Count - 1);
            }

            if (body.Count == 0)
            {
                continue;
            }

            var first = body.First(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).TrimStart();
            if (TypeDeclaration().IsMatch(first))
            {
                types.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"// cell {cellIndex}").AppendLine(string.Join('\n', body));
                continue;
            }

            var last = body[^1].Trim();
            if (!last.EndsWith(';') && !last.EndsWith('}') && !last.StartsWith("//", StringComparison.Ordinal) && !last.EndsWith('{'))
            {
                body[^1] = $"display({last});";
            }

            statements.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Console.WriteLine(\"--- cell {cellIndex} ---\");");
            statements.AppendLine(string.Join('\n', body));
        }

        var program = new StringBuilder();
        foreach (var d in directives.Distinct(StringComparer.Ordinal))
        {
            program.AppendLine(d);
        }

        foreach (var u in usings)
        {
            program.AppendLine(u);
        }

        program.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"Directory.SetCurrentDirectory({JsonSerializer.Serialize(notebookDirectory)});");
        program.Append(statements);
        program.AppendLine("static void display(object? value) => Console.WriteLine(value is System.Collections.IEnumerable e && value is not string ? string.Join(Environment.NewLine, e.Cast<object?>()) : value);");
        program.Append(types);
        return new Result(program.ToString(), problems);
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<id>[^,"]+)(,\s*(?<ver>[^"]*))?"\s*$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^#r\s+".*?src/(?<project>[A-Za-z0-9.]+)/bin/.*\.dll"\s*$""")]
    private static partial Regex DllReference();

    [GeneratedRegex(@"^using\s+(static\s+)?[A-Za-z0-9_.=\s]+;\s*$")]
    private static partial Regex UsingDirective();

    [GeneratedRegex(@"^(public\s+|internal\s+|sealed\s+|static\s+|abstract\s+|readonly\s+|partial\s+)*(class|record|struct|enum|interface)\s")]
    private static partial Regex TypeDeclaration();
}
