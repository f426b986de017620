using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Srt;

namespace FlightForensics.Dji.Tests;

internal static class SrtTestSupport
{
    public static FlightLogBuilder Decode(byte[] bytes, SrtOptions? options = null, DecodeOptions? decodeOptions = null)
    {
        var sink = new FlightLogBuilder(decodeOptions);
        using var stream = new MemoryStream(bytes, writable: false);
        new SrtDecoder(options).Decode(stream, sink, decodeOptions ?? DecodeOptions.Default);
        return sink;
    }

    public static FlightLogBuilder Decode(string text, SrtOptions? options = null) => Decode(System.Text.Encoding.UTF8.GetBytes(text), options);

    public static FlightLogBuilder DecodeSample(string name, SrtOptions? options = null) =>
        Decode(File.ReadAllBytes(FlightForensics.TestSupport.Samples.Require("dji", "srt", name)), options);

    public static IEnumerable<Diagnostic> Of(this FlightLogBuilder sink, DiagnosticKind kind) => sink.Diagnostics.Where(d => d.Kind == kind);
}
