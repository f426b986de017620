using System.Xml;

namespace FlightForensics.Geo.Layers;

/// <summary>XML reader settings for untrusted files: DTDs ignored, no resolver, so no external entity is ever fetched (no XXE).</summary>
internal static class SafeXml
{
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        MaxCharactersFromEntities = 1024,
    };
}

/// <summary>A read-only stream that fails once more than a set number of bytes came through (zip and bzip2 bombs).</summary>
internal sealed class CappedStream(Stream inner, long maxBytes, string what) : ForwardReadStream
{
    private long _read;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read > maxBytes)
        {
            throw new InvalidDataException($"{what} decompresses to more than {maxBytes} bytes; refused (limit MaxDecompressedBytes)");
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
