using FlightForensics.Core.Evidence;

namespace FlightForensics.Cli;

/// <summary>
/// Where machine output goes: stdout, or a file written under a temporary name and renamed into place
/// only when complete, so an interrupted run never leaves a half-written result that looks whole.
/// </summary>
public sealed class OutputTarget : IDisposable
{
    private readonly CliContext _context;
    private readonly string? _finalPath;
    private readonly string? _tempPath;
    private bool _committed;

    private OutputTarget(CliContext context, Stream stream, string? finalPath, string? tempPath)
    {
        _context = context;
        Stream = stream;
        _finalPath = finalPath;
        _tempPath = tempPath;
    }

    public Stream Stream { get; }

    public string? Path => _finalPath;

    /// <param name="context">The invocation (for stdout).</param>
    /// <param name="outputPath">The -o value, or null for stdout.</param>
    /// <param name="evidence">The run's inputs, which the output must not be (checked by identity).</param>
    public static OutputTarget Open(CliContext context, string? outputPath, EvidenceGuard? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (outputPath is null || outputPath == "-")
        {
            return new OutputTarget(context, context.StdoutStream ?? new MemoryStream(), null, null);
        }

        OutputPlan.Ensure(evidence, (outputPath, "output"));
        var full = System.IO.Path.GetFullPath(outputPath);
        var temp = AtomicFile.TemporaryNameFor(full);
        var stream = AtomicFile.CreateTemporary(outputPath, temp);
        return new OutputTarget(context, stream, full, temp);
    }

    /// <summary>
    /// Writes one indented JSON document and a newline to stdout or <paramref name="outputPath"/> (atomically), the
    /// form of every verb's <c>--json</c>.
    /// </summary>
    public static void WriteJson(CliContext context, string? outputPath, EvidenceGuard? evidence, Action<System.Text.Json.Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var target = Open(context, outputPath, evidence);
        using (var w = new System.Text.Json.Utf8JsonWriter(target.Stream, Reporting.Exports.JsonParts.WriterOptions(indented: true)))
        {
            write(w);
        }

        target.Stream.WriteByte((byte)'\n');
        target.Commit();
    }

    /// <summary>Marks the output complete: flushes stdout, or renames the temporary file into place.</summary>
    public void Commit()
    {
        Stream.Flush();
        if (_tempPath is null)
        {
            if (_context.StdoutStream is null && Stream is MemoryStream memory)
            {
                _context.Stdout.Write(System.Text.Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length));
                _context.Stdout.Flush();
            }

            _committed = true;
            return;
        }

        Stream.Dispose();
        AtomicFile.Publish(_tempPath, _finalPath!);
        _committed = true;
    }

    public void Dispose()
    {
        if (_tempPath is not null)
        {
            Stream.Dispose();
            if (!_committed && File.Exists(_tempPath))
            {
                File.Delete(_tempPath);
            }
        }
        else if (!_committed && Stream is MemoryStream)
        {
            Stream.Dispose();
        }
    }
}
