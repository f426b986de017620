using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Geo.Model;
using FlightForensics.Reporting.Exports;
using FlightForensics.Reporting.Html;

namespace FlightForensics.Application.Provenance;

/// <summary>
/// OUT.provenance.json beside an output: which evidence (SHA-256) and which tool produced it. The one writer of
/// provenance sidecars: every one is written under a temporary name and renamed (<see cref="AtomicFile"/>), so an
/// interrupted run never leaves a sidecar that looks whole.
/// </summary>
public static class ProvenanceWriter
{
    /// <summary>Appended to the output's name.</summary>
    public const string Suffix = ".provenance.json";

    /// <summary>The sidecar's path for an output.</summary>
    public static string PathFor(string outputPath) => outputPath + Suffix;

    /// <summary>
    /// Beside a decoded export (<c>decode -o</c>): the output's name and SHA-256, the evidence with its decoder, and
    /// the damage the decode met.
    /// </summary>
    public static string WriteExport(string outputPath, EvidenceFile evidence, ExportProvenance provenance, FlightLogSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var outputSha256 = HashFile(outputPath);
        return Write(outputPath, w =>
        {
            w.WriteStartObject();
            w.WriteString("output", Path.GetFileName(outputPath));
            w.WriteString("outputSha256", outputSha256);
            w.WritePropertyName("evidence");
            JsonParts.WriteEvidence(w, evidence, provenance, sink.FormatVersion);
            w.WritePropertyName("damage");
            JsonParts.WriteDamage(w, sink.Damage);
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// Beside a report: the tool version, the options, every input with its SHA-256, every output file the report
    /// wrote with its size and SHA-256, and every thumbnail the HTML embeds with the photo it came from and the
    /// SHA-256 of its image bytes (the HTML itself carries the hashes of its embedded parts, thumbnails included,
    /// in its <c>ff-manifest</c> block).
    /// </summary>
    public static string WriteReport(string reportPath, IReadOnlyList<string> outputs, EvidenceFile flight, IReadOnlyList<InfrastructureLayer> layers,
        IReadOnlyDictionary<string, string?> options, IReadOnlyList<EmbeddedThumbnail>? thumbnails = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(options);
        return Write(reportPath, w =>
        {
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
                WriteFile(w, Path.GetFileName(output), new FileInfo(output).Length, HashFile(output), null);
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
    }

    /// <summary>An option's number as the sidecar states it (round-trip, invariant), or null.</summary>
    public static string? Invariant(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string Write(string outputPath, Action<Utf8JsonWriter> body)
    {
        var sidecar = PathFor(outputPath);
        AtomicFile.Write(sidecar, stream =>
        {
            using var w = new Utf8JsonWriter(stream, JsonParts.WriterOptions(indented: true));
            body(w);
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

    private static string HashFile(string path)
    {
        using var s = EvidenceFile.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}
