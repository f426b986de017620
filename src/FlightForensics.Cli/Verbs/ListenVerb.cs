using System.CommandLine;
using FlightForensics.Application.Workflows;
using FlightForensics.Core.Evidence;

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
        var buffer = CaseArguments.BufferOption("per category");
        var command = new Command("listen", "Live MAVLink over UDP: decode, alert on infrastructure, optionally record a tlog.") { uri, infra, tlog, duration, buffer };
        command.SetAction(async (parse, ct) => await context.GuardAsync(async () =>
        {
            var options = new ListenWorkflowOptions
            {
                Endpoint = ListenWorkflow.ParseEndpoint(parse.GetValue(uri)!),
                LayerPaths = parse.GetValue(infra) ?? [],
                RecordingPath = parse.GetValue(tlog),
                BufferMeters = parse.GetValue(buffer),
            };
            await using var listen = ListenWorkflow.Start(options);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (parse.GetValue(duration) is double seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(Math.Max(0, seconds)));
            }

            context.Stderr.WriteLine($"listening on udp://{listen.LocalEndPoint} ({listen.Features} infrastructure features)");
            await listen.RunAsync((alert, systemId) =>
            {
                context.Stdout.WriteLine(ListenWorkflow.AlertJson(alert, systemId));
                context.Stderr.WriteLine(Reporting.Text.TerminalText.Safe($"ALERT {alert.Kind} {alert.Feature.Name ?? alert.Feature.FeatureId} ({alert.Feature.Category})"));
            }, stop.Token).ConfigureAwait(false);
            context.Stdout.Flush();
            context.Stderr.WriteLine(listen.Describe());
            return ExitCodes.Success;
        }).ConfigureAwait(false));
        return command;
    }
}
