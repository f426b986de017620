using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.Photo;

/// <summary>One photo of a folder: its sample, event, metadata and diagnostics.</summary>
public sealed record PhotoSequenceEntry(
    string Path,
    TelemetrySample Sample,
    FlightEvent? Photo,
    PhotoMetadata? Metadata,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// A folder of photos as one flight-like sequence. Order: by the camera clock when every photo has one (one camera's
/// clock is monotonic even without a zone), otherwise by stated UTC time when every photo has one, otherwise by file name.
/// Files that are not JPEGs are skipped; damaged ones are kept with their diagnostics.
/// </summary>
public static class PhotoSequence
{
    public static IReadOnlyList<PhotoSequenceEntry> ReadFolder(string folder, PhotoOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal);
        return Read(files, options, cancellationToken);
    }

    public static IReadOnlyList<PhotoSequenceEntry> Read(IEnumerable<string> paths, PhotoOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var decoder = new PhotoDecoder(options);
        var entries = new List<PhotoSequenceEntry>();
        Span<byte> head = stackalloc byte[16];
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stream = EvidenceFile.OpenRead(path);
            int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (decoder.Probe(head[..read], stream.Length).Confidence == 0)
            {
                continue;
            }

            stream.Position = 0;
            var sink = new FlightLogBuilder();
            decoder.Decode(stream, sink, DecodeOptions.Default, cancellationToken);
            PhotoMetadata? metadata = null;
            try
            {
                stream.Position = 0;
                metadata = PhotoDecoder.ReadMetadata(stream);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                // already reported by Decode as a diagnostic
            }

            entries.Add(new PhotoSequenceEntry(path, sink.Samples.Count > 0 ? sink.Samples[0] : default,
                sink.Events.FirstOrDefault(e => e.Kind == FlightEventKind.Photo), metadata, sink.Diagnostics));
        }

        if (entries.All(e => e.Metadata?.DateTimeOriginal is not null))
        {
            return [.. entries.OrderBy(e => e.Metadata!.DateTimeOriginal!.Value).ThenBy(e => e.Path, StringComparer.Ordinal)];
        }

        if (entries.All(e => e.Sample.TimeUtc is not null))
        {
            return [.. entries.OrderBy(e => e.Sample.TimeUtc!.Value).ThenBy(e => e.Path, StringComparer.Ordinal)];
        }

        return entries;
    }
}
