using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>Options of the DataFlash mapping into the telemetry model.</summary>
public sealed record DataFlashDecoderOptions
{
    public static DataFlashDecoderOptions Default { get; } = new();

    /// <summary>State (attitude, GPS quality, gimbal, baro) older than this is not attached to a position sample.</summary>
    public double MaxStateAgeSeconds { get; init; } = 2.0;

    /// <summary>Battery state older than this is not attached (batteries are logged slowly on some boards).</summary>
    public double MaxBatteryAgeSeconds { get; init; } = 10.0;

    /// <summary>A new GPS time that disagrees with the current boot-clock anchor by more than this re-anchors UTC (reboot, clock jump).</summary>
    public double ReanchorThresholdSeconds { get; init; } = 1.0;

    /// <summary>At most this many events are kept (a hostile file full of MSG records must not exhaust memory); the rest are counted.</summary>
    public int MaxEvents { get; init; } = 100_000;

    public DataFlashReaderOptions Reader { get; init; } = DataFlashReaderOptions.Default;
}

/// <summary>
/// ArduPilot DataFlash logs (<c>ardupilot-dataflash</c>), binary <c>.bin</c> or text <c>.log</c>: every record framed and counted by its FMT name;
/// POS (GPS where a log has no POS) become samples with the latest ATT, GPS quality, MNT, BAT and MODE attached;
/// MODE, EV, ERR, MSG, CMD, CAM/TRIG and ORGN become events, identity and home.
/// </summary>
public sealed class DataFlashDecoder(DataFlashDecoderOptions? options = null) : IFlightLogDecoder
{
    private readonly DataFlashDecoderOptions _options = options ?? DataFlashDecoderOptions.Default;

    public string FormatId => "ardupilot-dataflash";
    public string DecoderName => "FlightForensics.DataFlash";
    public string DecoderVersion => "1.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        int confidence = DataFlashReader.ProbeConfidence(head);
        if (confidence > 0)
        {
            return new FormatMatch(confidence, "binary");
        }

        confidence = DataFlashTextReader.ProbeConfidence(head);
        return confidence > 0 ? new FormatMatch(confidence, "text") : FormatMatch.None;
    }

    /// <summary>
    /// The record reader for the log's encoding: binary unless the stream (seekable) starts like a text log.
    /// The stream position is left where it was.
    /// </summary>
    public static IDataFlashRecordSource OpenRecords(Stream input, IDiagnosticSink? diagnostics = null, DataFlashReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.CanSeek)
        {
            long start = input.Position;
            Span<byte> head = stackalloc byte[4096];
            int n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            input.Position = start;
            if (DataFlashReader.ProbeConfidence(head[..n]) == 0 && DataFlashTextReader.ProbeConfidence(head[..n]) > 0)
            {
                return new DataFlashTextReader(input, diagnostics, options);
            }
        }

        return new DataFlashReader(input, diagnostics, options);
    }

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        var prescan = DataFlashPrescan.Run(input, _options.Reader, cancellationToken);
        new DataFlashMapper(sink, _options, prescan).Run(input, cancellationToken);
    }
}

/// <summary>
/// What the decoder needs to know before the first sample: whether the log has POS at all (else GPS gives the
/// samples) and the first GPS-time anchor (so that samples before the first GPS record still get UTC).
/// Only for seekable input; it frames records and reads two message types, nothing else.
/// </summary>
internal readonly record struct DataFlashPrescan(bool Known, bool HasPos, long? BootUtcTicks)
{
    public static DataFlashPrescan Run(Stream input, DataFlashReaderOptions options, CancellationToken cancellationToken)
    {
        if (!input.CanSeek)
        {
            return default;
        }

        long start = input.Position;
        bool hasPos = false;
        long? anchor = null;
        try
        {
            using var reader = DataFlashDecoder.OpenRecords(input, null, options);
            var gps = new GpsColumns();
            long n = 0;
            while (reader.TryReadNext(out var record))
            {
                if ((++n & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (record.Format.Name == "POS")
                {
                    hasPos = true;
                }
                else if (anchor is null && record.Format.Name == "GPS")
                {
                    gps.Bind(record.Format);
                    if (gps.TryAnchor(record, out long ticks))
                    {
                        anchor = ticks;
                    }
                }

                if (hasPos && anchor is not null)
                {
                    break;
                }
            }
        }
        finally
        {
            input.Position = start;
        }

        return new DataFlashPrescan(true, hasPos, anchor);
    }
}

/// <summary>Column indexes of a GPS format and the GPS-time anchor it gives.</summary>
internal sealed class GpsColumns
{
    public DataFlashFormat? Format;
    public int Time, Instance, Status, Ms, Week, Sats, Lat, Lng, Alt, Spd, Crs, Vz;
    public bool TimeIsMs;

    public void Bind(DataFlashFormat format)
    {
        if (ReferenceEquals(format, Format))
        {
            return;
        }

        Format = format;
        (Time, TimeIsMs) = DataFlashMapper.TimeColumn(format);
        Instance = format.IndexOf("I");
        Status = format.IndexOf("Status");
        Ms = format.IndexOfAny("GMS", "TimeMS");
        Week = format.IndexOfAny("GWk", "Week");
        Sats = format.IndexOfAny("NSats", "NSat");
        Lat = format.IndexOf("Lat");
        Lng = format.IndexOfAny("Lng", "Lon");
        Alt = format.IndexOf("Alt");
        Spd = format.IndexOf("Spd");
        Crs = format.IndexOf("GCrs");
        Vz = format.IndexOf("VZ");
    }

    public bool IsPrimary(in DataFlashRecord r) => Instance < 0 || (r.TryGetInt64(Instance, out long i) && i == 0);

    /// <summary>UTC ticks at boot-clock zero from a GPS record with a week number (week 0 = no time yet).</summary>
    public bool TryAnchor(in DataFlashRecord r, out long bootUtcTicks)
    {
        bootUtcTicks = 0;
        if (!IsPrimary(r) || !r.TryGetInt64(Week, out long week) || !r.TryGetInt64(Ms, out long ms)
            || GpsTime.ToUtc(week, ms) is not DateTimeOffset utc || !DataFlashMapper.TryTimeUs(r, Time, TimeIsMs, out long us))
        {
            return false;
        }

        bootUtcTicks = utc.UtcTicks - (us * 10);
        return true;
    }
}
