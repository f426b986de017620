using FlightForensics.Core.Evidence;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text.Json;
using FlightForensics.Geo.Analysis;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;
using FlightForensics.Mavlink.Live;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Application.Workflows;

/// <summary>The live watch's settings: where to listen, what to watch, where to record.</summary>
public sealed record ListenWorkflowOptions
{
    public required IPEndPoint Endpoint { get; init; }
    public IReadOnlyList<string> LayerPaths { get; init; } = [];

    /// <summary>Every packet received is recorded here as a tlog (8-byte big-endian µs timestamp + packet).</summary>
    public string? RecordingPath { get; init; }

    /// <summary>Close-approach distance for every feature; null: per category.</summary>
    public double? BufferMeters { get; init; }
}

/// <summary>
/// Live MAVLink: alerts when the vehicle enters, leaves or comes near a feature; optionally records every packet as a
/// tlog. <see cref="Start"/> reads the layers and binds the socket; <see cref="RunAsync"/> runs until cancelled.
/// </summary>
public sealed class ListenWorkflow : IAsyncDisposable
{
    private readonly MavlinkUdpListener _listener;
    private readonly LiveWatch? _watch;
    private readonly FileStream? _recording;
    private long _positions;
    private long _alerts;

    private ListenWorkflow(MavlinkUdpListener listener, LiveWatch? watch, FileStream? recording, int features)
    {
        _listener = listener;
        _watch = watch;
        _recording = recording;
        Features = features;
    }

    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>Infrastructure features watched.</summary>
    public int Features { get; }

    /// <exception cref="UsageException">The URI is not udp://HOST:PORT.</exception>
    public static IPEndPoint ParseEndpoint(string uri)
    {
        try
        {
            return MavlinkUdpListener.ParseUri(uri);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    public static ListenWorkflow Start(ListenWorkflowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The recording must not replace a layer (or anything else given as input), whatever its name.
        OutputPlan.Ensure(EvidenceGuard.For(options.LayerPaths), (options.RecordingPath, "recording"));
        var layers = PreparedCase.ReadLayers(options.LayerPaths);
        var watch = layers.Count > 0 ? new LiveWatch(layers, new CheckOptions { BufferMetersOverride = options.BufferMeters }) : null;
        var recording = options.RecordingPath is string path ? new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read) : null;
        try
        {
            return new ListenWorkflow(new MavlinkUdpListener(options.Endpoint), watch, recording, layers.Sum(l => l.Features.Count));
        }
        catch
        {
            recording?.Dispose();
            throw;
        }
    }

    /// <summary>Receives until <paramref name="stop"/> is cancelled (a normal end); each alert goes to <paramref name="onAlert"/> with the sender's system id.</summary>
    public async Task RunAsync(Action<LiveAlert, byte> onAlert, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(onAlert);
        var stampBuffer = new byte[8];
        try
        {
            await foreach (var received in _listener.ReadPacketsAsync(stop).ConfigureAwait(false))
            {
                if (_recording is not null)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(stampBuffer, (ulong)(received.ReceivedUtc.ToUnixTimeMilliseconds() * 1000));
                    _recording.Write(stampBuffer);
                    _recording.Write(received.Packet);
                }

                if (_watch is null || !TryPosition(received.Packet, out var lat, out var lon, out var height))
                {
                    continue;
                }

                _positions++;
                foreach (var alert in _watch.Update(lat, lon, height, received.ReceivedUtc))
                {
                    _alerts++;
                    onAlert(alert, received.SystemId);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl-C or --duration: a normal end.
        }
        finally
        {
            _recording?.Dispose();
        }
    }

    /// <summary>The one-line account of the session.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"listen: {_listener.PacketsReceived} packets, {_positions} positions, {_alerts} alerts; dropped {_listener.PacketsDropped}, malformed datagrams {_listener.MalformedDatagrams}, CRC failures {_listener.CrcFailures}, skipped bytes {_listener.SkippedBytes}");

    /// <summary>An alert as one JSON line (no newline).</summary>
    public static string AlertJson(LiveAlert alert, byte systemId)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("alert", alert.Kind);
            w.WriteString("utc", NumberFormat.Utc(alert.TimeUtc));
            w.WriteNumber("systemId", systemId);
            w.WriteString("featureId", alert.Feature.FeatureId);
            JsonParts.WriteStringOrNull(w, "name", alert.Feature.Name);
            w.WriteString("category", alert.Feature.Category);
            w.WriteString("layer", alert.Feature.Layer);
            JsonParts.WriteNumberOrNull(w, "distanceM", alert.DistanceMeters, 1);
            JsonParts.WriteNumberOrNull(w, "heightAboveTakeoffM", alert.HeightAboveTakeoffMeters, 1);
            w.WritePropertyName("latitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(alert.LatitudeDegrees), skipInputValidation: true);
            w.WritePropertyName("longitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(alert.LongitudeDegrees), skipInputValidation: true);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool TryPosition(byte[] packet, out double lat, out double lon, out double? heightAboveTakeoff)
    {
        lat = lon = 0;
        heightAboveTakeoff = null;
        if (MavlinkFrameParser.TryParse(packet, out var frame) != MavlinkFrameStatus.Valid || frame.MessageId != GlobalPositionIntView.MessageId)
        {
            return false;
        }

        var view = new GlobalPositionIntView(frame.Payload);
        if (view.Lat == 0 && view.Lon == 0)
        {
            return false; // no fix
        }

        lat = view.Lat / 1e7;
        lon = view.Lon / 1e7;
        heightAboveTakeoff = view.RelativeAlt / 1000.0;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_recording is not null)
        {
            await _recording.DisposeAsync().ConfigureAwait(false);
        }

        await _listener.DisposeAsync().ConfigureAwait(false);
    }
}
