using System.Text;
using System.Xml;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// KML 2.2: the track as a LineString placemark. Altitudes are written only when the whole track has
/// MSL altitudes (altitudeMode absolute); otherwise the line is clamped to the ground rather than
/// mixing references. Events with positions become point placemarks with a TimeStamp (photos included).
/// When samples carry UTC, a second placemark holds a gx:Track (Google's KML extension) of the timed
/// positions, which Google Earth plays with its time slider.
/// </summary>
public sealed class KmlTelemetryExporter : ITelemetryExporter
{
    private const string KmlNs = "http://www.opengis.net/kml/2.2";
    private const string GxNs = "http://www.google.com/kml/ext/2.2";
    private readonly XmlWriter _x;
    private readonly StringBuilder _coordinates = new();

    // gx:Track needs one <when> and one <gx:coord> per timed position, buffered like the coordinates.
    private readonly List<string> _whens = [];
    private readonly StringBuilder _timedCoordinates = new();
    private bool _allHaveMsl = true;
    private EvidenceFile? _evidence;
    private ExportProvenance? _provenance;

    public KmlTelemetryExporter(Stream output, ExportOptions options)
    {
        _ = options;
        _x = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false });
    }

    public void Begin(EvidenceFile evidence, ExportProvenance provenance)
    {
        _evidence = evidence;
        _provenance = provenance;
    }

    // KML needs the altitude mode before the coordinates, so coordinates are buffered as text
    // (about 40 bytes per position; a 10 Hz hour is 1.5 MB).
    public void WriteSample(in TelemetrySample sample)
    {
        if (!sample.HasPosition)
        {
            return;
        }

        _coordinates.Append(NumberFormat.Coordinate(sample.LongitudeDegrees!.Value)).Append(',')
            .Append(NumberFormat.Coordinate(sample.LatitudeDegrees!.Value));
        if (sample.AltitudeMslMeters is double msl && double.IsFinite(msl))
        {
            _coordinates.Append(',').Append(NumberFormat.Measure(msl));
        }
        else
        {
            _allHaveMsl = false;
        }

        _coordinates.Append('\n');
        if (sample.TimeUtc is { } t)
        {
            _whens.Add(NumberFormat.Utc(t));
            _timedCoordinates.Append(NumberFormat.Coordinate(sample.LongitudeDegrees!.Value)).Append(' ')
                .Append(NumberFormat.Coordinate(sample.LatitudeDegrees!.Value)).Append(' ')
                .Append(sample.AltitudeMslMeters is double a && double.IsFinite(a) ? NumberFormat.Measure(a) : "0").Append('\n');
        }
    }

    public void End(FlightLogSink bookkeeping)
    {
        ArgumentNullException.ThrowIfNull(bookkeeping);
        var evidence = _evidence ?? throw new InvalidOperationException("Begin was not called");
        _x.WriteStartDocument();
        _x.WriteStartElement("kml", KmlNs);
        _x.WriteAttributeString("xmlns", "gx", null, GxNs);
        _x.WriteStartElement("Document");
        _x.WriteElementString("name", evidence.FileName);
        _x.WriteElementString("description",
            $"sha256 {evidence.Sha256}; format {_provenance!.FormatId}; {_provenance.ToolName} {_provenance.ToolVersion}");
        _x.WriteStartElement("Placemark");
        _x.WriteAttributeString("id", "track");
        _x.WriteElementString("name", "track");
        _x.WriteStartElement("LineString");
        _x.WriteElementString("altitudeMode", _allHaveMsl && _coordinates.Length > 0 ? "absolute" : "clampToGround");
        _x.WriteElementString("coordinates", _allHaveMsl ? _coordinates.ToString() : StripAltitudes(_coordinates));
        _x.WriteEndElement();
        _x.WriteEndElement();
        WriteTimedTrack();
        int index = 0;
        foreach (var e in bookkeeping.Events)
        {
            index++;
            if (e.LatitudeDegrees is not double lat || e.LongitudeDegrees is not double lon)
            {
                continue;
            }

            _x.WriteStartElement("Placemark");
            _x.WriteAttributeString("id", $"event-{index}");
            _x.WriteElementString("name", e.Kind.ToName());
            _x.WriteElementString("description", $"{(e.TimeUtc is { } t ? NumberFormat.Utc(t) : "")} {e.Text} (offset {e.SourceOffset})".Trim());
            if (e.TimeUtc is { } when)
            {
                _x.WriteStartElement("TimeStamp");
                _x.WriteElementString("when", NumberFormat.Utc(when));
                _x.WriteEndElement();
            }

            _x.WriteStartElement("Point");
            _x.WriteElementString("coordinates", $"{NumberFormat.Coordinate(lon)},{NumberFormat.Coordinate(lat)}");
            _x.WriteEndElement();
            _x.WriteEndElement();
        }

        _x.WriteEndElement();
        _x.WriteEndElement();
        _x.WriteEndDocument();
        _x.Flush();
    }

    private void WriteTimedTrack()
    {
        if (_whens.Count == 0)
        {
            return;
        }

        _x.WriteStartElement("Placemark");
        _x.WriteAttributeString("id", "timed-track");
        _x.WriteElementString("name", "track (timed)");
        _x.WriteStartElement("Track", GxNs);
        _x.WriteElementString("altitudeMode", _allHaveMsl ? "absolute" : "clampToGround");
        foreach (var when in _whens)
        {
            _x.WriteElementString("when", when);
        }

        foreach (var line in _timedCoordinates.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            _x.WriteElementString("coord", GxNs, line);
        }

        _x.WriteEndElement();
        _x.WriteEndElement();
    }

    private static string StripAltitudes(StringBuilder coordinates)
    {
        var sb = new StringBuilder(coordinates.Length);
        foreach (var line in coordinates.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(',');
            sb.Append(parts[0]).Append(',').Append(parts[1]).Append('\n');
        }

        return sb.ToString();
    }

    public void Dispose() => _x.Dispose();
}
