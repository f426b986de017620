using System.Text.Json;
using System.Xml.Linq;
using FlightForensics.Core.Decoding;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Reporting.Tests;

public class ExportTests
{
    private static byte[] Export(string format, Core.Model.FlightLog log)
    {
        using var output = new MemoryStream();
        using (var exporter = TelemetryExporters.Create(format, output))
        {
            exporter.Begin(log.Evidence, new ExportProvenance(log.FormatId, log.DecoderName, log.DecoderVersion));
            var sink = new FlightLogBuilder();
            foreach (var s in log.Samples)
            {
                exporter.WriteSample(s);
                sink.AddSample(s);
            }

            foreach (var e in log.Events)
            {
                sink.AddEvent(e);
            }

            exporter.End(sink);
        }

        return output.ToArray();
    }

    private static List<string> ValidateGpx(byte[] gpx, [System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        var schemas = new System.Xml.Schema.XmlSchemaSet();
        schemas.Add("http://www.topografix.com/GPX/1/1", Path.Combine(Path.GetDirectoryName(thisFile)!, "Schemas", "gpx-1.1-subset.xsd"));
        var errors = new List<string>();
        var settings = new System.Xml.XmlReaderSettings { ValidationType = System.Xml.ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(gpx), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static List<string> ValidateKml(byte[] kml, [System.Runtime.CompilerServices.CallerFilePath] string thisFile = "")
    {
        var schemas = new System.Xml.Schema.XmlSchemaSet();
        var folder = Path.Combine(Path.GetDirectoryName(thisFile)!, "Schemas");
        schemas.Add("http://www.opengis.net/kml/2.2", Path.Combine(folder, "kml-2.2-subset.xsd"));
        schemas.Add("http://www.google.com/kml/ext/2.2", Path.Combine(folder, "gx-2.2-subset.xsd"));
        var errors = new List<string>();
        var settings = new System.Xml.XmlReaderSettings { ValidationType = System.Xml.ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(kml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    [Fact]
    public void Synthetic_kml_validates_against_the_kml_schema()
    {
        var kml = Export("kml", SyntheticFlights.Spiral());
        GoldenFile.Dump("spiral.kml", System.Text.Encoding.UTF8.GetString(kml));
        Assert.Empty(ValidateKml(kml));
        var noMsl = SyntheticFlights.Build([new Core.Model.TelemetrySample { LatitudeDegrees = 1, LongitudeDegrees = 2, TimeUtc = SyntheticFlights.Start }]);
        Assert.Empty(ValidateKml(Export("kml", noMsl)));
        var bad = "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><Placemark><Point><coordinates>1;2</coordinates></Point><name>late</name></Placemark></Document></kml>"u8.ToArray();
        Assert.NotEmpty(ValidateKml(bad));
    }

    [Fact]
    public void Synthetic_gpx_validates_against_the_gpx_schema()
    {
        var gpx = Export("gpx", SyntheticFlights.Spiral());
        GoldenFile.Dump("spiral.gpx", System.Text.Encoding.UTF8.GetString(gpx));
        Assert.Empty(ValidateGpx(gpx));
        Assert.Equal(241, XDocument.Parse(System.Text.Encoding.UTF8.GetString(gpx)).Descendants(XName.Get("trkpt", "http://www.topografix.com/GPX/1/1")).Count());
    }

    [Fact]
    public void Schema_check_is_not_deaf()
    {
        var bad = "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\" version=\"1.1\" creator=\"x\"><trk><trkseg><trkpt lat=\"1\" lon=\"180\"><time>x</time></trkpt></trkseg></trk></gpx>"u8.ToArray();
        Assert.Equal(2, ValidateGpx(bad).Count);
    }

    [Fact]
    public void Bad_input_gpx_stays_valid_at_the_antimeridian_and_with_odd_satellite_counts()
    {
        var log = SyntheticFlights.Build(
        [
            new Core.Model.TelemetrySample { LatitudeDegrees = -16.5, LongitudeDegrees = 180.0, Satellites = -3, AltitudeMslMeters = 12, TimeUtc = SyntheticFlights.Start },
            new Core.Model.TelemetrySample { LatitudeDegrees = -16.5, LongitudeDegrees = -179.9999, Satellites = 9, TimeUtc = SyntheticFlights.Start.AddSeconds(1) },
        ]);
        var gpx = Export("gpx", log);
        Assert.Empty(ValidateGpx(gpx));
        var points = XDocument.Parse(System.Text.Encoding.UTF8.GetString(gpx)).Descendants(XName.Get("trkpt", "http://www.topografix.com/GPX/1/1")).ToList();
        Assert.Equal("-180", points[0].Attribute("lon")!.Value); // the same meridian as 180
        Assert.Null(points[0].Element(XName.Get("sat", "http://www.topografix.com/GPX/1/1")));
    }

    [Fact]
    public void Synthetic_kml_has_a_timed_gx_track_and_time_stamped_photo_placemarks()
    {
        var log = SyntheticFlights.Spiral();
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Export("kml", log)));
        XNamespace kml = "http://www.opengis.net/kml/2.2", gx = "http://www.google.com/kml/ext/2.2";
        var track = doc.Descendants(gx + "Track").Single();
        var whens = track.Elements(kml + "when").Select(w => w.Value).ToList();
        var coords = track.Elements(gx + "coord").Select(c => c.Value.Split(' ')).ToList();
        Assert.Equal(log.Samples.Count, whens.Count);
        Assert.Equal(whens.Count, coords.Count);
        Assert.Equal("2024-05-01T10:00:00.000Z", whens[0]);
        Assert.Equal("2024-05-01T10:02:00.000Z", whens[^1]);
        Assert.Equal(log.Samples[10].LongitudeDegrees!.Value, double.Parse(coords[10][0], System.Globalization.CultureInfo.InvariantCulture), 9);
        Assert.Equal(log.Samples[10].AltitudeMslMeters!.Value, double.Parse(coords[10][2], System.Globalization.CultureInfo.InvariantCulture), 4);
        var photos = doc.Descendants(kml + "Placemark").Where(p => p.Element(kml + "name")?.Value == "photo").ToList();
        Assert.Equal(5, photos.Count);
        Assert.All(photos, p => Assert.NotNull(p.Element(kml + "TimeStamp")?.Element(kml + "when")));
        Assert.Equal("2024-05-01T10:00:20.000Z", photos[0].Element(kml + "TimeStamp")!.Element(kml + "when")!.Value);
    }

    [Fact]
    public void Synthetic_kml_without_utc_has_no_timed_track()
    {
        var log = SyntheticFlights.Build([new Core.Model.TelemetrySample { LatitudeDegrees = 1, LongitudeDegrees = 2, ElapsedSeconds = 0 }]);
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Export("kml", log)));
        Assert.Empty(doc.Descendants(XName.Get("Track", "http://www.google.com/kml/ext/2.2")));
    }

    [Fact]
    public void Synthetic_geojson_reads_back_with_one_time_per_position_and_event_points()
    {
        var log = SyntheticFlights.Spiral();
        using var doc = JsonDocument.Parse(Export("geojson", log));
        var features = doc.RootElement.GetProperty("features");
        var track = features[0];
        Assert.Equal("LineString", track.GetProperty("geometry").GetProperty("type").GetString());
        var coordinates = track.GetProperty("geometry").GetProperty("coordinates");
        var times = track.GetProperty("properties").GetProperty("coordTimes");
        Assert.Equal(log.Samples.Count, coordinates.GetArrayLength());
        Assert.Equal(coordinates.GetArrayLength(), times.GetArrayLength());
        Assert.Equal("2024-05-01T10:00:30.000Z", times[60].GetString());
        Assert.Equal(log.Samples[60].LatitudeDegrees!.Value, coordinates[60][1].GetDouble(), 9);
        // Photos (5), mission items (4) have positions; the takeoff event has none.
        Assert.Equal(9, features.EnumerateArray().Count(f => f.GetProperty("geometry").GetProperty("type").GetString() == "Point"));
    }
}
