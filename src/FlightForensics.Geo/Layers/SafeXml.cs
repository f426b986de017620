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

/// <summary>
/// A read-only stream that fails when more than a set number of bytes pass between two calls of
/// <see cref="StartElement"/>: the XML reader above it then cannot build one element (or one string) larger than that.
/// The XML reader reads ahead by a few kilobytes, so the cap is approximate by that much.
/// </summary>
internal sealed class ElementWindowStream(Stream inner, long maxElementBytes) : ForwardReadStream
{
    private long _read;
    private long _elementStart;

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    /// <summary>The next element starts here: the count begins again.</summary>
    public void StartElement() => _elementStart = _read;

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        _read += n;
        if (_read - _elementStart > maxElementBytes)
        {
            throw new ElementTooLargeException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"an XML element larger than {maxElementBytes} bytes (LayerReadOptions.MaxXmlElementBytes) at byte {_elementStart} of the document; the layer was read up to there"));
        }

        return n;
    }
}

/// <summary>One XML element exceeded <c>LayerReadOptions.MaxXmlElementBytes</c>.</summary>
internal sealed class ElementTooLargeException(string message) : IOException(message);
