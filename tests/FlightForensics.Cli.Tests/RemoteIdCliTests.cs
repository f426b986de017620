using System.Text.Json;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>remoteid-capture through the default registry: info's aircraft list, inspect's counts, --aircraft.</summary>
public sealed class RemoteIdCliTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [SampleFact]
    public void Info_lists_every_spoofed_serial_sorted_with_pilot_and_home()
    {
        var reference = File.ReadAllLines(Samples.Require("remoteid", "reference", "mavic_multiple_spoofed.pcapng.djidroneid.tsv"))
            .Skip(1).Select(l => l.Split('\t')[5]).Distinct().Order(StringComparer.Ordinal).ToList();
        var (code, output, _) = Run("info", Samples.Require("remoteid", "mavic_multiple_spoofed.pcapng"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("remoteid-capture", doc.RootElement.GetProperty("format").GetString());
        var aircraft = doc.RootElement.GetProperty("aircraft").EnumerateArray().ToList();
        Assert.NotEmpty(reference);
        Assert.Equal(reference, aircraft.Select(a => a.GetProperty("id").GetString()));
        Assert.All(aircraft, a =>
        {
            Assert.Equal("dji-droneid", a.GetProperty("protocol").GetString());
            Assert.Equal(JsonValueKind.Object, a.GetProperty("operator").ValueKind);
            Assert.Equal(JsonValueKind.Object, a.GetProperty("home").ValueKind);
        });
    }

    [SampleFact]
    public void Inspect_counts_the_contract_message_names_and_frames()
    {
        var reference = File.ReadAllLines(Samples.Require("remoteid", "reference", "odid_wifi_bcn_sample.pcap.odid.tsv")).Skip(1).ToList();
        var (code, output, _) = Run("inspect", Samples.Require("remoteid", "odid_wifi_bcn_sample.pcap"), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var counts = doc.RootElement.GetProperty("recordCounts");
        // Every reference row is a pack of Basic ID, Location, Self ID, System and Operator ID (msgType 15;0;1;3;4;5).
        Assert.NotEmpty(reference);
        Assert.All(reference, r => Assert.Equal("15;0;1;3;4;5", r.Split('\t')[4]));
        foreach (var name in new[] { "BasicID", "LocationVector", "SelfID", "System", "OperatorID", "MessagePack" })
        {
            Assert.Equal(reference.Count, counts.GetProperty(name).GetInt64());
        }

        var remoteId = doc.RootElement.GetProperty("remoteId");
        Assert.Equal(reference.Count, remoteId.GetProperty("framesWithRemoteId").GetInt64());
        Assert.Equal(1, remoteId.GetProperty("aircraft").GetInt64());
    }

    [SampleFact]
    public void Decode_with_aircraft_keeps_only_that_serial_and_json_names_it()
    {
        var path = Samples.Require("remoteid", "mavic_multiple_spoofed.pcapng");
        var rows = File.ReadAllLines(Samples.Require("remoteid", "reference", "mavic_multiple_spoofed.pcapng.djidroneid.tsv"))
            .Skip(1).Count(l => l.Split('\t')[5] == "EPUGT0787GWS5II6");
        var (code, output, _) = Run("decode", path, "--aircraft", "EPUGT0787GWS5II6", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var samples = doc.RootElement.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(rows, samples.Count);
        Assert.All(samples, s => Assert.Equal("EPUGT0787GWS5II6", s.GetProperty("aircraftId").GetString()));
    }
}
