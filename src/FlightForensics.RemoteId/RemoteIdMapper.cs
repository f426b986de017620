using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.RemoteId.Messages;

namespace FlightForensics.RemoteId;

/// <summary>
/// Turns the framer's typed records into per-aircraft samples and events. An aircraft is keyed by its UAS ID (the
/// first Basic ID heard from a transmitter) or DJI serial; a transmitter from which no ID has been heard yet is
/// its own aircraft, named by its address. Samples carry the capture clock as their time (when the receiver
/// heard them); the aircraft's own Location timestamp is compared with it and kept per observation.
/// </summary>
public sealed class RemoteIdMapper : IRemoteIdRecordHandler
{
    private readonly FlightLogSink _sink;
    private readonly string? _onlyAircraft;
    private readonly bool _keepObservations;
    private readonly Dictionary<string, AircraftTrack> _aircraft = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, TransmitterState> _transmitters = [];
    private readonly long[] _counts = new long[Enum.GetValues<RecordKind>().Length];
    private readonly Dictionary<int, long> _unknownTypes = [];
    private DateTimeOffset? _firstUtc;

    public RemoteIdMapper(FlightLogSink sink, string? onlyAircraft = null, bool keepObservations = false)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _onlyAircraft = onlyAircraft;
        _keepObservations = keepObservations;
    }

    private enum RecordKind { BasicId, Location, Authentication, SelfId, System, OperatorId, MessagePack, DjiV1, DjiV2 }

    /// <summary>Per transmitter address: the aircraft key in force and every ID it has sent.</summary>
    public sealed class TransmitterState
    {
        public string? Key { get; set; }
        public int KeyIdType { get; set; }
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

        /// <summary>The address as text, made once.</summary>
        public string? AddressText { get; set; }
    }

    public IReadOnlyDictionary<string, AircraftTrack> Aircraft => _aircraft;
    public IReadOnlyDictionary<ulong, TransmitterState> Transmitters => _transmitters;

    public void OnFrame(long frameNumber, long offset, DateTimeOffset? timeUtc) => _firstUtc ??= timeUtc;

    public void OnBasicId(in FrameContext frame, in BasicIdMessage message)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _counts[(int)RecordKind.BasicId]++;
        var tx = Transmitter(frame.Transmitter);
        if (message.IdType != 0 && message.UasId.Length > 0)
        {
            tx.Ids.Add(message.UasId);
            if (tx.Key is null || (tx.KeyIdType == message.IdType && tx.Key != message.UasId))
            {
                // The first ID heard names the aircraft; a different ID of the same type from the same transmitter is
                // another aircraft (or a spoofer), and the believability analysis reports it.
                tx.Key = message.UasId;
                tx.KeyIdType = message.IdType;
            }
        }

        var track = Track(frame, null);
        if (track.Id == message.UasId || track.IdType is null)
        {
            track.IdType ??= message.IdType;
            track.UaType ??= message.UaType;
        }
    }

    public void OnLocation(in FrameContext frame, in LocationMessage message)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _counts[(int)RecordKind.Location]++;
        var track = Track(frame, null);
        track.Locations++;
        double? lat = message.LatitudeDegrees, lon = message.LongitudeDegrees;
        if (_keepObservations && lat is double la && lon is double lo)
        {
            track.Observations.Add(new PositionObservation(frame.TimeUtc, la, lo, message.SpeedMetersPerSecond,
                ClockDisagreement(frame.TimeUtc, message.TimestampTenths), frame.Transmitter, frame.Offset));
        }

        if (!TryStartSample(track, frame, out var sample))
        {
            return;
        }

        _sink.AddSample(sample with
        {
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            HeightAboveTakeoffMeters = message.HeightType == 0 ? message.HeightMeters : null,
            HeightAboveGroundMeters = message.HeightType == 1 ? message.HeightMeters : null,
            GroundSpeedMetersPerSecond = message.SpeedMetersPerSecond,
            VerticalSpeedMetersPerSecond = message.VerticalSpeedMetersPerSecond,
            CourseDegrees = message.DirectionDegrees,
        });
    }

    public void OnAuthentication(in FrameContext frame, in AuthenticationPage page)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _counts[(int)RecordKind.Authentication]++;
        var track = Track(frame, null);
        if (page.PageNumber == 0)
        {
            track.AuthenticationLastPageIndex = page.LastPageIndex;
            track.AuthenticationLength = page.Length;
        }

        // F3411-22a: at most 16 pages (index 0–15); a page beyond the stated last one contradicts page 0.
        if (page.LastPageIndex > 15 || (track.AuthenticationLastPageIndex is int last && page.PageNumber > last))
        {
            track.AuthenticationPagesOutOfRange++;
            _sink.AddDiagnostic(frame.Offset, DiagnosticKind.InvalidValue,
                $"frame {frame.FrameNumber}: authentication page {page.PageNumber} beyond the stated last page {track.AuthenticationLastPageIndex ?? page.LastPageIndex}");
            return;
        }

        var key = (page.AuthType, page.PageNumber);
        track.AuthenticationPages[key] = track.AuthenticationPages.GetValueOrDefault(key) + 1;
        track.AuthenticationPageData[key] = page.Data;
    }

    public void OnSelfId(in FrameContext frame, in SelfIdMessage message)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _counts[(int)RecordKind.SelfId]++;
        Track(frame, null);
    }

    public void OnSystem(in FrameContext frame, in SystemMessage message)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _counts[(int)RecordKind.System]++;
        var track = Track(frame, null);
        if (message.OperatorLatitudeDegrees is double lat && message.OperatorLongitudeDegrees is double lon)
        {
            SetOperator(frame, track, new BroadcastPosition(lat, lon, message.OperatorAltitudeMeters) { SourceOffset = frame.Offset, TimeUtc = frame.TimeUtc });
        }
    }

    public void OnOperatorId(in FrameContext frame, in OperatorIdMessage message)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _counts[(int)RecordKind.OperatorId]++;
        Track(frame, null);
    }

    public void OnMessagePack(in FrameContext frame, int count)
    {
        if (!frame.CrcFailed)
        {
            _counts[(int)RecordKind.MessagePack]++;
        }
    }

    public void OnUnknown(in FrameContext frame, in UnknownOdidMessage message)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _unknownTypes[message.Type] = _unknownTypes.GetValueOrDefault(message.Type) + 1;
        Track(frame, null);
    }

    public void OnDjiDroneId(in FrameContext frame, in DjiDroneIdMessage message)
    {
        if (frame.CrcFailed)
        {
            return;
        }

        _counts[(int)(message.Version == 1 ? RecordKind.DjiV1 : RecordKind.DjiV2)]++;
        var tx = Transmitter(frame.Transmitter);
        if (message.Serial.Length > 0)
        {
            tx.Ids.Add(message.Serial);
        }

        var track = Track(frame, message.Serial.Length > 0 ? message.Serial : frame.TransmitterText);
        track.Protocol = "dji-droneid";
        track.Locations++;
        if (_keepObservations)
        {
            track.Observations.Add(new PositionObservation(frame.TimeUtc, message.LatitudeDegrees, message.LongitudeDegrees,
                message.GroundSpeedMetersPerSecond, null, frame.Transmitter, frame.Offset));
        }

        if (message.HomeLatitudeRadE7 != 0 || message.HomeLongitudeRadE7 != 0)
        {
            var home = new BroadcastPosition(message.HomeLatitudeDegrees, message.HomeLongitudeDegrees, null) { SourceOffset = frame.Offset, TimeUtc = frame.TimeUtc };
            if (track.Home is null || track.Home.LatitudeDegrees != home.LatitudeDegrees || track.Home.LongitudeDegrees != home.LongitudeDegrees)
            {
                track.Home = home;
                Event(track, frame, FlightEventKind.HomeSet, $"home point stated by {track.Id}", home);
            }
        }

        if (message.PilotLatitudeDegrees is double plat && message.PilotLongitudeDegrees is double plon && (plat != 0 || plon != 0))
        {
            SetOperator(frame, track, new BroadcastPosition(plat, plon, null) { SourceOffset = frame.Offset, TimeUtc = frame.TimeUtc });
        }

        if (!TryStartSample(track, frame, out var sample))
        {
            return;
        }

        _sink.AddSample(sample with
        {
            LatitudeDegrees = message.LatitudeDegrees,
            LongitudeDegrees = message.LongitudeDegrees,
            HeightAboveTakeoffMeters = message.HeightMeters,
            GroundSpeedMetersPerSecond = message.GroundSpeedMetersPerSecond,
            VerticalSpeedMetersPerSecond = message.VerticalSpeedMetersPerSecond,
            YawDegrees = message.YawCentidegrees / 100.0,
        });
    }

    public void OnComment(long offset, DateTimeOffset? timeUtc, string text)
        => _sink.AddEvent(new FlightEvent { Kind = FlightEventKind.Other, Text = "capture comment: " + text, TimeUtc = timeUtc, SourceOffset = offset });

    /// <summary>Reports the record counts under the contract's names.</summary>
    public void Finish()
    {
        string[] names = ["BasicID", "LocationVector", "Authentication", "SelfID", "System", "OperatorID", "MessagePack", "DjiDroneIdV1", "DjiDroneIdV2"];
        for (int i = 0; i < names.Length; i++)
        {
            _sink.CountRecord(names[i], _counts[i]);
        }

        foreach (var (type, count) in _unknownTypes)
        {
            _sink.CountRecord($"Unknown{type}", count);
            _sink.Damage.UnknownRecords += count;
        }
    }

    /// <summary>
    /// Location timestamps count tenths of a second past the hour (F3411-22a Table 6); placed in the hour of the
    /// capture clock nearest to it, the difference says how far the aircraft's clock (or its claim) is from the receiver's.
    /// </summary>
    public static double? ClockDisagreement(DateTimeOffset? captureUtc, int tenthsPastHour)
    {
        if (captureUtc is not DateTimeOffset t || tenthsPastHour > 36000)
        {
            return null;
        }

        var hour = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
        double d = (hour.AddSeconds(tenthsPastHour / 10.0) - t).TotalSeconds;
        return d > 1800 ? d - 3600 : d < -1800 ? d + 3600 : d;
    }

    private void SetOperator(in FrameContext frame, AircraftTrack track, BroadcastPosition position)
    {
        if (track.Operator is { } o && o.LatitudeDegrees == position.LatitudeDegrees && o.LongitudeDegrees == position.LongitudeDegrees && o.AltitudeMeters == position.AltitudeMeters)
        {
            return;
        }

        track.Operator = position;
        if (track.OperatorPositions.Count < 10_000)
        {
            // Bounded: a spoofer changing the position every frame must not grow memory with the capture.
            track.OperatorPositions.Add(position);
            Event(track, frame, FlightEventKind.Other, $"operator position stated by {track.Id}", position);
        }
    }

    private void Event(AircraftTrack track, in FrameContext frame, FlightEventKind kind, string text, BroadcastPosition position)
    {
        if (Selected(track))
        {
            _sink.AddEvent(new FlightEvent
            {
                Kind = kind,
                Text = text,
                TimeUtc = frame.TimeUtc,
                SourceOffset = frame.Offset,
                LatitudeDegrees = position.LatitudeDegrees,
                LongitudeDegrees = position.LongitudeDegrees,
                AltitudeMslMeters = null,
            });
        }
    }

    /// <summary>The fields every sample of a selected aircraft carries: its id, the capture clock and the message offset.</summary>
    private bool TryStartSample(AircraftTrack track, in FrameContext frame, out TelemetrySample sample)
    {
        sample = Selected(track)
            ? new TelemetrySample { AircraftId = track.Id, TimeUtc = frame.TimeUtc, ElapsedSeconds = Elapsed(frame.TimeUtc), SourceOffset = frame.Offset }
            : default;
        return sample.AircraftId is not null;
    }

    private bool Selected(AircraftTrack track) => _onlyAircraft is null || string.Equals(track.Id, _onlyAircraft, StringComparison.OrdinalIgnoreCase);

    private double? Elapsed(DateTimeOffset? t) => t is DateTimeOffset v && _firstUtc is DateTimeOffset f ? (v - f).TotalSeconds : null;

    private TransmitterState Transmitter(ulong address)
    {
        if (!_transmitters.TryGetValue(address, out var state))
        {
            state = new TransmitterState();
            _transmitters[address] = state;
        }

        return state;
    }

    private AircraftTrack Track(in FrameContext frame, string? key)
    {
        if (key is null)
        {
            var tx = Transmitter(frame.Transmitter);
            key = tx.Key ?? (tx.AddressText ??= frame.TransmitterText);
        }

        if (!_aircraft.TryGetValue(key, out var track))
        {
            track = new AircraftTrack(key) { Transport = frame.Transport };
            _aircraft[key] = track;
        }

        track.Heard(frame.Transmitter, frame.TimeUtc);
        return track;
    }
}
