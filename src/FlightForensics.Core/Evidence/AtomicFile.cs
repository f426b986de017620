namespace FlightForensics.Core.Evidence;

/// <summary>
/// Writes a file under a temporary name in its own folder and renames it into place when complete, so that a
/// reader (or an examiner after a crash) never sees a partial file that looks whole. Every output the tool writes
/// beside the user's (sidecars, manifests, batch results) goes through here.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var temp = TemporaryNameFor(path);
        try
        {
            using (var stream = CreateTemporary(path, temp))
            {
                write(stream);
            }

            Publish(temp, path);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>
    /// Puts a finished file made elsewhere (a PDF printed in a private temporary folder) at <paramref name="path"/>
    /// through the same temporary-name-and-rename as every output: a move across file systems would copy in place and
    /// could leave a partial file that looks whole.
    /// </summary>
    public static void CopyInto(string finishedFile, string path) => Write(path, stream =>
    {
        using var source = File.OpenRead(finishedFile);
        source.CopyTo(stream);
    });

    /// <summary>A hidden name beside <paramref name="path"/>, unique to this process and thread.</summary>
    public static string TemporaryNameFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.partial");
    }

    /// <summary>
    /// Creates <paramref name="temporaryPath"/> (never replacing anything there) for the output <paramref name="path"/>.
    /// A failure names the user's path, not the hidden temporary one (issue #24 §3: "one rule, one line, the user's path").
    /// </summary>
    /// <exception cref="OutputUnwritableException">The folder cannot take a new file.</exception>
    public static FileStream CreateTemporary(string path, string temporaryPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(temporaryPath);
        try
        {
            return new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw OutputUnwritableException.For(path, ex);
        }
    }

    /// <summary>Renames the finished temporary file onto <paramref name="path"/>; a failure names the user's path.</summary>
    /// <exception cref="OutputUnwritableException">The rename failed.</exception>
    public static void Publish(string temporaryPath, string path)
    {
        try
        {
            File.Move(temporaryPath, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw OutputUnwritableException.For(path, ex);
        }
    }
}

/// <summary>An output file could not be created or put in place (no permission, a read-only or special file system); exit 1.</summary>
public sealed class OutputUnwritableException : Exception
{
    public OutputUnwritableException() { }
    public OutputUnwritableException(string message) : base(message) { }
    public OutputUnwritableException(string message, Exception inner) : base(message, inner) { }

    internal static OutputUnwritableException For(string path, Exception cause)
    {
        // The runtime's messages name the hidden temporary file; say why in words that hold for the user's path.
        string why = cause switch
        {
            UnauthorizedAccessException => "permission denied",
            DirectoryNotFoundException => "its folder does not exist",
            PathTooLongException => "the path is too long",
            FileNotFoundException => "the file system does not allow a new file there",
            _ => cause.Message.Contains(".partial", StringComparison.Ordinal) ? "the file system refused a new file there" : cause.Message,
        };
        return new OutputUnwritableException($"cannot write {path}: {why}", cause);
    }
}
