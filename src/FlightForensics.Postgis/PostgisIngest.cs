using System.Buffers.Binary;
using System.Text.Json;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace FlightForensics.Postgis;

/// <summary>What an ingest did with one flight or layer.</summary>
public enum IngestOutcome
{
    Added,

    /// <summary>A flight or layer with the same SHA-256 was already in the database: nothing was written.</summary>
    AlreadyPresent,
}

/// <summary>Options of <see cref="PostgisIngest"/>.</summary>
public sealed record IngestOptions
{
    public static IngestOptions Default { get; } = new();

    /// <summary>Two samples further apart in time are not joined by a track segment (same rule as the in-process check).</summary>
    public double MaxSegmentGapSeconds { get; init; } = 30;
}

/// <summary>
/// Loads decoded flights and infrastructure layers. Rows go in by binary COPY; geometry as (E)WKB. One
/// transaction per flight and per layer: a connection lost mid-way leaves nothing half-ingested. Idempotent by
/// SHA-256: a flight or layer already present is left as it is.
/// </summary>
public static class PostgisIngest
{
    private const int Srid = 4326;

    /// <summary>
    /// Loads one flight in one transaction. A server or connection lost on the way is a <see cref="PostgisException"/>
    /// (one line, exit 2) saying the flight was not stored: the transaction never committed.
    /// </summary>
    public static async Task<IngestOutcome> IngestFlightAsync(PostgisStore store, FlightLog log, IngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            return await IngestFlightInTransactionAsync(store, log, options, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw PostgisException.From($"{log.Evidence.FileName} not stored (its transaction did not commit)", ex);
        }
    }

    private static async Task<IngestOutcome> IngestFlightInTransactionAsync(PostgisStore store, FlightLog log, IngestOptions? options, CancellationToken cancellationToken)
    {
        options ??= IngestOptions.Default;
        var track = TrackBuilder.Build(log);
        var connection = store.Connection;
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long flightId;
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO flights (sha256, file_name, bytes, format, format_version, decoder, vehicle, aircraft_serial,
                                 start_utc, end_utc, time_origin_utc, origin_lat, origin_lon, sample_count, track_points, track, max_gap_s)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
                    CASE WHEN $16::bytea IS NULL THEN NULL ELSE ST_GeomFromWKB($16, 4326) END, $17)
            ON CONFLICT (sha256) DO NOTHING
            RETURNING flight_id
            """, connection, tx))
        {
            var p = insert.Parameters;
            p.Add(Text(log.Evidence.Sha256));
            p.Add(Text(log.Evidence.FileName));
            p.Add(new NpgsqlParameter<long> { TypedValue = log.Evidence.Bytes });
            p.Add(Text(log.FormatId));
            p.Add(Text(log.FormatVersion));
            p.Add(Text($"{log.DecoderName} {log.DecoderVersion}"));
            p.Add(new NpgsqlParameter { Value = VehicleJson(log.Vehicle), NpgsqlDbType = NpgsqlDbType.Jsonb });
            p.Add(Text(log.Vehicle.AircraftSerial ?? log.Vehicle.FlightControllerSerial));
            p.Add(Utc(log.StartUtc ?? log.Summary.FirstUtc));
            p.Add(Utc(log.Summary.LastUtc));
            p.Add(Utc(track.TimeOrigin));
            p.Add(Number(track.OriginLatitude));
            p.Add(Number(track.OriginLongitude));
            p.Add(new NpgsqlParameter<int> { TypedValue = log.Samples.Count });
            p.Add(new NpgsqlParameter<int> { TypedValue = track.Points.Count });
            p.Add(new NpgsqlParameter { Value = (object?)track.LineStringWkb() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
            p.Add(new NpgsqlParameter<double> { TypedValue = options.MaxSegmentGapSeconds });
            var id = await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (id is not long newId)
            {
                await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return IngestOutcome.AlreadyPresent;
            }

            flightId = newId;
        }

        await CopySamplesAsync(connection, flightId, log, track, cancellationToken).ConfigureAwait(false);
        await CopyEventsAsync(connection, flightId, log, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return IngestOutcome.Added;
    }

    private static async Task CopySamplesAsync(NpgsqlConnection connection, long flightId, FlightLog log, TrackBuilder track, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY samples (flight_id, sample_index, track_index, time_utc, elapsed_s, track_s, geom, altitude_msl_m,
                          height_above_takeoff_m, height_above_ground_m, ground_speed_mps, vertical_speed_mps, course_deg,
                          gimbal_pitch_deg, gimbal_yaw_deg, photo_taken, is_recording_video, source_offset)
            FROM STDIN (FORMAT BINARY)
            """, ct).ConfigureAwait(false);
        var point = new byte[PointEwkbLength];
        var samples = log.Samples;
        var trackIndex = 0;
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            await writer.StartRowAsync(ct).ConfigureAwait(false);
            await writer.WriteAsync(flightId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await writer.WriteAsync(i, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            var positioned = s.HasPosition;
            await WriteAsync(writer, positioned ? trackIndex : null, ct).ConfigureAwait(false);
            await WriteUtcAsync(writer, s.TimeUtc, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.ElapsedSeconds, ct).ConfigureAwait(false);
            double? trackSeconds = positioned && double.IsFinite(track.Points[trackIndex].M) ? track.Points[trackIndex].M : null;
            await WriteAsync(writer, trackSeconds, ct).ConfigureAwait(false);
            if (positioned)
            {
                WritePointEwkb(point, s.LongitudeDegrees!.Value, s.LatitudeDegrees!.Value);
                // Binary COPY hands the bytes to PostGIS's geometry receive function, which reads EWKB.
                await writer.WriteAsync(point, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                trackIndex++;
            }
            else
            {
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
            }

            await WriteAsync(writer, s.AltitudeMslMeters, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.HeightAboveTakeoffMeters, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.HeightAboveGroundMeters, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.GroundSpeedMetersPerSecond, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.VerticalSpeedMetersPerSecond, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.CourseDegrees, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.GimbalPitchDegrees, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.GimbalYawDegrees, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.PhotoTaken, ct).ConfigureAwait(false);
            await WriteAsync(writer, s.IsRecordingVideo, ct).ConfigureAwait(false);
            await writer.WriteAsync(s.SourceOffset, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
        }

        await writer.CompleteAsync(ct).ConfigureAwait(false);
    }

    private static async Task CopyEventsAsync(NpgsqlConnection connection, long flightId, FlightLog log, CancellationToken ct)
    {
        if (log.Events.Count == 0)
        {
            return;
        }

        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY events (flight_id, event_index, time_utc, elapsed_s, kind, text, geom, source_offset) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        for (var i = 0; i < log.Events.Count; i++)
        {
            var e = log.Events[i];
            await writer.StartRowAsync(ct).ConfigureAwait(false);
            await writer.WriteAsync(flightId, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            await writer.WriteAsync(i, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
            await WriteUtcAsync(writer, e.TimeUtc, ct).ConfigureAwait(false);
            await WriteAsync(writer, e.ElapsedSeconds, ct).ConfigureAwait(false);
            await writer.WriteAsync(e.Kind.ToName(), NpgsqlDbType.Text, ct).ConfigureAwait(false);
            await writer.WriteAsync(e.Text, NpgsqlDbType.Text, ct).ConfigureAwait(false);
            if (e.LatitudeDegrees is double lat && e.LongitudeDegrees is double lon && double.IsFinite(lat) && double.IsFinite(lon))
            {
                var point = new byte[PointEwkbLength];
                WritePointEwkb(point, lon, lat);
                await writer.WriteAsync(point, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
            }
            else
            {
                await writer.WriteNullAsync(ct).ConfigureAwait(false);
            }

            await writer.WriteAsync(e.SourceOffset, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
        }

        await writer.CompleteAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Loads one layer in one transaction; a lost server is a <see cref="PostgisException"/> as for flights.</summary>
    public static async Task<IngestOutcome> IngestLayerAsync(PostgisStore store, InfrastructureLayer layer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(layer);
        try
        {
            return await IngestLayerInTransactionAsync(store, layer, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw PostgisException.From($"layer {layer.FileName} not stored (its transaction did not commit)", ex);
        }
    }

    private static async Task<IngestOutcome> IngestLayerInTransactionAsync(PostgisStore store, InfrastructureLayer layer, CancellationToken cancellationToken)
    {
        var connection = store.Connection;
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long layerId;
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO layers (sha256, file_name, bytes, format, feature_count, attribution)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (sha256) DO NOTHING
            RETURNING layer_id
            """, connection, tx))
        {
            insert.Parameters.Add(Text(layer.Sha256));
            insert.Parameters.Add(Text(layer.FileName));
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = layer.Bytes });
            insert.Parameters.Add(Text(layer.Format));
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = layer.Features.Count });
            insert.Parameters.Add(Text(layer.Attribution));
            if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long id)
            {
                await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return IngestOutcome.AlreadyPresent;
            }

            layerId = id;
        }

        var wkb = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false, emitM: false);
        await using (var writer = await connection.BeginBinaryImportAsync(
            """
            COPY infra_features (layer_id, ordinal, source_id, name, category, subcategory, kind, tags, lower_limit, upper_limit, geom)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < layer.Features.Count; i++)
            {
                var f = layer.Features[i];
                var geometry = f.Geometry.Copy();
                geometry.SRID = Srid;
                await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(layerId, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(f.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer, f.Name, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(f.Category, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer, f.Subcategory, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(f.Kind.ToName(), NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(TagsJson(f.Tags), NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer, f.LowerLimit, cancellationToken).ConfigureAwait(false);
                await WriteAsync(writer, f.UpperLimit, cancellationToken).ConfigureAwait(false);
                await writer.WriteAsync(wkb.Write(geometry), NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // ST_Subdivide copy of anything with more than 256 vertices, the rest as it is (PostGIS docs: ST_Subdivide).
        await using (var parts = new NpgsqlCommand(
            """
            INSERT INTO infra_parts (feature_pk, geom)
            SELECT f.feature_pk, p.geom
            FROM infra_features f
            CROSS JOIN LATERAL (
                SELECT ST_Subdivide(f.geom, 256) AS geom WHERE ST_NPoints(f.geom) > 256
                UNION ALL
                SELECT f.geom WHERE ST_NPoints(f.geom) <= 256
            ) p
            WHERE f.layer_id = $1
            """, connection, tx))
        {
            parts.Parameters.Add(new NpgsqlParameter<long> { TypedValue = layerId });
            await parts.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return IngestOutcome.Added;
    }

    private const int PointEwkbLength = 25;

    /// <summary>EWKB point with SRID 4326: byte order, type with the SRID flag, SRID, X, Y (little-endian).</summary>
    private static void WritePointEwkb(Span<byte> target, double x, double y)
    {
        target[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(target[1..], 0x2000_0001);
        BinaryPrimitives.WriteInt32LittleEndian(target[5..], Srid);
        BinaryPrimitives.WriteDoubleLittleEndian(target[9..], x);
        BinaryPrimitives.WriteDoubleLittleEndian(target[17..], y);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Number(double? value) => new() { Value = value is double v ? v : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Double };

    private static NpgsqlParameter Utc(DateTimeOffset? value) => new() { Value = value is DateTimeOffset v ? v.UtcDateTime : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static Task WriteAsync(NpgsqlBinaryImporter writer, double? value, CancellationToken ct) =>
        value is double v ? writer.WriteAsync(v, NpgsqlDbType.Double, ct) : writer.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter writer, int? value, CancellationToken ct) =>
        value is int v ? writer.WriteAsync(v, NpgsqlDbType.Integer, ct) : writer.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter writer, bool? value, CancellationToken ct) =>
        value is bool v ? writer.WriteAsync(v, NpgsqlDbType.Boolean, ct) : writer.WriteNullAsync(ct);

    private static Task WriteAsync(NpgsqlBinaryImporter writer, string? value, CancellationToken ct) =>
        value is not null ? writer.WriteAsync(value, NpgsqlDbType.Text, ct) : writer.WriteNullAsync(ct);

    private static Task WriteUtcAsync(NpgsqlBinaryImporter writer, DateTimeOffset? value, CancellationToken ct) =>
        value is DateTimeOffset v ? writer.WriteAsync(v.UtcDateTime, NpgsqlDbType.TimestampTz, ct) : writer.WriteNullAsync(ct);

    private static string VehicleJson(VehicleIdentity vehicle)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (key, value) in vehicle.KnownFields())
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string TagsJson(IReadOnlyDictionary<string, string> tags)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>
/// The positioned samples as the in-process check sees them (Geo's FlightTrack): same origin of the local
/// plane (centre of the bounding box) and same time origin (first positioned sample with a UTC), so that M
/// on the stored track means the same seconds.
/// </summary>
internal sealed class TrackBuilder
{
    public List<CoordinateM> Points { get; } = [];
    public DateTimeOffset? TimeOrigin { get; private set; }
    public double? OriginLatitude { get; private set; }
    public double? OriginLongitude { get; private set; }

    public static TrackBuilder Build(FlightLog log)
    {
        var t = new TrackBuilder();
        double minLat = double.MaxValue, maxLat = double.MinValue, minLon = double.MaxValue, maxLon = double.MinValue;
        foreach (var s in log.Samples)
        {
            if (!s.HasPosition)
            {
                continue;
            }

            var lat = s.LatitudeDegrees!.Value;
            var lon = s.LongitudeDegrees!.Value;
            minLat = Math.Min(minLat, lat);
            maxLat = Math.Max(maxLat, lat);
            minLon = Math.Min(minLon, lon);
            maxLon = Math.Max(maxLon, lon);
            if (t.TimeOrigin is null && UtcOf(s, log.StartUtc) is DateTimeOffset utc)
            {
                t.TimeOrigin = utc;
            }
        }

        if (minLat == double.MaxValue)
        {
            return t;
        }

        t.OriginLatitude = (minLat + maxLat) / 2;
        t.OriginLongitude = (minLon + maxLon) / 2;
        foreach (var s in log.Samples)
        {
            if (!s.HasPosition)
            {
                continue;
            }

            var seconds = t.TimeOrigin is DateTimeOffset o
                ? (UtcOf(s, log.StartUtc) is DateTimeOffset u ? (u - o).TotalSeconds : double.NaN)
                : s.ElapsedSeconds ?? double.NaN;
            t.Points.Add(new CoordinateM(s.LongitudeDegrees!.Value, s.LatitudeDegrees!.Value, seconds));
        }

        return t;
    }

    private static DateTimeOffset? UtcOf(in TelemetrySample s, DateTimeOffset? start) =>
        SampleTime.Utc(in s, start);

    /// <summary>WKB of the LINESTRING M (no SRID; the SQL sets 4326); null with fewer than two points.</summary>
    public byte[]? LineStringWkb()
    {
        if (Points.Count < 2)
        {
            return null;
        }

        var sequence = new NetTopologySuite.Geometries.Implementation.CoordinateArraySequence([.. Points], 3, 1);
        var line = new LineString(sequence, NetTopologySuite.NtsGeometryServices.Instance.CreateGeometryFactory());
        return new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: true).Write(line);
    }
}
