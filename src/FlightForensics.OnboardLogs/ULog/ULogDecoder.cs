using FlightForensics.Core.Decoding;

namespace FlightForensics.OnboardLogs.ULog;

/// <summary>Options of the ULog mapping into the telemetry model.</summary>
public sealed record ULogDecoderOptions
{
    public static ULogDecoderOptions Default { get; } = new();

    /// <summary>State (attitude, GPS quality, distance to ground) older than this is not attached to a position sample.</summary>
    public double MaxStateAgeSeconds { get; init; } = 2.0;

    /// <summary>Battery state older than this is not attached.</summary>
    public double MaxBatteryAgeSeconds { get; init; } = 10.0;

    /// <summary>
    /// Timestamps above this many µs cannot be time since boot (31.7 years) and are read as UNIX-epoch µs, as some
    /// SITL and companion-computer logs write them (mavlink-formats.md §7).
    /// </summary>
    public ulong EpochThresholdMicroseconds { get; init; } = 1_000_000_000_000_000;

    /// <summary>At most this many events are kept; the rest are counted.</summary>
    public int MaxEvents { get; init; } = 100_000;

    public ULogReaderOptions Reader { get; init; } = ULogReaderOptions.Default;
}

/// <summary>
/// PX4 ULog (<c>px4-ulog</c>): data messages counted as <c>topic[multi_id]</c>; vehicle_global_position
/// (vehicle_gps_position / sensor_gps where a log has none) gives the samples with vehicle_attitude, GPS quality,
/// battery_status and vehicle_status attached; logged strings, mode and arming changes and camera captures and
/// triggers become events; info messages give the identity.
/// </summary>
public sealed class ULogDecoder(ULogDecoderOptions? options = null) : IFlightLogDecoder
{
    private readonly ULogDecoderOptions _options = options ?? ULogDecoderOptions.Default;

    public string FormatId => "px4-ulog";
    public string DecoderName => "FlightForensics.ULog";
    public string DecoderVersion => "1.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        if (head.Length < 8 || !head[..7].SequenceEqual(ULogReader.Magic))
        {
            return FormatMatch.None;
        }

        // Magic plus a first message that is flag bits or a format definition: certain. Magic alone: very likely.
        bool structured = head.Length >= 19 && head[18] is ULogMessageType.FlagBits or ULogMessageType.Format or ULogMessageType.Info;
        return new FormatMatch(structured ? 100 : 90, "v" + head[7].ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var prescan = ULogPrescan.Run(input, _options, cancellationToken);
        new ULogMapper(sink, _options, prescan).Run(input, cancellationToken);
    }
}
