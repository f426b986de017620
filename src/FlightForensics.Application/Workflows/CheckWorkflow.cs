using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Application.Workflows;

/// <summary>The check: overflights, close approaches and camera captures of one flight against its layers.</summary>
public sealed class CheckWorkflow(FlightLogReader reader)
{
    /// <summary>Prepares the case and checks it.</summary>
    public (PreparedCase Case, CheckResult Result) Run(CaseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateBuffer(options.BufferMeters);
        var prepared = PreparedCase.Prepare(reader, options, cancellationToken);
        return (prepared, prepared.Check(cancellationToken));
    }

    /// <summary>The check JSON (CONTRACT.md), indented, followed by one newline.</summary>
    public static void WriteJson(Stream output, CheckResult result, CheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var w = new Utf8JsonWriter(output, JsonParts.WriterOptions(indented: true)))
        {
            CheckJson.WriteCheck(w, result, options);
        }

        output.WriteByte((byte)'\n');
    }

    /// <exception cref="UsageException">The buffer is negative or not a number.</exception>
    public static void ValidateBuffer(double? bufferMeters)
    {
        if (bufferMeters is double b && (!double.IsFinite(b) || b < 0))
        {
            throw new UsageException("--buffer-m must be a non-negative number of metres");
        }
    }
}
