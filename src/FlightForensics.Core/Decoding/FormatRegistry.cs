using FlightForensics.Core.Evidence;

namespace FlightForensics.Core.Decoding;

/// <summary>
/// The decoders the application knows, and content-based detection over them. File names and
/// extensions are never consulted: evidence is often renamed.
/// </summary>
public sealed class FormatRegistry
{
    /// <summary>How many bytes from the start of a file a probe sees.</summary>
    public const int ProbeBytes = 64 * 1024;

    private readonly List<IFlightLogDecoder> _decoders = [];

    public IReadOnlyList<IFlightLogDecoder> Decoders => _decoders;

    public FormatRegistry Add(IFlightLogDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        if (_decoders.Any(d => d.FormatId == decoder.FormatId))
        {
            throw new InvalidOperationException($"a decoder for {decoder.FormatId} is already registered");
        }

        _decoders.Add(decoder);
        return this;
    }

    public IFlightLogDecoder? Find(string formatId) => _decoders.FirstOrDefault(d => d.FormatId == formatId);

    /// <summary>The best-matching decoder for these first bytes, or <c>null</c>.</summary>
    public (IFlightLogDecoder Decoder, FormatMatch Match)? Detect(ReadOnlySpan<byte> head, long totalLength)
    {
        IFlightLogDecoder? best = null;
        FormatMatch bestMatch = default;
        foreach (var decoder in _decoders)
        {
            FormatMatch match;
            try
            {
                match = decoder.Probe(head, totalLength);
            }
            catch (Exception ex) when (ex is ArgumentException or IndexOutOfRangeException or InvalidOperationException or FormatException)
            {
                // A probe must never fail detection as a whole; a throwing probe simply does not match.
                continue;
            }

            if (match.Confidence > bestMatch.Confidence)
            {
                best = decoder;
                bestMatch = match;
            }
        }

        return best is null ? null : (best, bestMatch);
    }

    /// <summary>Reads the head of a stream (restoring its position when seekable) and detects.</summary>
    public (IFlightLogDecoder Decoder, FormatMatch Match) DetectOrThrow(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = ReadHead(stream);
        var found = Detect(head, stream.CanSeek ? stream.Length : head.Length);
        if (found is null)
        {
            var magic = Convert.ToHexStringLower(head.AsSpan(0, Math.Min(16, head.Length)));
            throw new UnsupportedFormatException($"{displayName}: unsupported format (first bytes: {FormatMagic(head)})")
            {
                MagicHex = magic,
            };
        }

        return found.Value;
    }

    private static byte[] ReadHead(Stream stream)
    {
        long start = stream.CanSeek ? stream.Position : 0;
        var buffer = new byte[ProbeBytes];
        int total = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (stream.CanSeek)
        {
            stream.Position = start;
        }

        return total == buffer.Length ? buffer : buffer.AsSpan(0, total).ToArray();
    }

    /// <summary>The first 16 bytes as hex, with a printable-ASCII rendering where that helps a human.</summary>
    public static string FormatMagic(ReadOnlySpan<byte> head)
    {
        var first = head[..Math.Min(16, head.Length)];
        var hex = Convert.ToHexStringLower(first);
        Span<char> ascii = stackalloc char[first.Length];
        for (int i = 0; i < first.Length; i++)
        {
            ascii[i] = first[i] is >= 0x20 and < 0x7f ? (char)first[i] : '.';
        }

        return $"{hex} \"{new string(ascii)}\"";
    }
}
