using System.CommandLine;
using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>inspect FILE --json</c>: the low-level view (record counts, damage counters, diagnostics).</summary>
public static class InspectVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "JSON on stdout (the default and only form)." };
        var limit = new Option<int>("--max-diagnostics") { Description = "How many diagnostics to list.", DefaultValueFactory = _ => 200 };
        var command = new Command("inspect", "Counts of valid records by type, damage counters and the first diagnostics.");
        common.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(limit);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var options = common.ToDecodeOptions(parse);
            var log = context.Reader.ReadSummary(path, options);
            using var output = OutputTarget.Open(context, null);
            using (var w = new Utf8JsonWriter(output.Stream, JsonParts.WriterOptions(indented: true)))
            {
                WriteJson(w, log, Math.Max(0, parse.GetValue(limit)));
            }

            output.Stream.WriteByte((byte)'\n');
            output.Commit();
            return ExitCodes.Success;
        }));
        return command;
    }

    public static void WriteJson(Utf8JsonWriter w, FlightLog log, int maxDiagnostics)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(log);
        w.WriteStartObject();
        w.WriteString("file", log.Evidence.FileName);
        w.WriteNumber("bytes", log.Evidence.Bytes);
        w.WriteString("sha256", log.Evidence.Sha256);
        w.WriteString("format", log.FormatId);
        JsonParts.WriteStringOrNull(w, "formatVersion", log.FormatVersion);
        w.WriteString("decoder", $"{log.DecoderName} {log.DecoderVersion}");
        w.WriteString("tool", ToolInfo.NameAndVersion);
        w.WritePropertyName("recordCounts");
        w.WriteStartObject();
        foreach (var (name, count) in log.RecordCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(name, count);
        }

        w.WriteEndObject();
        w.WritePropertyName("damage");
        JsonParts.WriteDamage(w, log.Damage);
        w.WriteNumber("sampleCount", log.Summary.Count);
        w.WriteNumber("eventCount", log.Events.Count);
        w.WritePropertyName("attachments");
        w.WriteStartArray();
        foreach (var a in log.Attachments)
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            w.WriteString("mediaType", a.MediaType);
            w.WriteNumber("offset", a.Offset);
            w.WriteNumber("length", a.Length);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("diagnosticCount", log.Diagnostics.Count + log.DiagnosticsNotStored);
        w.WritePropertyName("diagnostics");
        w.WriteStartArray();
        foreach (var d in log.Diagnostics.Take(maxDiagnostics))
        {
            JsonParts.WriteDiagnostic(w, d);
        }

        w.WriteEndArray();
        foreach (var (group, counters) in log.FormatCounters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(group);
            w.WriteStartObject();
            foreach (var (name, value) in counters.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
