using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// A synthetic format for CLI tests: files start with "SYNTH1\n", followed by lines
/// "lat,lon,heightAboveTakeoff". One sample per line, one second apart from 2024-05-06T07:08:09Z.
/// A line that does not parse becomes a corrupt diagnostic at its byte offset.
/// </summary>
internal sealed class SyntheticDecoder : IFlightLogDecoder
{
    public static readonly byte[] Magic = "SYNTH1\n"u8.ToArray();
    public static readonly DateTimeOffset Start = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public string FormatId => "synthetic";
    public string DecoderName => "SyntheticDecoder";
    public string DecoderVersion => "1.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength) =>
        head.StartsWith(Magic) ? new FormatMatch(100, "1") : FormatMatch.None;

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(input, leaveOpen: true);
        long offset = 0;
        string? line = reader.ReadLine();
        offset += Magic.Length;
        int i = 0;
        sink.AddVehicle(new VehicleIdentity { Model = "Synthetic, \"quoted\" model", AircraftSerial = "SN-1" });
        while ((line = reader.ReadLine()) is not null)
        {
            var parts = line.Split(',');
            if (parts.Length == 3
                && double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var lon)
                && double.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var h))
            {
                sink.CountRecord("POS");
                sink.AddSample(new TelemetrySample
                {
                    TimeUtc = Start.AddSeconds(i),
                    ElapsedSeconds = i,
                    LatitudeDegrees = lat,
                    LongitudeDegrees = lon,
                    HeightAboveTakeoffMeters = h,
                    FlightMode = "P-GPS",
                    SourceOffset = offset,
                });
                i++;
            }
            else
            {
                sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, "line does not parse", line.Length);
            }

            offset += line.Length + 1;
        }

        sink.AddEvent(new FlightEvent { Kind = FlightEventKind.Photo, TimeUtc = Start, Text = "<photo>", SourceOffset = Magic.Length, LatitudeDegrees = 1, LongitudeDegrees = 2 });
    }
}
