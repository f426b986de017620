using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Reporting.Exports;
using FlightForensics.TestSupport;

namespace FlightForensics.Application.Tests;

/// <summary>
/// The prepared case builds the track once, explicitly, while the layers load; its check must be the check the
/// geo library runs on its own from the same files (decoded and read here separately).
/// </summary>
public sealed class PreparedCaseTests
{
    private static readonly string Logs = Path.Combine(Samples.RepositoryRoot, "logs");
    private static readonly string Layer = Path.Combine(Logs, "demoville-infrastructure.geojson");

    private static byte[] Json(CheckResult result, CheckOptions options)
    {
        using var memory = new MemoryStream();
        using (var w = new Utf8JsonWriter(memory))
        {
            CheckJson.WriteCheck(w, result, options);
        }

        return memory.ToArray();
    }

    [Theory]
    [InlineData("demoville-quadcopter.tlog")]
    [InlineData("demoville-dji-flight.txt")]
    public void Demo_flight_check_on_the_prepared_track_equals_the_check_that_builds_its_own(string flight)
    {
        var path = Path.Combine(Logs, flight);
        var reader = new FlightLogReader(DefaultRegistries.Decoders());
        var prepared = PreparedCase.Prepare(reader, new CaseOptions { FlightPath = path, LayerPaths = [Layer] });
        Assert.NotNull(prepared.Track);
        var viaCase = prepared.Check();

        var options = new CheckOptions();
        var alone = InfrastructureCheck.Run(reader.Read(path), [LayerReader.Read(Layer)], options);
        Assert.NotEmpty(alone.Overflights); // the demo flights pass over sites: the comparison covers findings
        Assert.Equal(Json(alone, options), Json(viaCase, prepared.CheckOptions));
    }

    [Fact]
    public void A_case_with_nothing_to_check_against_builds_no_track()
    {
        var reader = new FlightLogReader(DefaultRegistries.Decoders());
        var prepared = PreparedCase.Prepare(reader, new CaseOptions { FlightPath = Path.Combine(Logs, "demoville-quadcopter.tlog") });
        Assert.Null(prepared.Track);
        Assert.Empty(prepared.Layers);
        Assert.True(prepared.Log.Samples.Count > 0);
    }

    [Fact]
    public void Camera_clock_offset_without_media_is_a_usage_error()
    {
        var reader = new FlightLogReader(DefaultRegistries.Decoders());
        var options = new CaseOptions { FlightPath = Path.Combine(Logs, "demoville-quadcopter.tlog"), CameraClockUtcOffset = TimeSpan.FromHours(2) };
        var ex = Assert.Throws<UsageException>(() => PreparedCase.Prepare(reader, options));
        Assert.Contains("--media", ex.Message, StringComparison.Ordinal);
    }
}
