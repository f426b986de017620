using System.Security.Cryptography;

namespace FlightForensics.Core.Evidence;

/// <summary>
/// An input file as evidence: its name, size, SHA-256 and timestamps, read once and read-only.
/// </summary>
public sealed record EvidenceFile
{
    public required string FileName { get; init; }
    public required string FullPath { get; init; }
    public required long Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the whole file, as <c>sha256sum</c> prints it.</summary>
    public required string Sha256 { get; init; }
    public DateTimeOffset LastWriteUtc { get; init; }

    /// <summary>
    /// Opens a file for reading only, sharing it with other readers, never writers' locks. Devices, FIFOs and
    /// sockets are refused before opening (opening a FIFO blocks until a writer comes; /dev/zero never ends), also
    /// through a symbolic link or /dev/stdin.
    /// </summary>
    /// <exception cref="EvidenceUnreadableException">Not a regular file.</exception>
    public static FileStream OpenRead(string path)
    {
        EnsureNotSpecial(path);
        return OpenReadUnchecked(path);
    }

    private static void EnsureNotSpecial(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (FileIdentity.KindOf(path) == FileKind.Special)
        {
            throw new EvidenceUnreadableException(path, "not a regular file (a device, pipe or socket, perhaps through a link); copy the data into a file first");
        }
    }

    private static FileStream OpenReadUnchecked(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.Read | FileShare.Delete,
        Options = FileOptions.SequentialScan,
        BufferSize = 1 << 16,
    });

    /// <summary>Checks that <paramref name="path"/> names a readable, non-empty file and hashes it.</summary>
    /// <exception cref="EvidenceUnreadableException">Missing, a directory, empty or unreadable.</exception>
    public static EvidenceFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new EvidenceUnreadableException(path, "is a directory, not a file");
        }

        EnsureNotSpecial(path);

        if (!File.Exists(path))
        {
            throw new EvidenceUnreadableException(path, "no such file");
        }

        try
        {
            var info = new FileInfo(path);
            // Through a symbolic link, FileInfo describes the link itself (its length is the target name's): size
            // and times come from the file the link finally names, whose bytes are the ones hashed.
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            string sha;
            long bytes;
            using (var stream = OpenReadUnchecked(path))
            {
                bytes = stream.Length;
                if (bytes == 0)
                {
                    throw new EvidenceUnreadableException(path, "file is empty");
                }

                sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            return new EvidenceFile
            {
                FileName = info.Name,
                FullPath = info.FullName,
                Bytes = bytes,
                Sha256 = sha,
                LastWriteUtc = target.LastWriteTimeUtc,
            };
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new EvidenceUnreadableException(path, "permission denied", ex);
        }
        catch (IOException ex)
        {
            throw new EvidenceUnreadableException(path, ex.Message, ex);
        }
    }
}

/// <summary>Base of every error that means "this input cannot be used": the CLI turns it into exit 2.</summary>
public class FlightLogException : Exception
{
    public FlightLogException() { }
    public FlightLogException(string message) : base(message) { }
    public FlightLogException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The file is missing, a directory, empty or cannot be read.</summary>
public sealed class EvidenceUnreadableException : FlightLogException
{
    public EvidenceUnreadableException() { }
    public EvidenceUnreadableException(string message) : base(message) { }
    public EvidenceUnreadableException(string message, Exception inner) : base(message, inner) { }
    public EvidenceUnreadableException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner ?? new IOException(reason)) { }
}

/// <summary>No decoder recognised the content.</summary>
public sealed class UnsupportedFormatException : FlightLogException
{
    public UnsupportedFormatException() { }
    public UnsupportedFormatException(string message) : base(message) { }
    public UnsupportedFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The first bytes of the file, hex, so a human can recognise what it is.</summary>
    public string MagicHex { get; init; } = "";
}

/// <summary>Damage met while decoding with <c>Strict</c> set, or damage that makes decoding impossible.</summary>
public sealed class FlightLogDamagedException : FlightLogException
{
    public FlightLogDamagedException() { }
    public FlightLogDamagedException(string message) : base(message) { }
    public FlightLogDamagedException(string message, Exception inner) : base(message, inner) { }
    public long Offset { get; init; }
}
