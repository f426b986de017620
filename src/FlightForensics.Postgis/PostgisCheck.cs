using System.Globalization;
using System.Text.Json;
using FlightForensics.Geo.Analysis;
using Npgsql;
using NpgsqlTypes;

namespace FlightForensics.Postgis;

/// <summary>One flight's check as computed in SQL, with the database id of the flight.</summary>
public sealed record DatabaseCheckResult(long FlightId, CheckResult Result);

/// <summary>
/// The <c>check</c> analysis in SQL over every ingested flight: overflights (entry and exit interpolated along
/// the LINESTRING M) and close approaches (ST_DWithin on geography with the taxonomy's per-category buffers).
/// Results are written to <c>findings</c> (replacing the flight's earlier ones) and returned in the same model
/// as the in-process engine, so the same JSON writer serves both. Camera captures are in-process only.
/// </summary>
public static class PostgisCheck
{
    private static readonly Lazy<string> s_flightQuery = new(() => PostgisSchema.ReadQuery("check-flight.sql"));
    private static readonly Lazy<string> s_layerQuery = new(() => PostgisSchema.ReadQuery("check-layers.sql"));

    public static async Task<IReadOnlyList<DatabaseCheckResult>> RunAsync(PostgisStore store, CheckOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            return await RunQueriesAsync(store, options ?? CheckOptions.Default, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Findings are replaced per flight in a transaction, so a lost server leaves each flight's old or new set.
            throw PostgisException.From("db check stopped: the database failed", ex);
        }
    }

    private static async Task<IReadOnlyList<DatabaseCheckResult>> RunQueriesAsync(PostgisStore store, CheckOptions options, CancellationToken cancellationToken)
    {
        var flights = new List<FlightRow>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT flight_id, file_name, sha256, format, start_utc, end_utc, time_origin_utc, track_points, origin_lat, origin_lon, max_gap_s FROM flights ORDER BY flight_id",
            store.Connection))
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                flights.Add(new FlightRow(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    Utc(reader, 4), Utc(reader, 5), Utc(reader, 6), reader.GetInt32(7),
                    reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetDouble(9), reader.GetDouble(10)));
            }
        }

        var results = new List<DatabaseCheckResult>(flights.Count);
        foreach (var flight in flights)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(new DatabaseCheckResult(flight.Id, await CheckFlightAsync(store.Connection, flight, options, cancellationToken).ConfigureAwait(false)));
        }

        return results;
    }

    private static async Task<CheckResult> CheckFlightAsync(NpgsqlConnection connection, FlightRow flight, CheckOptions options, CancellationToken ct)
    {
        var taxonomy = options.Taxonomy;
        var categories = taxonomy.Categories.ToList();
        var reach = SearchReachMeters(options);
        var notes = new List<string> { "camera captures are computed by the in-process check only (flightforensics check)" };
        if (flight.TrackPoints < 2)
        {
            notes.Add("fewer than two positioned samples: no track to check");
        }

        if (flight.TimeOrigin is null)
        {
            notes.Add("the log states no UTC: times are given as elapsed seconds only");
        }

        if (Math.Abs(flight.MaxGapSeconds - options.MaxSegmentGapSeconds) > 1e-9)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"segments longer than {flight.MaxGapSeconds} s (the gap limit at ingest) were not interpolated"));
        }

        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (frameSrid, frameLat, frameLon) = await LocalFrameAsync(connection, tx, flight.OriginLatitude ?? 0, flight.OriginLongitude ?? 0, ct).ConfigureAwait(false);
        var layers = new List<CheckedLayer>();
        await using (var cmd = new NpgsqlCommand(s_layerQuery.Value, connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = flight.Id });
            cmd.Parameters.Add(new NpgsqlParameter<double> { TypedValue = reach });
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                layers.Add(new CheckedLayer(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    (int)reader.GetInt64(5), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        var overflights = new List<Overflight>();
        var proximity = new List<CloseApproach>();
        var stored = new List<(string Kind, long FeaturePk, object Finding)>();
        await using (var cmd = new NpgsqlCommand(s_flightQuery.Value, connection, tx))
        {
            var p = cmd.Parameters;
            p.Add(new NpgsqlParameter<long> { TypedValue = flight.Id });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. categories.Select(c => c.Id)] });
            p.Add(new NpgsqlParameter<double[]> { TypedValue = [.. categories.Select(c => options.BufferMetersOverride ?? c.BufferMeters)] });
            p.Add(new NpgsqlParameter<double[]> { TypedValue = [.. categories.Select(c => c.LineHalfWidthMeters)] });
            p.Add(new NpgsqlParameter<double[]> { TypedValue = [.. categories.Select(c => c.PointRadiusMeters)] });
            p.Add(new NpgsqlParameter<double> { TypedValue = reach });
            p.Add(new NpgsqlParameter<int> { TypedValue = frameSrid });
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var feature = new FeatureReference(r.GetString(2), Str(r, 3), r.GetString(4), Str(r, 5), r.GetString(6), r.GetString(7), r.GetString(8));
                var featurePk = r.GetInt64(1);
                if (r.GetString(0) == "overflight")
                {
                    var entry = Dbl(r, 9);
                    var exit = Dbl(r, 10);
                    var o = new Overflight
                    {
                        Feature = feature,
                        EntrySeconds = entry,
                        ExitSeconds = exit,
                        EntryUtc = UtcAt(flight.TimeOrigin, entry),
                        ExitUtc = UtcAt(flight.TimeOrigin, exit),
                        DurationSeconds = entry is double a && exit is double b ? b - a : null,
                        MinHeightAboveTakeoffMeters = Dbl(r, 11),
                        MinHeightAboveGroundMeters = Dbl(r, 12),
                        EntryLongitude = r.GetDouble(13),
                        EntryLatitude = r.GetDouble(14),
                        ExitLongitude = r.GetDouble(15),
                        ExitLatitude = r.GetDouble(16),
                        FirstSampleIndex = r.GetInt32(17),
                        LastSampleIndex = r.GetInt32(18),
                        FirstSourceOffset = r.GetInt64(19),
                        LastSourceOffset = r.GetInt64(20),
                        StartedInside = r.GetBoolean(21),
                        EndedInside = r.GetBoolean(22),
                        AreaExpansionMeters = r.GetDouble(23),
                    };
                    overflights.Add(o);
                    stored.Add(("overflight", featurePk, o));
                }
                else
                {
                    var at = Dbl(r, 9);
                    var c = new CloseApproach
                    {
                        Feature = feature,
                        AtSeconds = at,
                        AtUtc = UtcAt(flight.TimeOrigin, at),
                        HeightAboveTakeoffMeters = Dbl(r, 11),
                        Longitude = r.GetDouble(13),
                        Latitude = r.GetDouble(14),
                        SampleIndex = r.GetInt32(17),
                        SourceOffset = r.GetInt64(19),
                        ClosestApproachMeters = r.GetDouble(24),
                        BufferMeters = r.GetDouble(25),
                    };
                    proximity.Add(c);
                    stored.Add(("proximity", featurePk, c));
                }
            }
        }

        await StoreFindingsAsync(connection, tx, flight.Id, stored, options, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new CheckResult
        {
            Flight = new CheckedFlight(flight.File, flight.Sha256, flight.Format, flight.StartUtc, flight.EndUtc),
            Layers = layers,
            Overflights = [.. overflights.OrderBy(o => o.EntrySeconds ?? double.MaxValue).ThenBy(o => o.Feature.FeatureId, StringComparer.Ordinal)],
            Proximity = [.. proximity.OrderBy(p => p.AtSeconds ?? double.MaxValue).ThenBy(p => p.Feature.FeatureId, StringComparer.Ordinal)],
            Captures = [],
            Projection = flight.TrackPoints >= 2
                ? string.Create(CultureInfo.InvariantCulture, $"PostGIS: ellipsoidal orthographic (local tangent plane, WGS84) at {frameLat:F1},{frameLon:F1} (SRID {frameSrid})")
                : "none",
            Taxonomy = $"{taxonomy.Name} {taxonomy.Version}",
            TrackPoints = flight.TrackPoints,
            Notes = notes,
        };
    }

    private static async Task StoreFindingsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long flightId, List<(string Kind, long FeaturePk, object Finding)> findings, CheckOptions options, CancellationToken ct)
    {
        await using (var delete = new NpgsqlCommand("DELETE FROM findings WHERE flight_id = $1", connection, tx))
        {
            delete.Parameters.Add(new NpgsqlParameter<long> { TypedValue = flightId });
            await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        var optionsJson = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["bufferM"] = options.BufferMetersOverride,
            ["maxSegmentGapS"] = options.MaxSegmentGapSeconds,
            ["taxonomy"] = $"{options.Taxonomy.Name} {options.Taxonomy.Version}",
        }, FindingsJsonContext.Default.DictionaryStringObject);
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY findings (flight_id, finding_index, kind, feature_pk, entry_s, exit_s, entry_utc, exit_utc,
                           min_height_above_takeoff_m, min_height_above_ground_m, distance_m, buffer_m, area_expansion_m, options)
            FROM STDIN (FORMAT BINARY)
            """, ct).ConfigureAwait(false);
        for (var i = 0; i < findings.Count; i++)
        {
            var (kind, featurePk, finding) = findings[i];
            await writer.StartRowAsync(ct).ConfigureAwait(false);
            await writer.WriteAsync(flightId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await writer.WriteAsync(i, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await writer.WriteAsync(kind, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await writer.WriteAsync(featurePk, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            if (finding is Overflight o)
            {
                await Write(writer, o.EntrySeconds, ct).ConfigureAwait(false);
                await Write(writer, o.ExitSeconds, ct).ConfigureAwait(false);
                await Write(writer, o.EntryUtc, ct).ConfigureAwait(false);
                await Write(writer, o.ExitUtc, ct).ConfigureAwait(false);
                await Write(writer, o.MinHeightAboveTakeoffMeters, ct).ConfigureAwait(false);
                await Write(writer, o.MinHeightAboveGroundMeters, ct).ConfigureAwait(false);
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
                await Write(writer, o.AreaExpansionMeters, ct).ConfigureAwait(false);
            }
            else if (finding is CloseApproach c)
            {
                await Write(writer, c.AtSeconds, ct).ConfigureAwait(false);
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
                await Write(writer, c.AtUtc, ct).ConfigureAwait(false);
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
                await Write(writer, c.HeightAboveTakeoffMeters, ct).ConfigureAwait(false);
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
                await Write(writer, c.ClosestApproachMeters, ct).ConfigureAwait(false);
                await Write(writer, c.BufferMeters, ct).ConfigureAwait(false);
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
            }

            await writer.WriteAsync(optionsJson, NpgsqlDbType.Jsonb, ct).ConfigureAwait(false);
        }

        await writer.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The SRID of the local tangent-plane frame for a track centre: one per 0.1° cell (at most ~7 km from the
    /// centre, where the plane's scale error is below 1e-6), created on first use.
    /// </summary>
    private static async Task<(int Srid, double Latitude, double Longitude)> LocalFrameAsync(NpgsqlConnection connection, NpgsqlTransaction tx, double latitude, double longitude, CancellationToken ct)
    {
        var latCell = (int)Math.Round(latitude * 10);
        var lonCell = (int)Math.Round(longitude * 10);
        double lat0 = latCell / 10.0, lon0 = lonCell / 10.0;
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(4991736)", connection, tx))
        {
            await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using var cmd = new NpgsqlCommand(
            """
            WITH existing AS (SELECT srid FROM local_frames WHERE lat_cell = $1 AND lon_cell = $2),
            added AS (
                INSERT INTO local_frames (srid, lat_cell, lon_cell)
                SELECT COALESCE((SELECT max(srid) FROM local_frames), 920000) + 1, $1, $2
                WHERE NOT EXISTS (SELECT 1 FROM existing)
                RETURNING srid
            ),
            frame AS (SELECT srid FROM existing UNION ALL SELECT srid FROM added),
            registered AS (
                INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, proj4text)
                SELECT srid, 'flightforensics', srid, $3 FROM frame
                ON CONFLICT (srid) DO NOTHING
            )
            SELECT srid FROM frame
            """, connection, tx);
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = latCell });
        cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = lonCell });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Create(CultureInfo.InvariantCulture,
            $"+proj=ortho +lat_0={lat0:R} +lon_0={lon0:R} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs") });
        var srid = (int)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        return (srid, lat0, lon0);
    }

    /// <summary>How far from the track a feature can matter: the largest buffer, corridor or radius (as in-process, without the camera).</summary>
    private static double SearchReachMeters(CheckOptions options)
    {
        var reach = options.BufferMetersOverride ?? 0;
        foreach (var c in options.Taxonomy.Categories)
        {
            reach = Math.Max(reach, Math.Max(options.BufferMetersOverride ?? c.BufferMeters, Math.Max(c.LineHalfWidthMeters, c.PointRadiusMeters)));
        }

        return reach + 1;
    }

    private static DateTimeOffset? UtcAt(DateTimeOffset? origin, double? seconds) =>
        origin is DateTimeOffset o && seconds is double s && double.IsFinite(s) ? o.AddTicks((long)Math.Round(s * TimeSpan.TicksPerSecond)) : null;

    private static DateTimeOffset? Utc(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static double? Dbl(NpgsqlDataReader r, int i)
    {
        if (r.IsDBNull(i))
        {
            return null;
        }

        var v = r.GetDouble(i);
        return double.IsFinite(v) ? v : null;
    }

    private static Task Write(NpgsqlBinaryImporter w, double? v, CancellationToken ct) =>
        v is double d ? w.WriteAsync(d, NpgsqlDbType.Double, ct) : w.WriteNullAsync(ct);

    private static Task Write(NpgsqlBinaryImporter w, DateTimeOffset? v, CancellationToken ct) =>
        v is DateTimeOffset d ? w.WriteAsync(d.UtcDateTime, NpgsqlDbType.TimestampTz, ct) : w.WriteNullAsync(ct);

    private sealed record FlightRow(long Id, string File, string Sha256, string Format, DateTimeOffset? StartUtc, DateTimeOffset? EndUtc,
        DateTimeOffset? TimeOrigin, int TrackPoints, double? OriginLatitude, double? OriginLongitude, double MaxGapSeconds);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class FindingsJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
