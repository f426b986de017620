using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Evidence;
using FlightForensics.Geo.Model;
using FlightForensics.Reporting.Batch;
using FlightForensics.Reporting.Exports;
using FlightForensics.Reporting.Html;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// OUT.provenance.json beside a report: the tool version, the options, every input with its SHA-256 and every
/// output file the report wrote with its size and SHA-256, and every thumbnail the HTML embeds with the photo it came
/// from and the SHA-256 of its image bytes (the HTML itself carries the hashes of its embedded parts, thumbnails
/// included, in its <c>ff-manifest</c> block). Written under a temporary name and renamed.
/// </summary>
public static class ReportManifest
{
    public static string Write(string reportPath, IReadOnlyList<string> outputs, EvidenceFile flight, IReadOnlyList<InfrastructureLayer> layers, IReadOnlyDictionary<string, string?> options,
        IReadOnlyList<EmbeddedThumbnail>? thumbnails = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(options);
        var sidecar = reportPath + ".provenance.json";
        BatchProcessor.WriteAtomically(sidecar, stream =>
        {
            using var w = new Utf8JsonWriter(stream, JsonParts.WriterOptions(indented: true));
            w.WriteStartObject();
            w.WriteString("tool", ToolInfo.NameAndVersion);
            w.WritePropertyName("options");
            w.WriteStartObject();
            foreach (var (name, value) in options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                JsonParts.WriteStringOrNull(w, name, value);
            }

            w.WriteEndObject();
            w.WritePropertyName("inputs");
            w.WriteStartArray();
            WriteFile(w, flight.FileName, flight.Bytes, flight.Sha256, "flight log");
            foreach (var layer in layers)
            {
                WriteFile(w, layer.FileName, layer.Bytes, layer.Sha256, "infrastructure layer");
            }

            w.WriteEndArray();
            w.WritePropertyName("outputs");
            w.WriteStartArray();
            foreach (var output in outputs.Distinct(StringComparer.Ordinal))
            {
                using var s = EvidenceFile.OpenRead(output);
                var sha = Convert.ToHexStringLower(SHA256.HashData(s));
                WriteFile(w, Path.GetFileName(output), new FileInfo(output).Length, sha, null);
            }

            w.WriteEndArray();
            w.WritePropertyName("thumbnails");
            w.WriteStartArray();
            foreach (var t in thumbnails ?? [])
            {
                w.WriteStartObject();
                w.WriteString("id", t.Id);
                w.WriteString("sourcePhoto", t.SourcePhoto);
                JsonParts.WriteStringOrNull(w, "featureId", t.FeatureId);
                w.WriteString("mediaType", t.MediaType);
                w.WriteNumber("bytes", t.Bytes);
                w.WriteString("sha256", t.Sha256);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return sidecar;
    }

    private static void WriteFile(Utf8JsonWriter w, string name, long bytes, string sha256, string? role)
    {
        w.WriteStartObject();
        w.WriteString("file", name);
        if (role is not null)
        {
            w.WriteString("role", role);
        }

        w.WriteNumber("bytes", bytes);
        w.WriteString("sha256", sha256);
        w.WriteEndObject();
    }

    internal static string? Invariant(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);
}
