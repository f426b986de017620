using System.Text.Json;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// `check --json` and `layers --json` with a drone-zone feed: the contract's airspace fields, the category count,
/// and the human table line. The zone is synthetic (an ED-269 circle around the real SITL flight's takeoff).
/// </summary>
public sealed class AirspaceCliTests : IDisposable
{
    private static readonly string[] s_contractFields =
    [
        "featureId", "name", "restriction", "layer", "entryUtc", "exitUtc", "durationS", "lowerM", "lowerReference", "upperM",
        "upperReference", "flightMinM", "flightMaxM", "flightReference", "verticalMarginM", "verdict", "heightSource",
    ];

    private readonly string _dir = Directory.CreateTempSubdirectory("ff-airspace-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string SyntheticZone()
    {
        // CMAC, the ArduPilot SITL home (-35.363261, 149.165230), where cuav_sitl_2018_flight.tlog flies; a 1 m AGL ceiling.
        var path = Path.Combine(_dir, "zones.json");
        File.WriteAllText(path, """
            {"UASZoneList":[{"identifier":"SYN-CMAC","name":"Synthetic CMAC zone","restriction":"PROHIBITED","applicability":[{"permanent":"YES"}],
             "geometry":[{"uomDimensions":"M","lowerLimit":0,"lowerVerticalReference":"AGL","upperLimit":1,"upperVerticalReference":"AGL",
             "horizontalProjection":{"type":"Circle","center":[149.16523,-35.363261],"radius":5000}}]}]}
            """);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Capture(args);

    [SampleFact]
    public void Check_json_has_the_contract_airspace_fields_and_layers_counts_the_zone()
    {
        var zones = SyntheticZone();
        var (code, json, err) = Run("check", Samples.Require("mavlink", "cuav_sitl_2018_flight.tlog"), "--infra", zones, "--json");
        Assert.True(code == 0, err);
        var airspace = JsonDocument.Parse(json).RootElement.GetProperty("airspace").EnumerateArray().ToList();
        Assert.NotEmpty(airspace);
        Assert.All(airspace, a =>
        {
            Assert.Equal(s_contractFields, a.EnumerateObject().Select(p => p.Name).Take(s_contractFields.Length));
            Assert.Equal("SYN-CMAC", a.GetProperty("featureId").GetString());
            Assert.Equal("prohibited", a.GetProperty("restriction").GetString());
            Assert.Equal("AGL", a.GetProperty("upperReference").GetString());
        });
        // The flight climbs well above 1 m: some stay must be over the ceiling.
        Assert.Contains(airspace, a => a.GetProperty("verdict").GetString() == "above" && a.GetProperty("verticalMarginM").GetDouble() < 0);
        Assert.Contains("drone-zone stay(s)", Run("check", Samples.Require("mavlink", "cuav_sitl_2018_flight.tlog"), "--infra", zones).Err, StringComparison.Ordinal);

        (code, json, err) = Run("layers", zones, "--json");
        Assert.True(code == 0, err);
        var layer = JsonDocument.Parse(json).RootElement;
        Assert.Equal("ed269", layer.GetProperty("format").GetString());
        Assert.Equal(1, layer.GetProperty("byCategory").GetProperty("airspace").GetInt32());
    }
}
