using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FlightForensics.Postgis.Tests;

/// <summary>
/// A throw-away PostgreSQL 15 + PostGIS 3 cluster on 127.0.0.1 and a free port, started once per test process
/// from the Debian packages (postgresql-15-postgis-3): initdb into a temporary folder, pg_ctl start; stopped and
/// deleted at process exit. As root the server runs as the <c>postgres</c> user (PostgreSQL refuses root).
/// Set FLIGHTFORENSICS_TEST_PG to a connection string to use an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<PostgresServer> s_shared = new(Start);

    private readonly string? _dataDirectory;
    private readonly string? _runAs;

    /// <summary>The pg_ctl arguments that started the cluster (to start it again after a stop).</summary>
    private string? _startArguments;

    private PostgresServer(string? adminConnectionString, string? skipReason, string? dataDirectory, string? runAs)
    {
        AdminConnectionString = adminConnectionString;
        SkipReason = skipReason;
        _dataDirectory = dataDirectory;
        _runAs = runAs;
    }

    public static PostgresServer Shared => s_shared.Value;

    /// <summary>Connection string of the maintenance database; null when no server could be started.</summary>
    public string? AdminConnectionString { get; }

    /// <summary>Why the database tests are skipped; null when a server runs.</summary>
    public string? SkipReason { get; }

    /// <summary>A new, empty database for one test (so tests never see each other's rows).</summary>
    public string CreateDatabase()
    {
        if (AdminConnectionString is null)
        {
            throw new InvalidOperationException(SkipReason);
        }

        var name = "fft_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            // A generated identifier, not user input: DDL cannot take a parameter for a database name.
            using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            cmd.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    /// <summary>
    /// A cluster of its own for a test that stops and restarts the server (the shared one serves tests that run in
    /// parallel). Skipped (SkipReason set) where the shared one would be, and when an existing server is configured.
    /// </summary>
    public static PostgresServer StartPrivate() =>
        Environment.GetEnvironmentVariable("FLIGHTFORENSICS_TEST_PG") is { Length: > 0 }
            ? Skip("FLIGHTFORENSICS_TEST_PG names an existing server, which this test would have to stop")
            : StartCluster();

    /// <summary>Stops the cluster the way a crash or a pulled cable looks to clients: <c>pg_ctl stop -m immediate</c>.</summary>
    public void StopImmediately() => Run(Path.Combine(BinDirectory, "pg_ctl"), $"-D {_dataDirectory}/db -m immediate -w stop", _runAs);

    /// <summary>Starts the stopped cluster again on the same port (crash recovery replays the WAL).</summary>
    public void StartAgain()
    {
        var start = Run(Path.Combine(BinDirectory, "pg_ctl"), _startArguments!, _runAs);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl start failed: {start.Output}");
        }
    }

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable("FLIGHTFORENSICS_TEST_PG") is { Length: > 0 } existing)
        {
            return new PostgresServer(existing, null, null, null);
        }

        return StartCluster();
    }

    private static PostgresServer StartCluster()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            return Skip($"no PostgreSQL 15 server binaries in {BinDirectory} (apt-get install postgresql-15-postgis-3)");
        }

        if (!File.Exists("/usr/share/postgresql/15/extension/postgis.control"))
        {
            return Skip("PostGIS 3 for PostgreSQL 15 is not installed (apt-get install postgresql-15-postgis-3)");
        }

        RemoveStaleClusters();
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var data = Path.Combine(Path.GetTempPath(), "ff-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(data);
        try
        {
            if (runAs is not null)
            {
                Run("chown", $"{runAs} {data}", null);
            }

            var init = Run(Path.Combine(BinDirectory, "initdb"), $"-D {data}/db -A trust -U postgres -E UTF8 --no-locale --no-sync", runAs);
            if (init.ExitCode != 0)
            {
                return Skip($"initdb failed: {FirstLine(init.Output)}");
            }

            var port = FreePort();
            var startArguments = $"-D {data}/db -l {data}/server.log -w -t 60 -o \"-p {port} -c listen_addresses=127.0.0.1 -k {data} -c fsync=off -c full_page_writes=off\" start";
            var start = Run(Path.Combine(BinDirectory, "pg_ctl"), startArguments, runAs);
            if (start.ExitCode != 0)
            {
                return Skip($"pg_ctl start failed: {FirstLine(start.Output)}");
            }

            var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", null, data, runAs) { _startArguments = startArguments };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
            return server;
        }
#pragma warning disable CA1031 // Any failure to start is a reason to skip, stated in the skip message.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Skip($"cannot start a PostgreSQL server: {ex.Message}");
        }
    }

    private void Stop()
    {
        if (_dataDirectory is null)
        {
            return;
        }

        Run(Path.Combine(BinDirectory, "pg_ctl"), $"-D {_dataDirectory}/db -m immediate -w stop", _runAs);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Deletes clusters of earlier test runs that are no longer running (no postmaster.pid): the test host may
    /// end before its exit handler has removed the folder.
    /// </summary>
    private static void RemoveStaleClusters()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), "ff-pg-????????????"))
        {
            // Only our own clusters: a hex suffix and a data folder. The pattern alone also matched other tests' temp
            // folders (ff-pg-dense-XXXXXX) and deleted them under a running test.
            if (!Path.GetFileName(dir)["ff-pg-".Length..].All(char.IsAsciiHexDigitLower) || !Directory.Exists(Path.Combine(dir, "db"))
                || File.Exists(Path.Combine(dir, "db", "postmaster.pid")))
            {
                continue;
            }

            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static PostgresServer Skip(string reason) => new(null, reason, null, null);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "(no output)";

    private static (int ExitCode, string Output) Run(string program, string arguments, string? runAs)
    {
        var info = runAs is null
            ? new ProcessStartInfo(program, arguments)
            : new ProcessStartInfo("runuser", $"-u {runAs} -- {program} {arguments}");
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr + stdout.Result);
    }
}

/// <summary>A test that needs the PostgreSQL server; skipped with the reason when none can be started.</summary>
public sealed class PostgisFactAttribute : FactAttribute
{
    public PostgisFactAttribute()
    {
        if (PostgresServer.Shared.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A test that needs the server and the shared samples; skipped with the reason when either is missing.</summary>
public sealed class PostgisSampleFactAttribute : FactAttribute
{
    public PostgisSampleFactAttribute()
    {
        if (PostgresServer.Shared.SkipReason is { } reason)
        {
            Skip = reason;
        }
        else if (!FlightForensics.TestSupport.Samples.Available)
        {
            Skip = FlightForensics.TestSupport.Samples.MissingReason;
        }
    }
}
