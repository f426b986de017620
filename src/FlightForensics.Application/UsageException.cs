namespace FlightForensics.Application;

/// <summary>
/// The examiner asked for something that cannot be done as asked (a missing file, a value out of range), found after
/// the arguments were parsed. Front ends report its one-line message; the CLI exits 1 (CONTRACT.md).
/// </summary>
public sealed class UsageException : Exception
{
    public UsageException() { }
    public UsageException(string message) : base(message) { }
    public UsageException(string message, Exception inner) : base(message, inner) { }
}
