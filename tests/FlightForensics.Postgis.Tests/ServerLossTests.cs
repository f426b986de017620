using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Synthesis.Mavlink;
using FlightForensics.TestSupport;
using Npgsql;
using Xunit.Abstractions;

namespace FlightForensics.Postgis.Tests;

/// <summary>
/// A server that goes away in the middle of <c>db ingest</c> (issue: fleet scale, Bad input): stopped with
/// <c>pg_ctl stop -m immediate</c> on a cluster of the test's own, then started again. One transaction per flight
/// means no flight is left half-ingested, and ingesting again completes the rest idempotently.
/// </summary>
public sealed class ServerLossTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-serverloss-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [PostgisFact]
    public async Task Synthetic_flights_server_stopped_mid_ingest_leaves_no_half_flight_and_reingest_completes()
    {
        var server = PostgresServer.StartPrivate();
        if (server.SkipReason is { } reason)
        {
            output.WriteLine("not run: " + reason);
            return;
        }

        // Synthetic flights of a few thousand samples each, so that the ingest takes long enough to be cut.
        const int flights = 40;
        for (int i = 0; i < flights; i++)
        {
            var waypoints = Enumerable.Range(0, 8).Select(k => new SimulatedWaypoint(-35.36 + (i * 1e-4) + (k * 0.002), 149.16 + ((k % 2) * 0.002), k == 0 ? 0 : 40)).ToList();
            using var file = File.Create(Path.Combine(_dir, string.Create(CultureInfo.InvariantCulture, $"flight-{i:000}.tlog")));
            SimulatedFlight.WriteTlog(file, waypoints, new SimulatedFlightOptions { StartUtc = new DateTimeOffset(2026, 5, 2, 8, 0, 0, TimeSpan.Zero).AddHours(i) });
        }

        var reader = DbWorkflowTests.NewReader();
        var expectedSamples = Directory.GetFiles(_dir).Select(f => reader.Read(f)).ToDictionary(l => l.Evidence.Sha256, l => (long)l.Samples.Count, StringComparer.Ordinal);
        var cs = server.CreateDatabase();
        Assert.Equal(0, DbWorkflowTests.Ingest(cs, [Path.Combine(Samples.RepositoryRoot, "logs", "demoville-infrastructure.geojson")]).Code);

        var ingest = Task.Run(() => DbWorkflowTests.Ingest(cs, [], _dir));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        long before = 0;
        while (DateTime.UtcNow < deadline && !ingest.IsCompleted && (before = Count(cs, "SELECT count(*) FROM flights")) < 3)
        {
            await Task.Delay(20);
        }

        Assert.False(ingest.IsCompleted, "the ingest finished before the server could be stopped");
        server.StopImmediately();
        var (code, _, stderr) = await ingest.WaitAsync(TimeSpan.FromSeconds(120));
        output.WriteLine($"stopped after {before} committed flights; ingest exit {code}: {stderr.Trim()}");
        Assert.NotEqual(0, code);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // a message, never a stack trace
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        // The server may die inside a flight's transaction or between two flights (in the look-up of the next one).
        Assert.Contains("it and the files after it are not stored", stderr, StringComparison.Ordinal);

        server.StartAgain();
        var present = Flights(cs);
        Assert.InRange(present.Count, 3, flights - 1);
        foreach (var (sha, samples) in present)
        {
            Assert.Equal(expectedSamples[sha], samples); // every flight present has all its samples
        }

        var again = DbWorkflowTests.Ingest(cs, [], _dir);
        Assert.True(again.Code == 0, again.Stderr);
        Assert.Contains($"{flights - present.Count} flight(s) added, {present.Count} already present", again.Stderr, StringComparison.Ordinal);
        var all = Flights(cs);
        Assert.Equal(flights, all.Count);
        Assert.All(all, f => Assert.Equal(expectedSamples[f.Key], f.Value));
        Assert.Equal(flights, Count(cs, "SELECT count(DISTINCT sha256) FROM flights"));

        server.StopImmediately();
    }

    [PostgisFact]
    public async Task Server_stopped_between_two_flights_makes_the_lookup_of_the_next_a_one_line_database_failure()
    {
        var server = PostgresServer.StartPrivate();
        if (server.SkipReason is { } reason)
        {
            output.WriteLine("not run: " + reason);
            return;
        }

        await using var store = await PostgisStore.OpenAsync(server.CreateDatabase());
        Assert.False(await store.HasFlightAsync(new string('0', 64)));
        server.StopImmediately();
        var failure = await Assert.ThrowsAsync<PostgisException>(() => store.HasFlightAsync(new string('1', 64)));
        output.WriteLine(failure.Message);
        Assert.StartsWith("cannot query the database: ", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    private static long Count(string cs, string sql)
    {
        try
        {
            using var connection = new NpgsqlConnection(cs);
            connection.Open();
            using var cmd = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException)
        {
            return 0; // the ingest has not created the table yet, or the server is gone
        }
    }

    /// <summary>Samples stored per flight, by the flight's SHA-256.</summary>
    private static Dictionary<string, long> Flights(string cs)
    {
        using var connection = new NpgsqlConnection(cs);
        connection.Open();
        using var cmd = new NpgsqlCommand("SELECT f.sha256, (SELECT count(*) FROM samples s WHERE s.flight_id = f.flight_id) FROM flights f", connection);
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        while (r.Read())
        {
            result[r.GetString(0)] = r.GetInt64(1);
        }

        return result;
    }
}
