namespace FlightForensics.Core.Decoding;

/// <summary>
/// A decoder for one evidence format. Implementations are stateless and thread-safe; all state of
/// one decoding lives in the call to <see cref="Decode"/>.
/// </summary>
public interface IFlightLogDecoder
{
    /// <summary>The contract's format id (<c>dji-txt</c>, <c>mavlink-tlog</c>, ...).</summary>
    string FormatId { get; }

    /// <summary>Decoder name and version recorded in every output's provenance.</summary>
    string DecoderName { get; }
    string DecoderVersion { get; }

    /// <summary>
    /// Looks at the first bytes of a file (up to <see cref="FormatRegistry.ProbeBytes"/>) and says
    /// how sure it is that this is its format. Content only: no file name is given.
    /// </summary>
    FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength);

    /// <summary>
    /// Decodes <paramref name="input"/> into <paramref name="sink"/>. Damage becomes diagnostics on the
    /// sink; only damage that leaves nothing to decode throws <see cref="Evidence.FlightLogDamagedException"/>.
    /// The stream is read from its current position and is never written.
    /// </summary>
    void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default);
}

/// <summary>The answer of a probe: 0 is "not mine", 100 is a magic number plus a consistent structure.</summary>
public readonly record struct FormatMatch(int Confidence, string? FormatVersion = null)
{
    public static FormatMatch None => default;
    public bool IsMatch => Confidence > 0;
}

/// <summary>Options every decoder understands. Lenient by default.</summary>
public sealed record DecodeOptions
{
    public static DecodeOptions Default { get; } = new();

    /// <summary>When true, the first damage diagnostic stops decoding with <see cref="Evidence.FlightLogDamagedException"/>.</summary>
    public bool Strict { get; init; }

    /// <summary>At most this many diagnostics are kept (all are counted).</summary>
    public int MaxStoredDiagnostics { get; init; } = 2000;

    /// <summary>DJI v13+ keychains file (JSON), used to decrypt records offline.</summary>
    public string? DjiKeychainsPath { get; init; }

    /// <summary>DJI API key, for fetching keychains where the user allows network use.</summary>
    public string? DjiApiKey { get; init; }

    /// <summary>MAVLink v2 signing secret (32 bytes) to verify signatures; signatures are parsed regardless.</summary>
    public ReadOnlyMemory<byte>? MavlinkSigningKey { get; init; }

    /// <summary>
    /// Offset of a camera's clock from UTC, when the examiner knows it. Video subtitles and photos state local
    /// camera time without a zone; without this their samples carry no UTC time.
    /// </summary>
    public TimeSpan? CameraClockUtcOffset { get; init; }

    /// <summary>
    /// One aircraft of a multi-aircraft source (a Remote ID capture): only its samples are decoded. Null: every
    /// aircraft. Single-vehicle formats ignore it.
    /// </summary>
    public string? AircraftId { get; init; }
}
