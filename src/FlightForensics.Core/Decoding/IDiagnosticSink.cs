using FlightForensics.Core.Model;

namespace FlightForensics.Core.Decoding;

/// <summary>
/// Where a reader reports damage it meets. <see cref="FlightLogSink"/> is one (it counts damage, caps what it
/// stores and enforces strict mode), so a record reader used inside a decoder reports straight into the sink.
/// </summary>
public interface IDiagnosticSink
{
    void AddDiagnostic(Diagnostic diagnostic);
}
