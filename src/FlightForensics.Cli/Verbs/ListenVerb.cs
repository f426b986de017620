using FlightForensics.Core.Evidence;
using System.Buffers.Binary;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FlightForensics.Geo.Analysis;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;
using FlightForensics.Mavlink.Live;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>listen udp://HOST:PORT [--infra LAYER ...] [--tlog OUT]</c>: live MAVLink. Alerts (JSON lines on stdout)
/// when the vehicle enters, leaves or comes near a feature; optionally records every packet as a tlog.
/// Stops on Ctrl-C or after <c>--duration</c>; the receive queue is bounded and drops are counted.
/// </summary>
public static class ListenVerb
{
    public static Command Create(CliContext context)
    {
        var uri = new Argument<string>("URI") { Description = "udp://HOST:PORT to bind (udp://0.0.0.0:14550 for every interface)." };
        var infra = CaseArguments.InfraOption(required: false);
        var tlog = new Option<string?>("--tlog") { Description = "Record every packet received to this tlog (8-byte big-endian µs timestamp + packet)." };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl-C)." };
        var buffer = new Option<double?>("--buffer-m") { Description = "Close-approach distance in metres for every feature (default: per category)." };
        var command = new Command("listen", "Live MAVLink over UDP: decode, alert on infrastructure, optionally record a tlog.") { uri, infra, tlog, duration, buffer };
        command.SetAction(async (parse, ct) => await context.GuardAsync(async () =>
        {
            System.Net.IPEndPoint endpoint;
            try
            {
                endpoint = MavlinkUdpListener.ParseUri(parse.GetValue(uri)!);
            }
            catch (FormatException ex)
            {
                throw new UsageException(ex.Message);
            }

            OutputPlan.Ensure(EvidenceGuard.For(parse.GetValue(infra) ?? []), (parse.GetValue(tlog), "recording"));
            var layers = PreparedCase.ReadLayers(parse.GetValue(infra) ?? []);
            var watch = layers.Count > 0 ? new LiveWatch(layers, new CheckOptions { BufferMetersOverride = parse.GetValue(buffer) }) : null;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (parse.GetValue(duration) is double seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, seconds)));
            }

            FileStream? recording = parse.GetValue(tlog) is string tlogPath ? new FileStream(tlogPath, FileMode.Create, FileAccess.Write, FileShare.Read) : null;
            await using var listener = new MavlinkUdpListener(endpoint);
            context.Stderr.WriteLine($"listening on udp://{listener.LocalEndPoint} ({layers.Sum(l => l.Features.Count)} infrastructure features)");
            long positions = 0, alerts = 0;
            var stampBuffer = new byte[8];
            try
            {
                await foreach (var received in listener.ReadPacketsAsync(stop.Token).ConfigureAwait(false))
                {
                    if (recording is not null)
                    {
                        BinaryPrimitives.WriteUInt64BigEndian(stampBuffer, (ulong)(received.ReceivedUtc.ToUnixTimeMilliseconds() * 1000));
                        recording.Write(stampBuffer);
                        recording.Write(received.Packet);
                    }

                    if (watch is null || !TryPosition(received.Packet, out var lat, out var lon, out var height))
                    {
                        continue;
                    }

                    positions++;
                    foreach (var alert in watch.Update(lat, lon, height, received.ReceivedUtc))
                    {
                        alerts++;
                        WriteAlert(context, alert, received.SystemId);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Ctrl-C or --duration: a normal end.
            }
            finally
            {
                recording?.Dispose();
            }

            context.Stdout.Flush();
            context.Stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"listen: {listener.PacketsReceived} packets, {positions} positions, {alerts} alerts; dropped {listener.PacketsDropped}, malformed datagrams {listener.MalformedDatagrams}, CRC failures {listener.CrcFailures}, skipped bytes {listener.SkippedBytes}"));
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
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

    private static void WriteAlert(CliContext context, LiveAlert alert, byte systemId)
    {
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

        context.Stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        context.Stderr.WriteLine($"ALERT {alert.Kind} {alert.Feature.Name ?? alert.Feature.FeatureId} ({alert.Feature.Category})");
    }
}
