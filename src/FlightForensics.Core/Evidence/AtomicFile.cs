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
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>A hidden name beside <paramref name="path"/>, unique to this process and thread.</summary>
    public static string TemporaryNameFor(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.partial");
    }
}
