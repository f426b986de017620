using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Mavlink;

/// <summary>When one record happened: UTC where known, and seconds since the log's first record.</summary>
internal readonly record struct MavlinkTiming(DateTimeOffset? Utc, double? Elapsed);

/// <summary>
/// Record times of one MAVLink input: tlog timestamps (byte order and damage checked) and the vehicle's boot
/// clock, tied to UTC by SYSTEM_TIME. State of one decoding; not shared.
/// </summary>
internal sealed class MavlinkClock
{
    // Plausible tlog times: 2001..2096 in µs since the UNIX epoch (research §5: sanity-check byte order).
    private const ulong MinPlausibleMicroseconds = 1_000_000_000_000_000UL;
    private const ulong MaxPlausibleMicroseconds = 4_000_000_000_000_000UL;

    private readonly FlightLogSink _sink;
    private readonly MavlinkFraming _framing;
    private bool _timeNoteGiven, _unixStartSeen;
    private ulong? _firstTimestampUs;
    private long? _unixMinusBootUs;
    private uint? _firstBootMs;

    public MavlinkClock(FlightLogSink sink, MavlinkFraming framing)
    {
        _sink = sink;
        _framing = framing;
    }

    /// <summary>True until a tlog's first record time is known (it gives the log's start).</summary>
    public bool NeedsStart => _firstTimestampUs is null && _framing == MavlinkFraming.Tlog;

    /// <summary>SYSTEM_TIME of the vehicle ties its boot clock to UNIX time.</summary>
    public void OnSystemTime(SystemTimeView v, bool fromVehicle)
    {
        if (v.TimeUnixUsec > MinPlausibleMicroseconds && v.TimeUnixUsec < MaxPlausibleMicroseconds && fromVehicle)
        {
            _unixMinusBootUs = (long)v.TimeUnixUsec - (v.TimeBootMs * 1000L);
        }
    }

    public MavlinkTiming Time(ulong tlogTimestampUs, long offset)
    {
        if (_framing != MavlinkFraming.Tlog)
        {
            return default;
        }

        ulong us = tlogTimestampUs;
        if (us is < MinPlausibleMicroseconds or > MaxPlausibleMicroseconds)
        {
            ulong swapped = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(us);
            bool littleEndian = swapped is >= MinPlausibleMicroseconds and <= MaxPlausibleMicroseconds;
            if (!littleEndian && _unixStartSeen)
            {
                // Plausible UNIX times came before: this one is damage (one corrupted or edited record), not a log
                // that counts from boot. The record is kept without a time rather than placed centuries away.
                _sink.AddDiagnostic(offset, DiagnosticKind.TimeJump, string.Create(CultureInfo.InvariantCulture,
                    $"tlog timestamp {us} µs is outside the plausible range ({MinPlausibleMicroseconds}..{MaxPlausibleMicroseconds} µs) after plausible ones; the record is kept without a time"), 8);
                return default;
            }

            if (!_timeNoteGiven)
            {
                _timeNoteGiven = true;
                _sink.AddDiagnostic(offset, DiagnosticKind.Note, littleEndian
                    ? "tlog timestamps are little-endian (research §5 variant); read as such"
                    : string.Create(CultureInfo.InvariantCulture, $"tlog timestamp {us} µs is not a plausible UNIX time; record times are given as elapsed time only"));
            }

            if (!littleEndian)
            {
                _firstTimestampUs ??= us;
                return new MavlinkTiming(null, us >= _firstTimestampUs ? (us - _firstTimestampUs.Value) / 1e6 : -((_firstTimestampUs.Value - us) / 1e6));
            }

            us = swapped;
        }

        _unixStartSeen = true;
        if (_firstTimestampUs is null)
        {
            _firstTimestampUs = us;
            _sink.SetStartUtc(DateTimeOffset.UnixEpoch.AddTicks((long)us * 10));
        }

        double elapsed = us >= _firstTimestampUs ? (us - _firstTimestampUs.Value) / 1e6 : -((_firstTimestampUs.Value - us) / 1e6);
        return new MavlinkTiming(DateTimeOffset.UnixEpoch.AddTicks((long)us * 10), elapsed);
    }

    public DateTimeOffset? BootToUtc(uint bootMs) =>
        _unixMinusBootUs is long delta ? DateTimeOffset.UnixEpoch.AddTicks((delta + (bootMs * 1000L)) * 10) : null;

    public double BootElapsed(uint bootMs)
    {
        _firstBootMs ??= bootMs;
        return (bootMs - (double)_firstBootMs.Value) / 1000.0;
    }
}
