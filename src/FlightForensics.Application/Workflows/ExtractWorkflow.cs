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
    /// <summary>Extracts into <paramref name="outputFolder"/> (created if missing).</summary>
    public ExtractResult Run(string path, DecodeOptions options, string outputFolder)
    {
        var outDir = Path.GetFullPath(outputFolder);
        var log = reader.ReadSummary(path, options);
        if (string.Equals(Path.GetDirectoryName(log.Evidence.FullPath), outDir, StringComparison.Ordinal))
        {
            throw new UsageException("refusing to extract into the evidence file's own folder; choose another -o");
        }

        var guard = EvidenceGuard.For([path, options?.DjiKeychainsPath]);
        Directory.CreateDirectory(outDir);
        var extracted = new List<ExtractedFile>();
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
            string sha = "";
            AtomicFile.Write(dest, output => sha = Carve(evidence, a.Offset, a.Length, output));
            extracted.Add(new ExtractedFile(name, a.MediaType, a.Offset, a.Length, sha));
        }

        return new ExtractResult(log.Evidence.FileName, log.Evidence.Sha256, log.FormatId, log.Attachments.Count, extracted);
    }

    /// <summary>The manifest (<c>extract --json</c>): the evidence and each carved file with its SHA-256 and where it lay.</summary>
    public static void WriteManifest(Utf8JsonWriter w, ExtractResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        w.WriteString("file", result.FileName);
        w.WriteString("sha256", result.Sha256);
        w.WriteString("format", result.Format);
        w.WriteString("tool", ToolInfo.NameAndVersion);
        w.WritePropertyName("extracted");
        w.WriteStartArray();
        foreach (var x in result.Extracted)
        {
            w.WriteStartObject();
            w.WriteString("name", x.Name);
            w.WriteString("mediaType", x.MediaType);
            w.WriteNumber("offset", x.Offset);
            w.WriteNumber("length", x.Length);
            w.WriteString("sha256", x.Sha256);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Copies a byte range of the evidence to <paramref name="outStream"/>; returns the SHA-256 of what was copied.</summary>
    private static string Carve(Stream evidence, long offset, long length, Stream outStream)
    {
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

/// <summary>
/// What <see cref="ExtractWorkflow.Run"/> carved out of one piece of evidence: <c>Attachments</c> counts what the decoder
/// located, <c>Extracted</c> what was carved (a range outside the file is skipped).
/// </summary>
public sealed record ExtractResult(string FileName, string Sha256, string Format, int Attachments, IReadOnlyList<ExtractedFile> Extracted);

/// <summary>One carved file: its name in the output folder, and the byte range of the evidence it came from.</summary>
public sealed record ExtractedFile(string Name, string MediaType, long Offset, long Length, string Sha256);
