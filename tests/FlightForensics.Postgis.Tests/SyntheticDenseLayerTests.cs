using System.Globalization;
using System.Text;
using System.Text.Json;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.TestSupport;

namespace FlightForensics.Postgis.Tests;

/// <summary>
/// Synthetic dense layer: 3,000 polygons, lines and points (seeded random) scattered around ArduPilot's SITL
/// home (CMAC), checked against the real SITL flights that start there. Many overflights and close approaches
/// of every geometry kind, compared finding by finding with the in-process engine.
/// </summary>
public sealed class SyntheticDenseLayerTests
{
    private const double HomeLatitude = -35.363261;
    private const double HomeLongitude = 149.165230;

    private static string WriteSyntheticLayer(string folder)
    {
        var random = new Random(20261121);
        string[] categories = ["energy", "water", "rail", "security", "hazmat", "emergency", "bridge", "not-in-taxonomy"];
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[\n");
        for (var i = 0; i < 3000; i++)
        {
            double lat = HomeLatitude + ((random.NextDouble() - 0.5) * 0.03), lon = HomeLongitude + ((random.NextDouble() - 0.5) * 0.03);
            var size = 0.00005 + (random.NextDouble() * 0.0004);
            string geometry = (i % 3) switch
            {
                0 => string.Create(CultureInfo.InvariantCulture,
                    $"{{\"type\":\"Polygon\",\"coordinates\":[[[{lon},{lat}],[{lon + size},{lat}],[{lon + size},{lat + (size * 0.7)}],[{lon + (size * 0.3)},{lat + size}],[{lon},{lat}]]]}}"),
                1 => string.Create(CultureInfo.InvariantCulture,
                    $"{{\"type\":\"LineString\",\"coordinates\":[[{lon},{lat}],[{lon + size},{lat + (size * 0.4)}],[{lon + (size * 1.5)},{lat - size}]]}}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"Point\",\"coordinates\":[{lon},{lat}]}}"),
            };
            sb.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? ",\n" : "")}{{\"type\":\"Feature\",\"id\":\"synthetic/{i}\",\"properties\":{{\"category\":\"{categories[i % categories.Length]}\"}},\"geometry\":{geometry}}}");
        }

        sb.Append("\n]}\n");
        var path = Path.Combine(folder, "synthetic-dense.geojson");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    [PostgisSampleFact]
    public void Synthetic_dense_layer_around_CMAC_gives_the_same_findings_in_PostGIS_as_in_process()
    {
        var dir = Directory.CreateTempSubdirectory("ff-dense-layer-");
        try
        {
            var layerPath = WriteSyntheticLayer(dir.FullName);
            string[] flights = [Samples.Require("mavlink", "cuav_sitl_2018_flight.tlog"), Samples.Require("mavlink", "uavlogviewer_vtol.tlog"), Samples.Require("mavlink", "pymavlink_test.BIN")];
            var cs = PostgresServer.Shared.CreateDatabase();
            var ingest = DbWorkflowTests.Ingest(cs, [layerPath], flights);
            Assert.True(ingest.Code == 0, ingest.Stderr);
            var check = DbWorkflowTests.Check(cs, json: true);
            Assert.True(check.Code == 0, check.Stderr);
            using var doc = JsonDocument.Parse(check.Stdout);
            var layers = new[] { LayerReader.Read(layerPath) };
            var reader = DbWorkflowTests.NewReader();
            var compared = 0;
            var kinds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var flight in doc.RootElement.GetProperty("flights").EnumerateArray())
            {
                var name = flight.GetProperty("flight").GetProperty("file").GetString();
                var expected = InfrastructureCheck.Run(reader.Read(flights.Single(f => Path.GetFileName(f) == name)), layers);
                compared += DbWorkflowTests.Compare(expected, flight);
                kinds.UnionWith(expected.Overflights.Select(o => o.Feature.Geometry));
            }

            Assert.True(compared >= 20, $"only {compared} findings compared");
            Assert.Equal(["line", "point", "polygon"], kinds.Order(StringComparer.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
