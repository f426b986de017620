namespace FlightForensics.Geo.Layers;

/// <summary>Placeholder until the bzip2 decoder lands: refuses with a clear reason.</summary>
internal sealed class BZip2DecoderStream : Stream
{
    public BZip2DecoderStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        throw new LayerUnreadableException("bzip2-compressed OSM XML is not supported yet: decompress it first (bunzip2 -k FILE)");
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => 0; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => 0;
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
