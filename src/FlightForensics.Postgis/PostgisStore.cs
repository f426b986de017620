using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace FlightForensics.Postgis;

/// <summary>
/// A connection to a FlightForensics database (PostgreSQL with PostGIS 3), migrated to this build's schema on
/// open. Every value goes to the server as a parameter or through binary COPY, never inside SQL text.
/// </summary>
public sealed class PostgisStore : IAsyncDisposable
{
    private PostgisStore(NpgsqlConnection connection)
    {
        Connection = connection;
    }

    internal NpgsqlConnection Connection { get; }

    /// <summary>Opens the database and applies missing migrations; failures become <see cref="PostgisException"/>.</summary>
    public static async Task<PostgisStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        NpgsqlConnection connection;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            // Fail in seconds, not the driver's default, when the server is not there.
            var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
            if (!given.ContainsKey("timeout"))
            {
                builder.Timeout = 10;
            }

            // A check of a long flight against a national layer can take longer than the driver's 30 s default.
            if (!given.ContainsKey("command timeout") && !given.ContainsKey("commandtimeout"))
            {
                builder.CommandTimeout = 3600;
            }

            connection = new NpgsqlConnection(builder.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new PostgisException($"invalid connection string: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }

        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await PostgisSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            return new PostgisStore(connection);
        }
        catch (Exception ex) when (ex is DbException or SocketException or TimeoutException or InvalidOperationException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw PostgisException.From("cannot use the database", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<bool> HasFlightAsync(string sha256, CancellationToken cancellationToken = default) =>
        await ExistsAsync("SELECT EXISTS (SELECT 1 FROM flights WHERE sha256 = $1)", sha256, cancellationToken).ConfigureAwait(false);

    public async Task<bool> HasLayerAsync(string sha256, CancellationToken cancellationToken = default) =>
        await ExistsAsync("SELECT EXISTS (SELECT 1 FROM layers WHERE sha256 = $1)", sha256, cancellationToken).ConfigureAwait(false);

    private async Task<bool> ExistsAsync(string sql, string value, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand(sql, Connection);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        try
        {
            return (bool)(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The server can go away between two flights as well as inside one: same one-line failure, exit 2.
            throw PostgisException.From("cannot query the database", ex);
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
