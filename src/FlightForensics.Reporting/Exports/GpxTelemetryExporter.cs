using System.Text;
using System.Xml;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// GPX 1.1: one track segment, streamed. <c>ele</c> is GPX's elevation above mean sea level, so it is
/// written only from an MSL altitude, never from a height above takeoff.
/// </summary>
public sealed class GpxTelemetryExporter : ITelemetryExporter
{
    private const string GpxNs = "http://www.topografix.com/GPX/1/1";
    private readonly XmlWriter _x;

    public GpxTelemetryExporter(Stream output, ExportOptions options)
    {
        _ = options;
        _x = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false });
    }

    public void Begin(EvidenceFile evidence, ExportProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(provenance);
        _x.WriteStartDocument();
        _x.WriteStartElement("gpx", GpxNs);
        _x.WriteAttributeString("version", "1.1");
        _x.WriteAttributeString("creator", $"{provenance.ToolName} {provenance.ToolVersion}");
        _x.WriteStartElement("metadata");
        _x.WriteElementString("name", evidence.FileName);
        _x.WriteElementString("desc", $"sha256 {evidence.Sha256}; format {provenance.FormatId}; decoder {provenance.DecoderName} {provenance.DecoderVersion}");
        _x.WriteEndElement();
        _x.WriteStartElement("trk");
        _x.WriteElementString("name", evidence.FileName);
        _x.WriteStartElement("trkseg");
    }

    public void WriteSample(in TelemetrySample sample)
    {
        if (!sample.HasPosition)
        {
            return;
        }

        _x.WriteStartElement("trkpt");
        _x.WriteAttributeString("lat", NumberFormat.Coordinate(sample.LatitudeDegrees!.Value));
        // GPX 1.1 longitudeType is [-180, 180): 180 is written as -180, the same meridian.
        double lon = sample.LongitudeDegrees!.Value;
        _x.WriteAttributeString("lon", NumberFormat.Coordinate(lon >= 180 ? lon - 360 : lon));
        if (sample.AltitudeMslMeters is double msl && double.IsFinite(msl))
        {
            _x.WriteElementString("ele", NumberFormat.Measure(msl));
        }

        if (sample.TimeUtc is { } t)
        {
            _x.WriteElementString("time", NumberFormat.Utc(t));
        }

        // xsd:nonNegativeInteger; a negative count is garbage and is left out rather than invalidating the file.
        if (sample.Satellites is int sats && sats >= 0)
        {
            _x.WriteElementString("sat", NumberFormat.Integer(sats));
        }

        _x.WriteEndElement();
    }

    public void End(FlightLogSink bookkeeping)
    {
        _x.WriteEndElement();
        _x.WriteEndElement();
        _x.WriteEndElement();
        _x.WriteEndDocument();
        _x.Flush();
    }

    public void Dispose() => _x.Dispose();
}
