using System.Text.Json;
using FlightForensics.Application;
using FlightForensics.Application.Batch;
using FlightForensics.Application.Workflows;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.TestSupport;
using Npgsql;

namespace FlightForensics.Postgis.Tests;

/// <summary>
/// The <c>db ingest</c> / <c>db check</c> flow (<see cref="DbWorkflow"/>) against a real PostgreSQL 15 + PostGIS 3. The expected findings are the
/// in-process engine's (<see cref="InfrastructureCheck"/>), computed independently of SQL from the same files.
/// </summary>
public sealed class DbWorkflowTests
{
    private static readonly string Logs = Path.Combine(Samples.RepositoryRoot, "logs");
    private static readonly string Layer = Path.Combine(Logs, "demoville-infrastructure.geojson");
    private static readonly string[] DemoFlights = [Path.Combine(Logs, "demoville-quadcopter.tlog"), Path.Combine(Logs, "demoville-dji-flight.txt")];

    internal static FlightLogReader NewReader() => new(DefaultRegistries.Decoders());

    /// <summary>
    /// An ingest as a front end runs it: the workflow's lines and outcome, and a failure as its one-line message. The
    /// code follows CONTRACT.md (0 done, 1 usage, 2 an input or the database failed); the CLI's own mapping of the
    /// same failures is tested in Cli.Tests/DbVerbTests.
    /// </summary>
    internal static (int Code, string Stdout, string Stderr) Ingest(string connectionString, IReadOnlyList<string> layers, params string[] paths)
    {
        var stderr = new StringWriter();
        return Guarded(stderr, () =>
        {
            var outcome = new DbWorkflow(NewReader()).IngestAsync(connectionString, layers, paths, stderr).GetAwaiter().GetResult();
            stderr.WriteLine(outcome.Describe());
            return (outcome.FirstFailure is null ? 0 : 2, "");
        });
    }

    /// <summary>A database check; with <paramref name="json"/> the <c>{ "flights": [...] }</c> JSON as stdout.</summary>
    internal static (int Code, string Stdout, string Stderr) Check(string connectionString, bool json = false, double? bufferMeters = null)
    {
        var stderr = new StringWriter();
        return Guarded(stderr, () =>
        {
            var (results, options) = DbWorkflow.CheckAsync(connectionString, bufferMeters).GetAwaiter().GetResult();
            using var stdout = new MemoryStream();
            if (json)
            {
                DbWorkflow.WriteJson(stdout, results, options);
            }

            stderr.WriteLine(DbWorkflow.Describe(results));
            return (0, System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
        });
    }

    private static (int Code, string Stdout, string Stderr) Guarded(StringWriter stderr, Func<(int Code, string Stdout)> run)
    {
        try
        {
            var (code, stdout) = run();
            return (code, stdout, stderr.ToString());
        }
        catch (UsageException ex)
        {
            return (1, "", stderr + ex.Message + "\n");
        }
        catch (Exception ex) when (ex is FlightLogException or System.Data.Common.DbException or IOException)
        {
            return (2, "", stderr + ex.Message + "\n");
        }
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [PostgisFact]
    public void Demo_flights_give_the_same_findings_in_PostGIS_as_in_process()
    {
        var cs = PostgresServer.Shared.CreateDatabase();
        var ingest = Ingest(cs, [Layer], DemoFlights);
        Assert.True(ingest.Code == 0, ingest.Stderr);
        var check = Check(cs, json: true);
        Assert.True(check.Code == 0, check.Stderr);
        using var doc = JsonDocument.Parse(check.Stdout);
        var flights = doc.RootElement.GetProperty("flights").EnumerateArray().ToList();
        Assert.Equal(2, flights.Count);

        var layers = new[] { LayerReader.Read(Layer) };
        var reader = NewReader();
        var compared = 0;
        foreach (var path in DemoFlights)
        {
            var log = reader.Read(path);
            var expected = InfrastructureCheck.Run(log, layers);
            var actual = flights.Single(f => f.GetProperty("flight").GetProperty("sha256").GetString() == log.Evidence.Sha256);
            compared += Compare(expected, actual);
        }

        // The demo case holds 2 + 2 overflights (quadcopter: water works, substation; DJI: the railway twice).
        Assert.True(compared >= 4, $"only {compared} findings compared");
    }

    [PostgisFact]
    public void A_buffer_override_gives_the_same_close_approaches_as_in_process()
    {
        var cs = PostgresServer.Shared.CreateDatabase();
        Assert.Equal(0, Ingest(cs, [Layer], DemoFlights).Code);
        var check = Check(cs, json: true, bufferMeters: 400);
        Assert.True(check.Code == 0, check.Stderr);
        using var doc = JsonDocument.Parse(check.Stdout);
        var layers = new[] { LayerReader.Read(Layer) };
        var reader = NewReader();
        var proximity = 0;
        foreach (var flight in doc.RootElement.GetProperty("flights").EnumerateArray())
        {
            var path = DemoFlights.Single(p => Path.GetFileName(p) == flight.GetProperty("flight").GetProperty("file").GetString());
            var expected = InfrastructureCheck.Run(reader.Read(path), layers, new CheckOptions { BufferMetersOverride = 400 });
            Compare(expected, flight);
            proximity += expected.Proximity.Count;
            Assert.All(flight.GetProperty("proximity").EnumerateArray(), p => Assert.Equal(400, p.GetProperty("bufferM").GetDouble()));
        }

        // 400 m reaches features the default buffers do not: the comparison covers several close approaches.
        Assert.True(proximity >= 2, $"{proximity} close approaches");
    }

    [PostgisSampleFact]
    public void Real_samples_give_the_same_findings_in_PostGIS_as_in_process()
    {
        // Real layers (ArduPilot's CMAC fence, the Pentagon KML, the US military Shapefile) against every
        // MAVLink-family sample; three SITL flights start inside the CMAC fence.
        string[] layerPaths =
        [
            Samples.Require("geo", "ardupilot-CMAC-fence.txt"),
            Samples.Require("geo", "pentagon-inner-boundary.kml"),
            Samples.Require("geo", "us_military.shp"),
        ];
        var mavlink = Path.GetDirectoryName(Samples.Require("mavlink", "cuav_sitl_2018_flight.tlog"))!;
        var cs = PostgresServer.Shared.CreateDatabase();
        var ingest = Ingest(cs, layerPaths, mavlink);
        Assert.True(ingest.Code == 0, ingest.Stderr);
        var check = Check(cs, json: true);
        Assert.True(check.Code == 0, check.Stderr);
        using var doc = JsonDocument.Parse(check.Stdout);
        var layers = layerPaths.Select(p => LayerReader.Read(p)).ToList();
        var reader = NewReader();
        var flights = doc.RootElement.GetProperty("flights").EnumerateArray().ToList();
        Assert.True(flights.Count >= 10, $"{flights.Count} flights");
        var compared = 0;
        foreach (var flight in flights)
        {
            var sha = flight.GetProperty("flight").GetProperty("sha256").GetString();
            var path = BatchInputs(mavlink).Single(p => Core.Evidence.EvidenceFile.Open(p).Sha256 == sha);
            compared += Compare(InfrastructureCheck.Run(reader.Read(path), layers), flight);
        }

        Assert.True(compared >= 3, $"only {compared} findings compared");
    }

    private static IReadOnlyList<string> BatchInputs(string dir) => BatchProcessor.FindInputs(dir);

    /// <summary>Asserts the SQL findings equal the in-process ones (ids, times within 0.5 s, heights and distances within 0.5 m); returns how many were compared.</summary>
    internal static int Compare(CheckResult expected, JsonElement actual)
    {
        var overflights = actual.GetProperty("overflights").EnumerateArray().ToList();
        Assert.Equal(
            expected.Overflights.Select(o => o.Feature.FeatureId).Order(StringComparer.Ordinal),
            overflights.Select(o => o.GetProperty("featureId").GetString()!).Order(StringComparer.Ordinal));
        foreach (var group in expected.Overflights.GroupBy(o => o.Feature.FeatureId))
        {
            var mine = overflights.Where(o => o.GetProperty("featureId").GetString() == group.Key)
                .OrderBy(o => o.GetProperty("entryElapsedS").GetDouble()).ToList();
            var theirs = group.OrderBy(o => o.EntrySeconds).ToList();
            Assert.Equal(theirs.Count, mine.Count);
            for (var i = 0; i < theirs.Count; i++)
            {
                Near(theirs[i].EntrySeconds, mine[i], "entryElapsedS", 0.5, group.Key);
                Near(theirs[i].ExitSeconds, mine[i], "exitElapsedS", 0.5, group.Key);
                Near(theirs[i].MinHeightAboveTakeoffMeters, mine[i], "minHeightAboveTakeoffM", 0.5, group.Key);
                Near(theirs[i].MinHeightAboveGroundMeters, mine[i], "minHeightAboveGroundM", 0.5, group.Key);
                Assert.Equal(theirs[i].EntryUtc.HasValue, mine[i].GetProperty("entryUtc").ValueKind == JsonValueKind.String);
                if (theirs[i].EntryUtc is DateTimeOffset entry)
                {
                    var sql = DateTimeOffset.Parse(mine[i].GetProperty("entryUtc").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                    Assert.InRange(Math.Abs((sql - entry).TotalSeconds), 0, 0.5);
                }
            }
        }

        var proximity = actual.GetProperty("proximity").EnumerateArray().ToList();
        Assert.Equal(
            expected.Proximity.Select(p => p.Feature.FeatureId).Order(StringComparer.Ordinal),
            proximity.Select(p => p.GetProperty("featureId").GetString()!).Order(StringComparer.Ordinal));
        foreach (var p in expected.Proximity)
        {
            var mine = proximity.Single(x => x.GetProperty("featureId").GetString() == p.Feature.FeatureId);
            Near(p.AtSeconds, mine, "atElapsedS", 0.5, p.Feature.FeatureId);
            Near(p.ClosestApproachMeters, mine, "closestApproachM", 0.5, p.Feature.FeatureId);
            Near(p.HeightAboveTakeoffMeters, mine, "heightAboveTakeoffM", 0.5, p.Feature.FeatureId);
        }

        return overflights.Count + proximity.Count;
    }

    private static void Near(double? expected, JsonElement element, string property, double tolerance, string feature)
    {
        var value = element.GetProperty(property);
        if (expected is null)
        {
            Assert.True(value.ValueKind == JsonValueKind.Null, $"{feature}.{property}: expected null, SQL gave {value}");
            return;
        }

        Assert.True(value.ValueKind == JsonValueKind.Number, $"{feature}.{property}: expected {expected}, SQL gave null");
        Assert.True(Math.Abs(value.GetDouble() - expected.Value) <= tolerance, $"{feature}.{property}: in-process {expected}, SQL {value.GetDouble()}");
    }

    [PostgisFact]
    public void A_second_ingest_of_the_same_files_adds_nothing()
    {
        var cs = PostgresServer.Shared.CreateDatabase();
        var first = Ingest(cs, [Layer], DemoFlights);
        Assert.True(first.Code == 0, first.Stderr);
        var samples = Scalar(cs, "SELECT count(*) FROM samples");
        var features = Scalar(cs, "SELECT count(*) FROM infra_features");
        Assert.True(samples > 100, $"{samples} samples");
        Assert.Equal(7, features);

        // The folder holds the same two flights (and the layer, which is no flight: skipped with a reason).
        var second = Ingest(cs, [Layer], Logs);
        Assert.Equal(0, second.Code);
        Assert.Contains("0 flight(s) added, 2 already present", second.Stderr, StringComparison.Ordinal);
        Assert.Contains("0 layer(s) added, 1 already present", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Scalar(cs, "SELECT count(*) FROM flights"));
        Assert.Equal(samples, Scalar(cs, "SELECT count(*) FROM samples"));
        Assert.Equal(features, Scalar(cs, "SELECT count(*) FROM infra_features"));
        Assert.Equal(1, Scalar(cs, "SELECT count(*) FROM layers"));
    }

    [PostgisFact]
    public void Ingest_stores_the_track_as_a_linestring_with_time_as_M_and_one_point_per_positioned_sample()
    {
        var cs = PostgresServer.Shared.CreateDatabase();
        var r = Ingest(cs, [], DemoFlights[0]);
        Assert.True(r.Code == 0, r.Stderr);
        Assert.Equal(1, Scalar(cs, "SELECT count(*) FROM flights WHERE ST_Zmflag(track) = 1 AND GeometryType(track) = 'LINESTRINGM'"));
        Assert.Equal(Scalar(cs, "SELECT count(*) FROM samples WHERE geom IS NOT NULL"), Scalar(cs, "SELECT ST_NPoints(track) FROM flights"));
        // M grows along the track and equals the sample's track seconds.
        Assert.Equal(0, Scalar(cs, """
            SELECT count(*) FROM flights f
            JOIN samples s ON s.flight_id = f.flight_id AND s.track_index IS NOT NULL
            WHERE abs(ST_M(ST_PointN(f.track, s.track_index + 1)) - s.track_s) > 1e-9
               OR NOT ST_Equals(ST_Force2D(ST_PointN(f.track, s.track_index + 1)), s.geom)
            """));
        Assert.Equal(1, Scalar(cs, "SELECT count(*) FROM schema_version"));
    }

    [PostgisFact]
    public void Migrations_run_once_and_a_newer_schema_is_refused()
    {
        var cs = PostgresServer.Shared.CreateDatabase();
        Assert.Equal(0, Check(cs).Code);
        Assert.Equal(0, Check(cs).Code);
        Assert.Equal(PostgisSchema.LatestVersion, Scalar(cs, "SELECT max(version) FROM schema_version"));
        Assert.Equal(PostgisSchema.Migrations.Count, Scalar(cs, "SELECT count(*) FROM schema_version"));
        Scalar(cs, "INSERT INTO schema_version (version, name) VALUES (9999, 'from the future') RETURNING version");
        var r = Check(cs);
        Assert.Equal(2, r.Code);
        Assert.Contains("newer than this build", r.Stderr, StringComparison.Ordinal);
    }

    [PostgisFact]
    public void SQL_looking_names_ids_and_tags_are_stored_and_returned_verbatim()
    {
        var cs = PostgresServer.Shared.CreateDatabase();
        var dir = Directory.CreateTempSubdirectory("ff-pg-sql-");
        try
        {
            // Synthetic layer over the quadcopter's path: the water works' polygon under hostile strings.
            const string HostileId = "x'); DROP TABLE flights; --";
            const string HostileName = "Robert'); DELETE FROM samples; -- \"quoted\" $1 \\";
            var source = File.ReadAllText(Layer);
            using var original = JsonDocument.Parse(source);
            var water = original.RootElement.GetProperty("features").EnumerateArray().First(f => f.GetProperty("id").GetString() == "demoville/water-works");
            var layer = Path.Combine(dir.FullName, "hostile.geojson");
            var feature = new Dictionary<string, object>
            {
                ["type"] = "Feature",
                ["id"] = HostileId,
                ["properties"] = new Dictionary<string, string> { ["name"] = HostileName, ["category"] = "water", ["note'; DROP TABLE layers; --"] = "1'::text" },
                ["geometry"] = water.GetProperty("geometry"),
            };
            File.WriteAllText(layer, JsonSerializer.Serialize(new Dictionary<string, object> { ["type"] = "FeatureCollection", ["features"] = new[] { feature } }));

            var ingest = Ingest(cs, [layer], DemoFlights[0]);
            Assert.True(ingest.Code == 0, ingest.Stderr);
            var check = Check(cs, json: true);
            Assert.True(check.Code == 0, check.Stderr);
            using var doc = JsonDocument.Parse(check.Stdout);
            var over = doc.RootElement.GetProperty("flights")[0].GetProperty("overflights");
            Assert.Equal(1, over.GetArrayLength());
            Assert.Equal(HostileId, over[0].GetProperty("featureId").GetString());
            Assert.Equal(HostileName, over[0].GetProperty("name").GetString());
            Assert.Equal(1, Scalar(cs, "SELECT count(*) FROM flights"));
            Assert.True(Scalar(cs, "SELECT count(*) FROM samples") > 100);
            Assert.Equal(1, Scalar(cs, "SELECT count(*) FROM infra_features WHERE tags ? 'note''; DROP TABLE layers; --'"));
            Assert.Equal(1, Scalar(cs, "SELECT count(*) FROM findings WHERE kind = 'overflight'"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [PostgisFact]
    public void A_file_that_is_no_flight_log_is_skipped_with_exit_2_and_nothing_is_half_ingested()
    {
        var cs = PostgresServer.Shared.CreateDatabase();
        var dir = Directory.CreateTempSubdirectory("ff-pg-bad-");
        try
        {
            var garbage = Path.Combine(dir.FullName, "garbage.bin");
            File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))]);
            var r = Ingest(cs, [], garbage, DemoFlights[0]);
            Assert.Equal(2, r.Code);
            Assert.Contains("garbage.bin", r.Stderr, StringComparison.Ordinal);
            Assert.Equal(1, Scalar(cs, "SELECT count(*) FROM flights"));
            Assert.Equal(0, Scalar(cs, "SELECT count(*) FROM samples s WHERE NOT EXISTS (SELECT 1 FROM flights f WHERE f.flight_id = s.flight_id)"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
