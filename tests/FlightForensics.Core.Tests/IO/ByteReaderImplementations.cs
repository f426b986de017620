using FlightForensics.Core.IO;

namespace FlightForensics.Core.Tests.IO;

// Each reader of Core.IO, run through the shared contract. Only the mapping of "take N bytes" onto the reader's API
// lives here.

public sealed class SpanCursorContractTests : ByteReaderContract
{
    protected override IReadOnlyList<Take> Run(byte[] data, int bufferBytes, IReadOnlyList<int> takes)
    {
        var cursor = new SpanCursor(data);
        var results = new List<Take>();
        foreach (int n in takes)
        {
            results.Add(Taken(cursor.TryReadBytes(n, out var bytes), bytes, cursor.Position));
        }

        return results;
    }
}

public sealed class ForwardReaderContractTests : ByteReaderContract
{
    protected override IReadOnlyList<Take> Run(byte[] data, int bufferBytes, IReadOnlyList<int> takes) =>
        ForwardReaderRun(new MemoryStream(data, writable: false), bufferBytes, takes);

    internal static List<Take> ForwardReaderRun(Stream stream, int bufferBytes, IReadOnlyList<int> takes)
    {
        using var reader = new ForwardReader(stream, bufferBytes);
        return takes.Select(n => Taken(reader.TryReadBytes(n, out var bytes), bytes, reader.Position)).ToList();
    }
}

/// <summary>The forward reader over a pipe-like stream: not seekable, 1 to 3 bytes per read call.</summary>
public sealed class ForwardReaderOverTricklingStreamContractTests : ByteReaderContract
{
    protected override IReadOnlyList<Take> Run(byte[] data, int bufferBytes, IReadOnlyList<int> takes) =>
        ForwardReaderContractTests.ForwardReaderRun(new TricklingStream(data), bufferBytes, takes);
}

public sealed class SeekableWindowContractTests : ByteReaderContract
{
    protected override IReadOnlyList<Take> Run(byte[] data, int bufferBytes, IReadOnlyList<int> takes)
    {
        var results = new List<Take>();
        using var window = new SeekableWindow(new MemoryStream(data, writable: false), data.Length, bufferBytes);
        long position = 0;
        foreach (int n in takes)
        {
            // The window hands out fewer bytes at the end of the data: a short answer is a failed take.
            var bytes = window.Get(position, n);
            bool ok = bytes.Length == n;
            if (ok)
            {
                position += n;
            }

            results.Add(Taken(ok, bytes, position));
        }

        return results;
    }
}

/// <summary>A read-only, non-seekable stream that returns at most three bytes per call, as pipes and sockets may.</summary>
internal sealed class TricklingStream(byte[] data) : Stream
{
    private int _at;

    public int ReadCalls { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ReadCalls++;
        int n = Math.Min(Math.Min(count, 1 + (_at % 3)), data.Length - _at);
        Array.Copy(data, _at, buffer, offset, n);
        _at += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
