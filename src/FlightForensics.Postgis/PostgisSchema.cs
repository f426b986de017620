using System.Reflection;
using Npgsql;

namespace FlightForensics.Postgis;

/// <summary>
/// The schema this build expects, as embedded SQL migrations (<c>Sql/NNNN_name.sql</c>) applied in name order.
/// <c>schema_version</c> records each one applied; a transaction-scoped advisory lock keeps two ingests
/// started at once from migrating twice.
/// </summary>
public static class PostgisSchema
{
    private const string Prefix = "FlightForensics.Postgis.Sql.";

    /// <summary>Arbitrary constant for <c>pg_advisory_xact_lock</c>: "FFMIGRAT" in ASCII.</summary>
    private const long MigrationLockKey = 0x4646_4D49_4752_4154;

    /// <summary>The migrations in this build: (version, name, SQL), ascending.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = LoadMigrations();

    public static int LatestVersion => Migrations[^1].Version;

    /// <summary>Applies every migration the database lacks; returns how many ran.</summary>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, tx))
        {
            lockCmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = MigrationLockKey });
            await lockCmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_utc timestamptz NOT NULL DEFAULT now())",
            connection, tx))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand("SELECT version FROM schema_version", connection, tx))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        if (applied.Count > 0 && applied.Max() > LatestVersion)
        {
            throw new PostgisException($"the database schema is version {applied.Max()}, newer than this build's {LatestVersion}: update FlightForensics");
        }

        var ran = 0;
        foreach (var (version, name, sql) in Migrations)
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using (var migrate = new NpgsqlCommand(sql, connection, tx))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, tx))
            {
                record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            ran++;
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ran;
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        var assembly = typeof(PostgisSchema).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[Prefix.Length..];
            if (!char.IsAsciiDigit(name[0]))
            {
                // Queries (check-flight.sql) live next to the migrations but are not migrations.
                continue;
            }

            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);
            list.Add((version, Path.GetFileNameWithoutExtension(name), Read(assembly, resource)));
        }

        return list;
    }

    internal static string ReadQuery(string fileName) => Read(typeof(PostgisSchema).Assembly, Prefix + fileName);

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
