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

    /// <summary>Opens a file for reading only, sharing it with other readers, never writers' locks.</summary>
    public static FileStream OpenRead(string path) => new(path, new FileStreamOptions
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

        if (!File.Exists(path))
        {
            throw new EvidenceUnreadableException(path, "no such file");
        }

        try
        {
            var info = new FileInfo(path);
            if (info.Length == 0)
            {
                throw new EvidenceUnreadableException(path, "file is empty");
            }

            string sha;
            using (var stream = OpenRead(path))
            {
                sha = Convert.ToHexStringLower(SHA256.HashData(stream));
            }

            return new EvidenceFile
            {
                FileName = info.Name,
                FullPath = info.FullName,
                Bytes = info.Length,
                Sha256 = sha,
                LastWriteUtc = info.LastWriteTimeUtc,
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
