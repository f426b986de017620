using System.Buffers.Binary;
using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.OnboardLogs.ULog;

/// <summary>
/// What the mapper needs before the first sample (seekable input only): which position topic the log has,
/// the GPS UTC anchor of the boot clock, and the first timestamp (the elapsed-time origin when the header's is unusable).
/// </summary>
internal readonly record struct ULogPrescan(bool Known, string? PositionTopic, long? BootUtcMicroseconds, ulong FirstTimestampUs)
{
    public static readonly string[] PositionTopics = ["vehicle_global_position", "vehicle_gps_position", "sensor_gps"];

    public static ULogPrescan Run(Stream input, ULogDecoderOptions options, CancellationToken cancellationToken)
    {
        if (!input.CanSeek)
        {
            return default;
        }

        long start = input.Position;
        var seen = new bool[PositionTopics.Length];
        long? anchor = null;
        ulong first = 0;
        bool epoch = false;
        try
        {
            using var reader = new ULogReader(input, null, options.Reader);
            var gpsFields = new Dictionary<ULogFormat, (int Time, int Utc)>();
            long n = 0;
            while (reader.TryReadNext(out var m))
            {
                if ((++n & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (m.Type != ULogMessageType.Data || m.Subscription is not { Format: ULogFormat format } sub)
                {
                    continue;
                }

                var data = m.Data;
                if (first == 0 && data.TryGetInt64(format.IndexOf("timestamp"), out long t0) && t0 > 0)
                {
                    first = (ulong)t0;
                    epoch = first > options.EpochThresholdMicroseconds;
                }

                int which = Array.IndexOf(PositionTopics, sub.Name);
                if (which < 0 || sub.MultiId != 0)
                {
                    continue;
                }

                seen[which] = true;
                if (which > 0 && anchor is null)
                {
                    int time = format.IndexOf("timestamp"), utc = format.IndexOf("time_utc_usec");
                    if (data.TryGetInt64(time, out long t) && data.TryGetInt64(utc, out long u) && t > 0 && u > 0
                        && (ulong)t < options.EpochThresholdMicroseconds)
                    {
                        anchor = u - t;
                    }
                }

                if (seen[0] && (anchor is not null || epoch) && first != 0)
                {
                    break;
                }
            }
        }
        finally
        {
            input.Position = start;
        }

        int chosen = Array.IndexOf(seen, true);
        return new ULogPrescan(true, chosen >= 0 ? PositionTopics[chosen] : null, anchor, first);
    }
}

/// <summary>One decoding run: ULog messages in, telemetry model out.</summary>
internal sealed class ULogMapper
{
    private enum Role : byte { None, Position, Gps, Attitude, Status, Capture, Trigger, Battery, LocalPosition }

    private readonly FlightLogSink _sink;
    private readonly ULogDecoderOptions _options;
    private readonly ULogPrescan _prescan;
    private readonly Dictionary<ULogSubscription, Binding> _bindings = [];
    private readonly long _maxStateAgeUs;
    private readonly long _maxBatteryAgeUs;
    private string? _positionTopic;
    private long? _bootUtcUs;
    private ulong _originUs;
    private bool _originFromHeader;
    private long _zeroStamped;

    private long _attUs = long.MinValue; private double? _roll, _pitch, _yaw;
    private long _gpsUs = long.MinValue; private double? _gpsSpeed, _gpsCourse, _gpsClimb; private int? _gpsSats; private GpsFix? _gpsFix;
    private int _jammingState, _spoofingState;
    private long _batUs = long.MinValue; private double? _batPct;
    private long _aglUs = long.MinValue; private double? _agl;
    private string? _mode;
    private int _navState = -1;
    private int _armingState = -1;
    private bool _vehicleTypeSet;
    private bool _photoPending;
    private long _logged, _tagged, _dropouts, _dropoutMs, _unknownData;

    public ULogMapper(FlightLogSink sink, ULogDecoderOptions options, ULogPrescan prescan)
    {
        _sink = sink;
        _options = options;
        _prescan = prescan;
        _positionTopic = prescan.PositionTopic;
        _bootUtcUs = prescan.BootUtcMicroseconds;
        _maxStateAgeUs = (long)(options.MaxStateAgeSeconds * 1e6);
        _maxBatteryAgeUs = (long)(options.MaxBatteryAgeSeconds * 1e6);
    }

    public void Run(Stream input, CancellationToken cancellationToken)
    {
        using var reader = new ULogReader(input, _sink, _options.Reader);
        long n = 0;
        try
        {
            while (reader.TryReadNext(out var m))
            {
                if ((++n & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (n == 1)
                {
                    SetOrigin(reader);
                }

                switch (m.Type)
                {
                    case ULogMessageType.Data: OnData(m); break;
                    case ULogMessageType.Logging or ULogMessageType.TaggedLogging: OnLogString(m); break;
                    case ULogMessageType.Dropout:
                        int ms = BinaryPrimitives.ReadUInt16LittleEndian(m.Body);
                        _dropouts++;
                        _dropoutMs += ms;
                        _sink.AddDiagnostic(m.Offset, DiagnosticKind.Gap, string.Create(CultureInfo.InvariantCulture, $"logger dropout: {ms} ms of data lost"));
                        break;
                    default: break;
                }
            }
        }
        finally
        {
            Finish(reader);
        }
    }

    private void SetOrigin(ULogReader reader)
    {
        // Elapsed time counts from the header's timestamp (the logger's start) when it is on the same clock as the data.
        ulong header = reader.HeaderTimestampUs;
        ulong first = _prescan.FirstTimestampUs;
        bool headerEpoch = header > _options.EpochThresholdMicroseconds;
        bool dataEpoch = first > _options.EpochThresholdMicroseconds;
        // Records buffered before the logger started may come out slightly negative; that is what the clocks say.
        if (header > 0 && (first == 0 || headerEpoch == dataEpoch))
        {
            _originUs = header;
            _originFromHeader = true;
        }
        else
        {
            _originUs = first;
        }

        if (TimeUtc(header) is DateTimeOffset startUtc && _originFromHeader)
        {
            _sink.SetStartUtc(startUtc);
        }
    }

    private void Finish(ULogReader reader)
    {
        foreach (var sub in reader.Subscriptions)
        {
            _sink.CountRecord(sub.Key, sub.DataCount);
        }

        var info = reader.Info;
        string? release = info.TryGetValue("ver_sw_release", out var r) && long.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out long rel) && rel != 0
            ? Px4Names.ReleaseName(rel) : null;
        string? sw = info.GetValueOrDefault("ver_sw");
        _sink.AddVehicle(new VehicleIdentity
        {
            Autopilot = info.GetValueOrDefault("sys_name") ?? "PX4",
            Model = info.GetValueOrDefault("ver_hw"),
            FirmwareVersion = release is not null && sw is not null ? $"{release} ({sw})" : release ?? sw,
            FlightControllerSerial = info.GetValueOrDefault("sys_uuid"),
        });

        const string g = "ulog";
        _sink.AddCounter(g, "version", reader.Version);
        _sink.AddCounter(g, "formats", reader.Formats.Count);
        _sink.AddCounter(g, "subscriptions", reader.Subscriptions.Count);
        _sink.AddCounter(g, "infoMessages", reader.Info.Count);
        _sink.AddCounter(g, "multiInfoMessages", reader.MultiInfo.Count);
        _sink.AddCounter(g, "parameters", reader.ParameterMessages);
        _sink.AddCounter(g, "defaultParameters", reader.DefaultParameterMessages);
        _sink.AddCounter(g, "loggedStrings", _logged);
        _sink.AddCounter(g, "taggedLoggedStrings", _tagged);
        _sink.AddCounter(g, "dropouts", _dropouts);
        _sink.AddCounter(g, "dropoutMs", _dropoutMs);
        if (reader.Flags is ULogFlags flags)
        {
            _sink.AddCounter(g, "incompatFlags0", flags.Incompat[0]);
            _sink.AddCounter(g, "appendedOffsets", flags.AppendedOffsets.Count(o => o != 0));
        }

        if (_zeroStamped > 0)
        {
            _sink.AddCounter(g, "recordsStampedZero", _zeroStamped);
            _sink.AddDiagnostic(0, DiagnosticKind.Note, string.Create(CultureInfo.InvariantCulture,
                $"{_zeroStamped} mapped records carry timestamp 0; they were given no time rather than the clock's zero"));
        }

        if (_events > _options.MaxEvents)
        {
            _sink.AddCounter(g, "eventsNotStored", _events - _options.MaxEvents);
        }

        if (reader.SkippedBytes > 0)
        {
            _sink.AddCounter(g, "skippedBytes", reader.SkippedBytes);
        }

        if (_unknownData > 0)
        {
            _sink.AddCounter(g, "dataWithoutFormat", _unknownData);
        }
    }

    private Binding Bind(ULogSubscription sub)
    {
        var f = sub.Format!;
        _positionTopic ??= Array.Find(ULogPrescan.PositionTopics, t => t == sub.Name && sub.MultiId == 0);
        var role = sub.Name switch
        {
            "vehicle_global_position" => Role.Position,
            "vehicle_gps_position" or "sensor_gps" => Role.Gps,
            "vehicle_attitude" => Role.Attitude,
            "vehicle_status" => Role.Status,
            "camera_capture" => Role.Capture,
            "camera_trigger" => Role.Trigger,
            "battery_status" => Role.Battery,
            "vehicle_local_position" => Role.LocalPosition,
            _ => Role.None,
        };
        if (sub.MultiId != 0 && role is not (Role.Capture or Role.Trigger))
        {
            role = Role.None; // the primary instance only, as for DataFlash GPS[0]
        }

        var b = new Binding(role, f.IndexOf("timestamp")) { IsPositionSource = sub.Name == _positionTopic && sub.MultiId == 0 };
        switch (role)
        {
            case Role.Position or Role.Gps:
                b.Lat = f.IndexOf("latitude_deg") is int ld and >= 0 ? ld : f.IndexOf("lat");
                b.Lon = f.IndexOf("longitude_deg") is int od and >= 0 ? od : f.IndexOf("lon");
                b.Alt = f.IndexOf("altitude_msl_m") is int am and >= 0 ? am : f.IndexOf("alt");
                b.LatScale = b.Lat >= 0 && f.Fields[b.Lat].Type == ULogBaseType.Int32 ? 1e7 : 1;
                // Old GPS topics log int32 alt in millimetres (PX4 msg/SensorGps.msg history); float/double alt is metres.
                b.AltScale = b.Alt >= 0 && f.Fields[b.Alt].Type == ULogBaseType.Int32 ? 1000 : 1;
                b.Speed = f.IndexOf("vel_m_s"); b.Course = f.IndexOf("cog_rad"); b.Down = f.IndexOf("vel_d_m_s");
                b.Sats = f.IndexOf("satellites_used"); b.Fix = f.IndexOf("fix_type"); b.Utc = f.IndexOf("time_utc_usec");
                b.Jamming = f.IndexOf("jamming_state"); b.Spoofing = f.IndexOf("spoofing_state");
                break;
            case Role.Attitude: b.Q = f.IndexOf("q"); break;
            case Role.Status: b.Nav = f.IndexOf("nav_state"); b.Arming = f.IndexOf("arming_state"); b.VehicleType = f.IndexOf("vehicle_type"); break;
            case Role.Capture:
                b.Lat = f.IndexOf("lat"); b.Lon = f.IndexOf("lon"); b.Alt = f.IndexOf("alt"); b.Utc = f.IndexOf("timestamp_utc");
                b.Seq = f.IndexOf("seq"); b.Result = f.IndexOf("result");
                b.LatScale = b.Lat >= 0 && f.Fields[b.Lat].Type == ULogBaseType.Int32 ? 1e7 : 1;
                break;
            case Role.Trigger: b.Utc = f.IndexOf("timestamp_utc"); b.Seq = f.IndexOf("seq"); break;
            case Role.Battery: b.Remaining = f.IndexOf("remaining"); break;
            case Role.LocalPosition: b.Dist = f.IndexOf("dist_bottom"); b.DistValid = f.IndexOf("dist_bottom_valid"); break;
            default: break;
        }

        return b;
    }

    private void OnData(in ULogMessage m)
    {
        var sub = m.Subscription!;
        if (sub.Format is null)
        {
            _unknownData++;
            return;
        }

        if (!_bindings.TryGetValue(sub, out var b))
        {
            b = Bind(sub);
            _bindings[sub] = b;
        }

        if (b.Role == Role.None)
        {
            return;
        }

        var d = m.Data;
        long t = d.TryGetInt64(b.Time, out long ts) ? ts : 0;
        if (t == 0)
        {
            _zeroStamped++;
        }

        switch (b.Role)
        {
            case Role.Position:
                if (b.IsPositionSource)
                {
                    EmitSample(m.Offset, t, d, b);
                }

                break;
            case Role.Gps: OnGps(m.Offset, t, d, b); break;
            case Role.Attitude: OnAttitude(t, d, b); break;
            case Role.Status: OnStatus(m.Offset, t, d, b); break;
            case Role.Capture or Role.Trigger: OnCamera(m.Offset, t, d, b, sub); break;
            case Role.Battery:
                if (D(d, b.Remaining) is double rem && rem is >= 0 and <= 1)
                {
                    _batUs = t;
                    _batPct = Math.Round(rem * 100, 4);
                }

                break;
            case Role.LocalPosition:
                bool valid = b.DistValid < 0 || (d.TryGetInt64(b.DistValid, out long v) && v != 0);
                if (valid && D(d, b.Dist) is double dist)
                {
                    _aglUs = t;
                    _agl = dist;
                }

                break;
            default: break;
        }
    }

    private void OnGps(long offset, long t, in ULogData d, Binding b)
    {
        if (d.TryGetInt64(b.Utc, out long utc) && utc > 0 && t > 0 && (ulong)t < _options.EpochThresholdMicroseconds && _bootUtcUs is null)
        {
            _bootUtcUs = utc - t;
        }

        _gpsUs = t;
        _gpsSpeed = D(d, b.Speed);
        _gpsCourse = D(d, b.Course) is double c ? (((c * 180 / Math.PI) % 360) + 360) % 360 : null;
        _gpsClimb = D(d, b.Down) is double down ? -down : null; // NED down → up-positive
        _gpsSats = d.TryGetInt64(b.Sats, out long s) ? (int)Math.Clamp(s, 0, 255) : null;
        _gpsFix = d.TryGetInt64(b.Fix, out long fix) ? fix switch
        {
            0 or 1 => GpsFix.NoFix,
            >= 2 and <= 6 => (GpsFix)fix,
            _ => null,
        } : null;
        _jammingState = ReceiverState(offset, t, d, b.Jamming, _jammingState, "jamming_state", "jamming");
        _spoofingState = ReceiverState(offset, t, d, b.Spoofing, _spoofingState, "spoofing_state", "spoofing");
        if (b.IsPositionSource)
        {
            EmitSample(offset, t, d, b);
        }
    }

    /// <summary>
    /// The receiver's own jamming/spoofing verdict (PX4 msg/SensorGps.msg: 0 unknown, 1 none/ok, 2 and 3 warning or
    /// mitigated and critical or detected, depending on the PX4 version): a warning event when it rises to 2 or more.
    /// </summary>
    private int ReceiverState(long offset, long t, in ULogData d, int field, int previous, string name, string what)
    {
        if (!d.TryGetInt64(field, out long state))
        {
            return previous;
        }

        if (state >= 2 && state != previous)
        {
            AddEvent(offset, t, FlightEventKind.Warning, string.Create(CultureInfo.InvariantCulture, $"GNSS {name} {state}: the receiver reports {what}"));
        }

        return (int)Math.Clamp(state, 0, 255);
    }

    private void EmitSample(long offset, long t, in ULogData d, Binding b)
    {
        double? lat = D(d, b.Lat) is double la ? la / b.LatScale : null;
        double? lon = D(d, b.Lon) is double lo ? lo / b.LatScale : null;
        double? alt = D(d, b.Alt) is double al ? al / b.AltScale : null;
        bool timed = t > 0;
        bool gpsFresh = timed && Fresh(_gpsUs, t);
        bool attFresh = timed && Fresh(_attUs, t);
        var sample = new TelemetrySample
        {
            TimeUtc = TimeUtc((ulong)t),
            ElapsedSeconds = Elapsed((ulong)t),
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            AltitudeMslMeters = alt,
            HeightAboveGroundMeters = timed && Fresh(_aglUs, t) ? _agl : null,
            GroundSpeedMetersPerSecond = gpsFresh ? _gpsSpeed : null,
            VerticalSpeedMetersPerSecond = gpsFresh ? _gpsClimb : null,
            CourseDegrees = gpsFresh ? _gpsCourse : null,
            Satellites = gpsFresh ? _gpsSats : null,
            GpsFix = gpsFresh ? _gpsFix : null,
            RollDegrees = attFresh ? _roll : null,
            PitchDegrees = attFresh ? _pitch : null,
            YawDegrees = attFresh ? _yaw : null,
            BatteryPercent = timed && _batUs > 0 && Math.Abs(t - _batUs) <= _maxBatteryAgeUs ? _batPct : null,
            FlightMode = _mode,
            PhotoTaken = _photoPending ? true : null,
            SourceOffset = offset,
        };
        _photoPending = false;
        _sink.AddSample(sample);
    }

    private void OnAttitude(long t, in ULogData d, Binding b)
    {
        if (!d.TryGetDouble(b.Q, out double w, 0) || !d.TryGetDouble(b.Q, out double x, 1)
            || !d.TryGetDouble(b.Q, out double y, 2) || !d.TryGetDouble(b.Q, out double z, 3))
        {
            return;
        }

        var (roll, pitch, yaw) = QuaternionToEulerDegrees(w, x, y, z);
        _attUs = t;
        _roll = roll;
        _pitch = pitch;
        _yaw = yaw;
    }

    /// <summary>Hamilton quaternion (w, x, y, z; body to NED as PX4 logs it) to roll, pitch, yaw in degrees, yaw in [0, 360).</summary>
    public static (double Roll, double Pitch, double Yaw) QuaternionToEulerDegrees(double w, double x, double y, double z)
    {
        const double deg = 180.0 / Math.PI;
        double roll = Math.Atan2(2 * ((w * x) + (y * z)), 1 - (2 * ((x * x) + (y * y))));
        double pitch = Math.Asin(Math.Clamp(2 * ((w * y) - (z * x)), -1, 1));
        double yaw = Math.Atan2(2 * ((w * z) + (x * y)), 1 - (2 * ((y * y) + (z * z))));
        double yawDeg = yaw * deg;
        if (yawDeg < 0)
        {
            yawDeg += 360;
        }

        return (roll * deg, pitch * deg, yawDeg >= 360 ? yawDeg - 360 : yawDeg);
    }

    private void OnStatus(long offset, long t, in ULogData d, Binding b)
    {
        if (d.TryGetInt64(b.Nav, out long nav) && nav != _navState)
        {
            _navState = (int)nav;
            _mode = string.Intern(Px4Names.NavStateName(_navState));
            AddEvent(offset, t, FlightEventKind.ModeChange, _mode);
        }

        // arming_state 2 is ARMED in every PX4 release (msg/VehicleStatus.msg).
        if (d.TryGetInt64(b.Arming, out long arming) && arming != _armingState)
        {
            bool wasArmed = _armingState == 2;
            _armingState = (int)arming;
            if (arming == 2)
            {
                AddEvent(offset, t, FlightEventKind.Arm, "armed");
            }
            else if (wasArmed)
            {
                AddEvent(offset, t, FlightEventKind.Disarm, string.Create(CultureInfo.InvariantCulture, $"disarmed (arming_state {arming})"));
            }
        }

        if (!_vehicleTypeSet && d.TryGetInt64(b.VehicleType, out long vt) && Px4Names.VehicleTypeName((int)vt) is string name)
        {
            _vehicleTypeSet = true;
            _sink.AddVehicle(new VehicleIdentity { VehicleType = name });
        }
    }

    private void OnCamera(long offset, long t, in ULogData d, Binding b, ULogSubscription sub)
    {
        DateTimeOffset? utc = d.TryGetInt64(b.Utc, out long u) && u > 0 ? FromUnixMicroseconds(u) : TimeUtc((ulong)t);
        d.TryGetInt64(b.Seq, out long seq);
        double? lat = D(d, b.Lat) is double la ? la / b.LatScale : null;
        double? lon = D(d, b.Lon) is double lo ? lo / b.LatScale : null;
        bool hasPosition = lat is double a && lon is double o && !(a == 0 && o == 0);
        string text = b.Role == Role.Capture
            ? string.Create(CultureInfo.InvariantCulture, $"{sub.Key} seq {seq}{(d.TryGetInt64(b.Result, out long res) ? $" result {res}" : "")}")
            : string.Create(CultureInfo.InvariantCulture, $"{sub.Key} seq {seq}");
        Event(new FlightEvent
        {
            Kind = FlightEventKind.Photo,
            Text = text,
            TimeUtc = utc,
            ElapsedSeconds = Elapsed((ulong)t),
            SourceOffset = offset,
            LatitudeDegrees = hasPosition ? lat : null,
            LongitudeDegrees = hasPosition ? lon : null,
            AltitudeMslMeters = hasPosition ? D(d, b.Alt) : null,
        });
        _photoPending = true;
    }

    private void OnLogString(in ULogMessage m)
    {
        if (!m.TryGetLogString(out byte level, out ushort? tag, out ulong ts, out string text))
        {
            return;
        }

        if (tag is null)
        {
            _logged++;
        }
        else
        {
            _tagged++;
        }

        // Levels are ASCII '0' (emergency) .. '7' (debug), syslog order (ULog spec).
        var kind = level switch
        {
            >= (byte)'0' and <= (byte)'3' => FlightEventKind.Error,
            (byte)'4' => FlightEventKind.Warning,
            _ => FlightEventKind.TextMessage,
        };
        string prefix = tag is ushort tg ? string.Create(CultureInfo.InvariantCulture, $"[tag {tg}] ") : "";
        AddEvent(m.Offset, (long)Math.Min(ts, long.MaxValue), kind, prefix + text);
    }

    private void AddEvent(long offset, long t, FlightEventKind kind, string text) =>
        Event(new FlightEvent { Kind = kind, Text = text, TimeUtc = TimeUtc((ulong)t), ElapsedSeconds = Elapsed((ulong)t), SourceOffset = offset });

    private long _events;

    private void Event(FlightEvent flightEvent)
    {
        if (++_events <= _options.MaxEvents)
        {
            _sink.AddEvent(flightEvent);
        }
        else if (_events == _options.MaxEvents + 1)
        {
            _sink.AddDiagnostic(flightEvent.SourceOffset, DiagnosticKind.Note, $"more than {_options.MaxEvents} events; further ones are counted (ulog.eventsNotStored), not kept");
        }
    }

    private DateTimeOffset? TimeUtc(ulong t)
    {
        if (t == 0)
        {
            return null;
        }

        if (t > _options.EpochThresholdMicroseconds)
        {
            return FromUnixMicroseconds((long)Math.Min(t, long.MaxValue));
        }

        return _bootUtcUs is long boot ? FromUnixMicroseconds(boot + (long)t) : null;
    }

    private double? Elapsed(ulong t)
    {
        if (t == 0 || _originUs == 0)
        {
            return null;
        }

        // Never across clocks: a boot-clock record in an epoch-stamped log (or the reverse) has no elapsed time.
        if ((t > _options.EpochThresholdMicroseconds) != (_originUs > _options.EpochThresholdMicroseconds))
        {
            return null;
        }

        return ((double)t - _originUs) / 1e6;
    }

    private static DateTimeOffset? FromUnixMicroseconds(long us) =>
        us is > 0 and < 253_402_300_799_000_000 ? DateTimeOffset.UnixEpoch.AddTicks(us * 10) : null;

    // ULog writes topics from per-topic buffers, so the latest attitude can be stamped a little after the GPS record
    // it is written before: state within the age limit either side is "at that time".
    private bool Fresh(long stateUs, long nowUs) => stateUs != long.MinValue && stateUs > 0 && Math.Abs(nowUs - stateUs) <= _maxStateAgeUs;

    private static double? D(in ULogData d, int field) => d.TryGetDouble(field, out double v) && double.IsFinite(v) ? v : null;

    private sealed class Binding(Role role, int time)
    {
        public Role Role { get; } = role;
        public int Time { get; } = time;
        public bool IsPositionSource { get; init; }
        public int Lat = -1, Lon = -1, Alt = -1, Speed = -1, Course = -1, Down = -1, Sats = -1, Fix = -1, Utc = -1, Q = -1;
        public int Nav = -1, Arming = -1, VehicleType = -1, Seq = -1, Result = -1, Remaining = -1, Dist = -1, DistValid = -1;
        public int Jamming = -1, Spoofing = -1;
        public double LatScale = 1, AltScale = 1;
    }
}
