using System.Security.Cryptography;
using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Application.Workflows;

/// <summary>
/// Carves the images and attachments a decoder located inside a log, by offset and length, into a folder, and
/// writes a manifest with each one's SHA-256 and where it lay in the evidence.
/// </summary>
public sealed class ExtractWorkflow(FlightLogReader reader)
{
    /// <summary>Extracts into <paramref name="outputFolder"/> (created if missing); the manifest JSON goes to <paramref name="manifest"/>.</summary>
    /// <returns>The evidence's file name and the number of attachments the decoder located.</returns>
    public (string FileName, int Attachments) Run(string path, DecodeOptions options, string outputFolder, Stream manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var outDir = Path.GetFullPath(outputFolder);
        var log = reader.ReadSummary(path, options);
        if (string.Equals(Path.GetDirectoryName(log.Evidence.FullPath), outDir, StringComparison.Ordinal))
        {
            throw new UsageException("refusing to extract into the evidence file's own folder; choose another -o");
        }

        var guard = EvidenceGuard.For([path, options?.DjiKeychainsPath]);
        Directory.CreateDirectory(outDir);
        using (var w = new Utf8JsonWriter(manifest, JsonParts.WriterOptions(indented: true)))
        {
            w.WriteStartObject();
            w.WriteString("file", log.Evidence.FileName);
            w.WriteString("sha256", log.Evidence.Sha256);
            w.WriteString("format", log.FormatId);
            w.WriteString("tool", ToolInfo.NameAndVersion);
            w.WritePropertyName("extracted");
            w.WriteStartArray();
            using var evidence = EvidenceFile.OpenRead(path);
            int index = 0;
            foreach (var a in log.Attachments)
            {
                index++;
                if (a.Offset < 0 || a.Length <= 0 || a.Offset + a.Length > evidence.Length)
                {
                    continue; // a decoder never reports such a range; guard anyway rather than read past the file
                }

                var name = $"{index:D3}-{SafeName(a.Name)}";
                var dest = Path.Combine(outDir, name);
                guard.EnsureNoneIsEvidence((dest, "extracted file"));
                var sha = Carve(evidence, a.Offset, a.Length, dest);
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("mediaType", a.MediaType);
                w.WriteNumber("offset", a.Offset);
                w.WriteNumber("length", a.Length);
                w.WriteString("sha256", sha);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        manifest.WriteByte((byte)'\n');
        return (log.Evidence.FileName, log.Attachments.Count);
    }

    /// <summary>Copies a byte range of the evidence to <paramref name="dest"/>; returns the SHA-256 of what was copied.</summary>
    private static string Carve(Stream evidence, long offset, long length, string dest)
    {
        using var outStream = new FileStream(dest, FileMode.Create, FileAccess.Write);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        evidence.Position = offset;
        var buffer = new byte[1 << 16];
        long left = length;
        while (left > 0)
        {
            int n = evidence.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (n <= 0)
            {
                break;
            }

            outStream.Write(buffer, 0, n);
            hash.AppendData(buffer, 0, n);
            left -= n;
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A file name from a log is hostile: keep letters, digits, dot, dash and underscore only.</summary>
    public static string SafeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
        var safe = new string(chars).TrimStart('.');
        return safe.Length == 0 ? "attachment" : safe[..Math.Min(safe.Length, 80)];
    }
}
