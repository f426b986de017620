using FlightForensics.Core.Evidence;
using Npgsql;

namespace FlightForensics.Postgis;

/// <summary>The database cannot be used (unreachable, refused, wrong schema): the CLI exits with 2 and one line.</summary>
public sealed class PostgisException : FlightLogException
{
    public PostgisException() { }
    public PostgisException(string message) : base(message) { }
    public PostgisException(string message, Exception inner) : base(message, inner) { }

    /// <summary>One line for stderr from a driver or server error (no password, no stack, no line breaks).</summary>
    internal static PostgisException From(string what, Exception ex)
    {
        var reason = ex switch
        {
            PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
            NpgsqlException { InnerException: { } inner } npg when npg.Message.StartsWith("Exception while", StringComparison.Ordinal) => inner.Message,
            _ => ex.Message,
        };
        reason = reason.ReplaceLineEndings(" ").Trim();
        return new PostgisException($"{what}: {reason}", ex);
    }
}
