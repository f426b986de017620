using System.CommandLine;
using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>info FILE [--json]</c>: what the evidence is and what it holds, in one screen.</summary>
public static class InfoVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Machine-readable JSON on stdout." };
        var command = new Command("info", "Format, version, SHA-256, size, vehicle, start, duration, samples, bounds, home point, damage.");
        common.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var options = common.ToDecodeOptions(parse);
            bool asJson = parse.GetValue(json);
            var evidence = EvidenceFile.Open(path);
            FlightLog log;
            try
            {
                log = context.Reader.ReadSummary(path, options);
            }
            catch (UnsupportedFormatException ex) when (asJson)
            {
                // The hash is worth having even for a file nobody can decode.
                WriteUnsupportedJson(context, evidence, ex);
                throw;
            }

            if (asJson)
            {
                using var output = OutputTarget.Open(context, null);
                using (var w = new Utf8JsonWriter(output.Stream, JsonParts.WriterOptions(indented: true)))
                {
                    WriteJson(w, log, log.FormatId == RemoteIdInfo.FormatId ? RemoteIdInfo.ReadAircraft(path) : null);
                }

                output.Stream.WriteByte((byte)'\n');
                output.Commit();
            }
            else
            {
                HumanOutput.WriteInfo(context.Stderr, log);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteUnsupportedJson(CliContext context, EvidenceFile evidence, UnsupportedFormatException ex)
    {
        using var output = OutputTarget.Open(context, null);
        using (var w = new Utf8JsonWriter(output.Stream, JsonParts.WriterOptions(indented: true)))
        {
            w.WriteStartObject();
            w.WriteString("file", evidence.FileName);
            w.WriteNumber("bytes", evidence.Bytes);
            w.WriteString("sha256", evidence.Sha256);
            w.WriteNull("format");
            w.WriteString("error", "unsupported format");
            w.WriteString("magic", ex.MagicHex);
            w.WriteString("tool", ToolInfo.NameAndVersion);
            w.WriteEndObject();
        }

        output.Stream.WriteByte((byte)'\n');
        output.Commit();
    }

    public static void WriteJson(Utf8JsonWriter w, FlightLog log, IReadOnlyList<RemoteId.AircraftTrack>? aircraft = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(log);
        var s = log.Summary;
        w.WriteStartObject();
        w.WriteString("file", log.Evidence.FileName);
        w.WriteNumber("bytes", log.Evidence.Bytes);
        w.WriteString("sha256", log.Evidence.Sha256);
        w.WriteString("format", log.FormatId);
        JsonParts.WriteStringOrNull(w, "formatVersion", log.FormatVersion);
        w.WriteString("decoder", $"{log.DecoderName} {log.DecoderVersion}");
        w.WriteString("tool", ToolInfo.NameAndVersion);
        w.WritePropertyName("vehicle");
        JsonParts.WriteVehicle(w, log.Vehicle);
        JsonParts.WriteStringOrNull(w, "startUtc", log.StartUtc is { } start ? NumberFormat.Utc(start) : null);
        JsonParts.WriteStringOrNull(w, "endUtc", s.LastUtc is { } end ? NumberFormat.Utc(end) : null);
        JsonParts.WriteNumberOrNull(w, "durationS", s.DurationSeconds, 3);
        w.WriteNumber("sampleCount", s.Count);
        w.WriteNumber("samplesWithPosition", s.WithPosition);
        w.WritePropertyName("bounds");
        if (s.Bounds is GeoBounds b)
        {
            w.WriteStartObject();
            w.WritePropertyName("minLatitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MinLatitude), skipInputValidation: true);
            w.WritePropertyName("minLongitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MinLongitude), skipInputValidation: true);
            w.WritePropertyName("maxLatitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MaxLatitude), skipInputValidation: true);
            w.WritePropertyName("maxLongitudeDeg");
            w.WriteRawValue(NumberFormat.Coordinate(b.MaxLongitude), skipInputValidation: true);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("home");
        JsonParts.WriteHome(w, log.Home);
        JsonParts.WriteNumberOrNull(w, "maxHeightAboveTakeoffM", s.MaxHeightAboveTakeoffMeters);
        JsonParts.WriteNumberOrNull(w, "maxAltitudeMslM", s.MaxAltitudeMslMeters);
        JsonParts.WriteNumberOrNull(w, "maxGroundSpeedMps", s.MaxGroundSpeedMetersPerSecond);
        w.WriteNumber("eventCount", log.Events.Count);
        w.WriteNumber("attachmentCount", log.Attachments.Count);
        w.WritePropertyName("damage");
        JsonParts.WriteDamage(w, log.Damage);
        w.WriteNumber("diagnosticCount", log.Diagnostics.Count + log.DiagnosticsNotStored);
        if (aircraft is not null)
        {
            RemoteIdInfo.WriteAircraft(w, aircraft);
        }

        w.WriteEndObject();
    }
}
