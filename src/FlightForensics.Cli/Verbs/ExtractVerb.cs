using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using FlightForensics.Core;
using FlightForensics.Core.Evidence;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary>
/// <c>extract FILE -o DIR</c>: carves the images and attachments a decoder located inside a log, by offset
/// and length, into DIR, and prints a manifest with each one's SHA-256 and where it lay in the evidence.
/// </summary>
public static class ExtractVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var output = new Option<string>("--output", "-o") { Description = "Folder for the extracted files (created if missing).", Required = true };
        var command = new Command("extract", "Embedded images and attachments carried inside a log, each with its SHA-256.");
        common.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var options = common.ToDecodeOptions(parse);
            var outDir = Path.GetFullPath(parse.GetValue(output)!);
            var log = context.Reader.ReadSummary(path, options);
            if (string.Equals(Path.GetDirectoryName(log.Evidence.FullPath), outDir, StringComparison.Ordinal))
            {
                throw new CliUsageException("refusing to extract into the evidence file's own folder; choose another -o");
            }

            var guard = EvidenceGuard.For([path, parse.GetValue(common.Keychains)]);
            Directory.CreateDirectory(outDir);
            using var target = OutputTarget.Open(context, null);
            using (var w = new Utf8JsonWriter(target.Stream, JsonParts.WriterOptions(indented: true)))
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
                    string sha;
                    using (var outStream = new FileStream(dest, FileMode.Create, FileAccess.Write))
                    using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                    {
                        evidence.Position = a.Offset;
                        var buffer = new byte[1 << 16];
                        long left = a.Length;
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

                        sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                    }

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

            target.Stream.WriteByte((byte)'\n');
            target.Commit();
            context.Stderr.WriteLine($"extracted {log.Attachments.Count} attachment(s) from {log.Evidence.FileName} into {outDir}");
            return ExitCodes.Success;
        }));
        return command;
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
