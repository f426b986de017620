using FlightForensics.Core.Decoding;
using FlightForensics.RemoteId.Capture;
using FlightForensics.RemoteId.Link;

namespace FlightForensics.RemoteId.Tests;

/// <summary>Runs the framer over a capture (file or bytes) into a recording handler.</summary>
internal static class TestCapture
{
    public static (RecordingHandler Records, FlightLogSink Sink, RemoteIdFramer Framer) Frame(Stream input, int bufferBytes = RemoteIdCaptureDecoder.BufferBytes)
    {
        var sink = new FlightLogSink();
        var records = new RecordingHandler();
        var framer = new RemoteIdFramer(records, sink);
        var buffer = new CaptureBuffer(input, bufferBytes);
        buffer.Ensure(24);
        if (PcapngReader.IsPcapng(buffer.Peek(24)))
        {
            PcapngReader.Read(buffer, framer, sink, CancellationToken.None);
        }
        else
        {
            PcapReader.Read(buffer, framer, sink, CancellationToken.None);
        }

        return (records, sink, framer);
    }

    public static (RecordingHandler Records, FlightLogSink Sink, RemoteIdFramer Framer) Frame(string path)
    {
        using var stream = File.OpenRead(path);
        return Frame(stream);
    }

    public static (RecordingHandler Records, FlightLogSink Sink, RemoteIdFramer Framer) Frame(byte[] bytes) => Frame(new MemoryStream(bytes, writable: false));
}
