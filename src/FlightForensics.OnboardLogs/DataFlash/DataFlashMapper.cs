using System.Globalization;
using System.Text.RegularExpressions;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>One decoding run: DataFlash records in, telemetry model out. All state of the run lives here.</summary>
internal sealed partial class DataFlashMapper
{
    private enum Role : byte
    {
        None, Pos, Gps, Att, Mode, Ev, Err, Msg, Cmd, Cam, Trig, Mnt, Bat, Baro, Ctun, Rfnd, Orgn, Ver,
    }

    private readonly FlightLogSink _sink;
    private readonly DataFlashDecoderOptions _options;
    private readonly DataFlashPrescan _prescan;
    private readonly long[] _counts = new long[256];
    private readonly DataFlashFormat?[] _countedAs = new DataFlashFormat?[256];
    private readonly Binding?[] _bindings = new Binding?[256];
    private readonly GpsColumns _gpsColumns = new();
    private readonly long _maxStateAgeUs;
    private readonly long _maxBatteryAgeUs;
    private readonly long _reanchorTicks;

    private DataFlashSchema? _schema;
    private long? _bootUtcTicks;
    private ArduPilotVehicle _vehicle;
    private bool _bannerSeen;
    private bool _boardSeen;
    private int _modeNumber = -1;
    private string? _modeName;
    private bool _photoPending;
    private bool _anyPos;
    private bool _posDefined;

    // Latest state, each with the boot time (µs) it was logged at.
    private long _attUs = long.MinValue; private double? _roll, _pitch, _yaw;
    private long _gpsUs = long.MinValue; private double? _gpsSpeed, _gpsCourse, _gpsClimb; private int? _gpsSats; private GpsFix? _gpsFix;
    private long _mntUs = long.MinValue; private double? _gRoll, _gPitch, _gYaw;
    private long _batUs = long.MinValue; private double? _batPct;
    private long _baroUs = long.MinValue; private double? _baroAlt;
    private long _ctunUs = long.MinValue; private double? _ctunBaroAlt;
    private long _rfndUs = long.MinValue; private double? _rangeAgl;

    public DataFlashMapper(FlightLogSink sink, DataFlashDecoderOptions options, DataFlashPrescan prescan)
    {
        _sink = sink;
        _options = options;
        _prescan = prescan;
        _bootUtcTicks = prescan.BootUtcTicks;
        _maxStateAgeUs = (long)(options.MaxStateAgeSeconds * 1e6);
        _maxBatteryAgeUs = (long)(options.MaxBatteryAgeSeconds * 1e6);
        _reanchorTicks = (long)(options.ReanchorThresholdSeconds * TimeSpan.TicksPerSecond);
    }

    public void Run(Stream input, CancellationToken cancellationToken)
    {
        using var reader = DataFlashDecoder.OpenRecords(input, _sink, _options.Reader);
        _schema = reader.Schema;
        long n = 0;
        try
        {
            while (reader.TryReadNext(out var record))
            {
                if ((++n & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                byte type = record.Format.TypeId;
                if (type == DataFlashSchema.FmtTypeId && !_posDefined && reader.Schema.Formats.Any(f => f.Name == "POS"))
                {
                    _posDefined = true;
                }

                if (!ReferenceEquals(_countedAs[type], record.Format))
                {
                    FlushCount(type);
                    _countedAs[type] = record.Format;
                }

                _counts[type]++;
                var binding = _bindings[type];
                if (binding is null || !ReferenceEquals(binding.Format, record.Format))
                {
                    binding = Bind(record.Format);
                    _bindings[type] = binding;
                }

                if (binding.Role != Role.None)
                {
                    Map(binding, record);
                }
            }
        }
        finally
        {
            for (int t = 0; t < 256; t++)
            {
                FlushCount(t);
            }

            _sink.AddCounter("dataflash", "formatsDefined", reader.Schema.Formats.Count());
            if (_events > _options.MaxEvents)
            {
                _sink.AddCounter("dataflash", "eventsNotStored", _events - _options.MaxEvents);
            }

            if (reader.SkippedBytes > 0)
            {
                _sink.AddCounter("dataflash", "skippedBytes", reader.SkippedBytes);
            }

            if (reader is DataFlashReader { TypesRedefined: > 0 } binary)
            {
                _sink.AddCounter("dataflash", "typesRedefined", binary.TypesRedefined);
                _sink.AddCounter("dataflash", "firstRedefinitionOffset", binary.FirstRedefinitionOffset ?? 0);
            }
        }
    }

    private void FlushCount(int type)
    {
        if (_countedAs[type] is DataFlashFormat f && _counts[type] > 0)
        {
            _sink.CountRecord(f.Name, _counts[type]);
        }

        _counts[type] = 0;
    }

    /// <summary>The boot-clock column of a format: TimeUS (µs), else the old TimeMS (ms); GPS of old logs keeps boot ms in "T".</summary>
    internal static (int Index, bool IsMs) TimeColumn(DataFlashFormat f)
    {
        int us = f.IndexOf("TimeUS");
        if (us >= 0)
        {
            return (us, false);
        }

        // Old GPS layouts (ArduCopter 3.1: Status,TimeMS,Week,...,T) use TimeMS for the GPS millisecond of week.
        if (f.IndexOf("Week") >= 0 && f.IndexOf("T") is int t and >= 0)
        {
            return (t, true);
        }

        return (f.IndexOf("TimeMS"), true);
    }

    internal static bool TryTimeUs(in DataFlashRecord r, int column, bool isMs, out long us)
    {
        if (!r.TryGetInt64(column, out us))
        {
            return false;
        }

        if (isMs)
        {
            us *= 1000;
        }

        return us >= 0;
    }

    private static Binding Bind(DataFlashFormat f)
    {
        var role = f.Name switch
        {
            "POS" => Role.Pos,
            "GPS" => Role.Gps,
            "ATT" => Role.Att,
            "MODE" => Role.Mode,
            "EV" => Role.Ev,
            "ERR" => Role.Err,
            "MSG" => Role.Msg,
            "CMD" => Role.Cmd,
            "CAM" => Role.Cam,
            "TRIG" => Role.Trig,
            "MNT" or "GIMBAL" => Role.Mnt,
            "BAT" => Role.Bat,
            "BARO" => Role.Baro,
            "CTUN" => Role.Ctun,
            "RFND" => Role.Rfnd,
            "ORGN" => Role.Orgn,
            "VER" => Role.Ver,
            _ => Role.None,
        };
        var (time, isMs) = TimeColumn(f);
        var b = new Binding(f, role, time, isMs) { Instance = f.IndexOf("I") };
        switch (role)
        {
            case Role.Pos:
                b.A = f.IndexOf("Lat"); b.B = f.IndexOfAny("Lng", "Lon"); b.C = f.IndexOf("Alt"); b.D = f.IndexOf("RelHomeAlt");
                break;
            case Role.Att:
                b.A = f.IndexOf("Roll"); b.B = f.IndexOf("Pitch"); b.C = f.IndexOf("Yaw");
                break;
            case Role.Mode:
                b.A = f.IndexOf("Mode"); b.B = f.IndexOf("ModeNum");
                break;
            case Role.Ev:
                b.A = f.IndexOf("Id");
                break;
            case Role.Err:
                b.A = f.IndexOf("Subsys"); b.B = f.IndexOf("ECode");
                break;
            case Role.Msg:
                b.A = f.IndexOf("Message");
                break;
            case Role.Cmd:
                b.A = f.IndexOf("CTot"); b.B = f.IndexOf("CNum"); b.C = f.IndexOf("CId"); b.D = f.IndexOf("Lat"); b.E = f.IndexOfAny("Lng", "Lon");
                b.F = f.IndexOf("Alt"); b.G = f.IndexOf("Frame"); b.H = f.IndexOf("Prm1");
                break;
            case Role.Cam or Role.Trig:
                b.A = f.IndexOf("Img"); b.B = f.IndexOf("GPSTime"); b.C = f.IndexOf("GPSWeek"); b.D = f.IndexOf("Lat"); b.E = f.IndexOfAny("Lng", "Lon");
                b.F = f.IndexOf("Alt"); b.G = f.IndexOf("RelAlt"); b.H = f.IndexOfAny("R", "Roll"); b.J = f.IndexOfAny("P", "Pitch"); b.K = f.IndexOfAny("Y", "Yaw");
                break;
            case Role.Mnt:
                // Only an earth-frame yaw (YawE) is a gimbal yaw in the model's sense; older layouts' Yaw frame is not stated.
                b.A = f.IndexOf("Roll"); b.B = f.IndexOf("Pitch"); b.C = f.IndexOf("YawE");
                break;
            case Role.Bat:
                b.A = f.IndexOfAny("RemPct", "Rem");
                break;
            case Role.Baro:
                b.A = f.IndexOf("Alt");
                break;
            case Role.Ctun:
                b.A = f.IndexOf("BAlt");
                break;
            case Role.Rfnd:
                b.A = f.IndexOfAny("Dist", "Dist1"); b.B = f.IndexOf("Orient"); b.C = f.IndexOf("Stat");
                break;
            case Role.Orgn:
                b.A = f.IndexOf("Type"); b.B = f.IndexOf("Lat"); b.C = f.IndexOfAny("Lng", "Lon"); b.D = f.IndexOf("Alt");
                break;
            case Role.Ver:
                b.A = f.IndexOf("FWS");
                break;
            default:
                break;
        }

        return b;
    }

    private void Map(Binding b, in DataFlashRecord r)
    {
        bool timed = TryTimeUs(r, b.Time, b.TimeIsMs, out long us);
        if (!timed)
        {
            us = long.MinValue;
        }

        switch (b.Role)
        {
            case Role.Pos: OnPos(b, r, us); break;
            case Role.Gps: OnGps(r, us); break;
            case Role.Att:
                _attUs = us; _roll = D(r, b.A); _pitch = D(r, b.B); _yaw = D(r, b.C);
                break;
            case Role.Mnt:
                if (IsPrimary(b, r))
                {
                    _mntUs = us; _gRoll = D(r, b.A); _gPitch = D(r, b.B); _gYaw = D(r, b.C);
                }

                break;
            case Role.Bat:
                if (IsPrimary(b, r) && D(r, b.A) is double pct && pct is >= 0 and <= 100)
                {
                    _batUs = us; _batPct = pct;
                }

                break;
            case Role.Baro:
                if (IsPrimary(b, r))
                {
                    _baroUs = us; _baroAlt = D(r, b.A);
                }

                break;
            case Role.Ctun:
                _ctunUs = us; _ctunBaroAlt = D(r, b.A);
                break;
            case Role.Rfnd: OnRangefinder(b, r, us); break;
            case Role.Mode: OnMode(b, r, us); break;
            case Role.Ev: OnEvent(b, r, us); break;
            case Role.Err: OnError(b, r, us); break;
            case Role.Msg: OnMessage(b, r, us); break;
            case Role.Cmd: OnCommand(b, r, us); break;
            case Role.Cam or Role.Trig: OnCamera(b, r, us); break;
            case Role.Orgn: OnOrigin(b, r, us); break;
            case Role.Ver:
                if (r.GetString(b.A) is { Length: > 0 } fws)
                {
                    _sink.AddVehicle(new VehicleIdentity { Autopilot = "ArduPilot", FirmwareVersion = fws.Trim() });
                }

                break;
            default: break;
        }
    }

    private void OnPos(Binding b, in DataFlashRecord r, long us)
    {
        _anyPos = true;
        if (_prescan.Known && !_prescan.HasPos)
        {
            return;
        }

        EmitSample(r.Offset, us, D(r, b.A), D(r, b.B), D(r, b.C), D(r, b.D), fromGps: false);
    }

    private void OnGps(in DataFlashRecord r, long us)
    {
        var g = _gpsColumns;
        g.Bind(r.Format);
        if (!g.IsPrimary(r))
        {
            return;
        }

        if (g.TryAnchor(r, out long ticks))
        {
            if (_bootUtcTicks is not long current)
            {
                _bootUtcTicks = ticks;
            }
            else if (Math.Abs(ticks - current) > _reanchorTicks)
            {
                _sink.AddDiagnostic(r.Offset, DiagnosticKind.Note,
                    $"GPS time disagrees with the boot clock by {(ticks - current) / (double)TimeSpan.TicksPerSecond:0.###} s (reboot or clock jump); UTC re-anchored here");
                _bootUtcTicks = ticks;
            }
        }

        _gpsUs = us;
        _gpsSpeed = D(r, g.Spd);
        _gpsCourse = D(r, g.Crs) is double c ? ((c % 360) + 360) % 360 : null;
        // ArduPilot logs GPS VZ in NED (down positive); the model's vertical speed is up-positive.
        _gpsClimb = D(r, g.Vz) is double vz ? -vz : null;
        _gpsSats = r.TryGetInt64(g.Sats, out long sats) ? (int)Math.Clamp(sats, 0, 255) : null;
        _gpsFix = r.TryGetInt64(g.Status, out long st) && st is >= 0 and <= 8 ? (GpsFix)st : null;

        // Samples come from GPS only when the log has no POS at all (contract: "DataFlash per POS (GPS where none)").
        // Without a prescan (unseekable input) a defined POS format is taken as the promise of POS records.
        bool gpsGivesSamples = _prescan.Known ? !_prescan.HasPos : !_anyPos && _posDefined is false;
        if (gpsGivesSamples)
        {
            EmitSample(r.Offset, us, D(r, g.Lat), D(r, g.Lng), D(r, g.Alt), null, fromGps: true);
        }
    }

    private void EmitSample(long offset, long us, double? lat, double? lon, double? altMsl, double? relHome, bool fromGps)
    {
        bool timed = us != long.MinValue;
        double? heightAboveTakeoff = relHome;
        if (fromGps && timed)
        {
            // GPS records carry no height above home; the barometer's (ArduPilot calibrates it on the ground) is stated separately.
            heightAboveTakeoff = Fresh(_baroUs, us) ? _baroAlt : Fresh(_ctunUs, us) ? _ctunBaroAlt : null;
        }

        bool gpsFresh = timed && Fresh(_gpsUs, us);
        var sample = new TelemetrySample
        {
            TimeUtc = Utc(us),
            ElapsedSeconds = timed ? us / 1e6 : null,
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            AltitudeMslMeters = altMsl,
            HeightAboveTakeoffMeters = heightAboveTakeoff,
            HeightAboveGroundMeters = timed && Fresh(_rfndUs, us) ? _rangeAgl : null,
            GroundSpeedMetersPerSecond = gpsFresh ? _gpsSpeed : null,
            VerticalSpeedMetersPerSecond = gpsFresh ? _gpsClimb : null,
            CourseDegrees = gpsFresh ? _gpsCourse : null,
            Satellites = gpsFresh ? _gpsSats : null,
            GpsFix = gpsFresh ? _gpsFix : null,
            RollDegrees = timed && Fresh(_attUs, us) ? _roll : null,
            PitchDegrees = timed && Fresh(_attUs, us) ? _pitch : null,
            YawDegrees = timed && Fresh(_attUs, us) ? _yaw : null,
            GimbalRollDegrees = timed && Fresh(_mntUs, us) ? _gRoll : null,
            GimbalPitchDegrees = timed && Fresh(_mntUs, us) ? _gPitch : null,
            GimbalYawDegrees = timed && Fresh(_mntUs, us) ? _gYaw : null,
            BatteryPercent = timed && _batUs != long.MinValue && us - _batUs <= _maxBatteryAgeUs && us >= _batUs ? _batPct : null,
            FlightMode = _modeName,
            PhotoTaken = _photoPending ? true : null,
            SourceOffset = offset,
        };
        _photoPending = false;
        _sink.AddSample(sample);
    }

    private void OnRangefinder(Binding b, in DataFlashRecord r, long us)
    {
        if (!IsPrimary(b, r))
        {
            return;
        }

        // Only a downward rangefinder (orientation 25 = pitch 270) with status Good (4) measures height above ground.
        bool down = b.B >= 0 && r.TryGetInt64(b.B, out long orient) && orient == 25;
        bool good = b.C < 0 || (r.TryGetInt64(b.C, out long stat) && stat == 4);
        if (down && good && r.TryGetScaled(b.A, _schema!, out double dist))
        {
            _rfndUs = us;
            _rangeAgl = dist;
        }
    }

    private void OnMode(Binding b, in DataFlashRecord r, long us)
    {
        if (!r.TryGetInt64(b.A, out long mode))
        {
            return;
        }

        _modeNumber = (int)mode;
        _modeName = ModeString(_modeNumber);
        AddEvent(r.Offset, us, FlightEventKind.ModeChange, _modeName);
    }

    private string ModeString(int mode) => string.Intern(ArduPilotNames.ModeName(_vehicle, mode));

    private void OnEvent(Binding b, in DataFlashRecord r, long us)
    {
        if (!r.TryGetInt64(b.A, out long id))
        {
            return;
        }

        var kind = id switch
        {
            10 or 15 => FlightEventKind.Arm,
            11 => FlightEventKind.Disarm,
            18 => FlightEventKind.Landing,
            28 => FlightEventKind.Takeoff,
            25 => FlightEventKind.HomeSet,
            _ => FlightEventKind.Other,
        };
        AddEvent(r.Offset, us, kind, $"EV {id.ToString(CultureInfo.InvariantCulture)} {ArduPilotNames.EventName((int)id)}");
    }

    private void OnError(Binding b, in DataFlashRecord r, long us)
    {
        r.TryGetInt64(b.A, out long subsystem);
        r.TryGetInt64(b.B, out long code);
        // ECode 0 means the error cleared (AP_Logger LogErrorCode ERROR_RESOLVED).
        var kind = code == 0 ? FlightEventKind.Other : FlightEventKind.Error;
        AddEvent(r.Offset, us, kind, string.Create(CultureInfo.InvariantCulture,
            $"ERR {ArduPilotNames.ErrorSubsystemName((int)subsystem)} ({subsystem}) code {code}{(code == 0 ? " (resolved)" : "")}"));
    }

    private void OnMessage(Binding b, in DataFlashRecord r, long us)
    {
        string text = r.GetString(b.A) ?? "";
        AddEvent(r.Offset, us, FlightEventKind.TextMessage, text);
        if (!_bannerSeen && ArduPilotNames.VehicleFromBanner(text) is var v and not ArduPilotVehicle.Unknown)
        {
            _bannerSeen = true;
            _vehicle = v;
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            _sink.AddVehicle(new VehicleIdentity
            {
                Autopilot = "ArduPilot",
                VehicleType = v.ToString(),
                FirmwareVersion = space > 0 ? text[(space + 1)..].Trim() : text,
            });
            if (_modeNumber >= 0)
            {
                _modeName = ModeString(_modeNumber);
            }
        }
        else if (!_boardSeen && BoardLine().Match(text) is { Success: true } m)
        {
            // "MatekH743 004B0026 33395105 33383930": board name and the MCU's 96-bit unique id (ArduPilot prints it at boot).
            _boardSeen = true;
            _sink.AddVehicle(new VehicleIdentity { Model = m.Groups[1].Value, FlightControllerSerial = m.Groups[2].Value });
        }
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9_\\-]*) ([0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8})$", RegexOptions.CultureInvariant)]
    private static partial Regex BoardLine();

    private void OnCommand(Binding b, in DataFlashRecord r, long us)
    {
        r.TryGetInt64(b.A, out long total);
        r.TryGetInt64(b.B, out long number);
        r.TryGetInt64(b.C, out long command);
        long? frame = r.TryGetInt64(b.G, out long f) ? f : null;
        double? lat = D(r, b.D), lon = D(r, b.E), alt = D(r, b.F);
        bool hasPosition = lat is double la && lon is double lo && !(la == 0 && lo == 0);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"CMD {number}/{total} {ArduPilotNames.CommandName((int)command)} ({command}) frame {frame}");
        if (D(r, b.H) is double p1 && p1 != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" p1 {p1:0.###}");
        }

        if (hasPosition)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" at {lat:0.0000000},{lon:0.0000000} alt {alt:0.##} m");
        }

        // MAV_FRAME 0/5 = global (MSL), 3/6 = relative to home; terrain frames (10/11) have no field in the model,
        // and old layouts without a Frame column leave the altitude's reference unknown, so it is not placed.
        Event(new FlightEvent
        {
            Kind = FlightEventKind.MissionItem,
            Text = text,
            TimeUtc = Utc(us),
            ElapsedSeconds = us != long.MinValue ? us / 1e6 : null,
            SourceOffset = r.Offset,
            LatitudeDegrees = hasPosition ? lat : null,
            LongitudeDegrees = hasPosition ? lon : null,
            AltitudeMslMeters = hasPosition && frame is 0 or 5 ? alt : null,
            HeightAboveTakeoffMeters = hasPosition && frame is 3 or 6 ? alt : null,
        });
    }

    private void OnCamera(Binding b, in DataFlashRecord r, long us)
    {
        r.TryGetInt64(b.A, out long image);
        DateTimeOffset? utc = null;
        if (r.TryGetInt64(b.C, out long week) && r.TryGetInt64(b.B, out long ms))
        {
            // CAM/TRIG carry their own GPS time; week 0 means the camera fired before GPS time was known.
            utc = GpsTime.ToUtc(week, ms);
        }

        utc ??= Utc(us);
        double? lat = D(r, b.D), lon = D(r, b.E);
        bool hasPosition = lat is double la && lon is double lo && !(la == 0 && lo == 0);
        string what = b.Role == Role.Cam ? "CAM (camera feedback)" : "TRIG (trigger commanded)";
        var text = string.Create(CultureInfo.InvariantCulture, $"{what} image {image}");
        if (D(r, b.H) is double roll && D(r, b.J) is double pitch && D(r, b.K) is double yaw)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" roll {roll:0.##} pitch {pitch:0.##} yaw {yaw:0.##}");
        }

        Event(new FlightEvent
        {
            Kind = FlightEventKind.Photo,
            Text = text,
            TimeUtc = utc,
            ElapsedSeconds = us != long.MinValue ? us / 1e6 : null,
            SourceOffset = r.Offset,
            LatitudeDegrees = hasPosition ? lat : null,
            LongitudeDegrees = hasPosition ? lon : null,
            AltitudeMslMeters = hasPosition ? D(r, b.F) : null,
            HeightAboveTakeoffMeters = hasPosition ? D(r, b.G) : null,
        });
        _photoPending = true;
    }

    private void OnOrigin(Binding b, in DataFlashRecord r, long us)
    {
        // ORGN Type 0 = EKF origin, 1 = AHRS home (AP_AHRS LogOriginType).
        if (!r.TryGetInt64(b.A, out long type) || type != 1 || D(r, b.B) is not double lat || D(r, b.C) is not double lon || (lat == 0 && lon == 0))
        {
            return;
        }

        _sink.SetHome(new HomePoint(lat, lon) { AltitudeMslMeters = D(r, b.D), TimeUtc = Utc(us), SourceOffset = r.Offset });
        AddEvent(r.Offset, us, FlightEventKind.HomeSet, string.Create(CultureInfo.InvariantCulture, $"home {lat:0.0000000},{lon:0.0000000}"));
    }

    private void AddEvent(long offset, long us, FlightEventKind kind, string text) =>
        Event(new FlightEvent
        {
            Kind = kind,
            Text = text,
            TimeUtc = Utc(us),
            ElapsedSeconds = us != long.MinValue ? us / 1e6 : null,
            SourceOffset = offset,
        });

    private long _events;

    private void Event(FlightEvent flightEvent)
    {
        if (++_events <= _options.MaxEvents)
        {
            _sink.AddEvent(flightEvent);
        }
        else if (_events == _options.MaxEvents + 1)
        {
            _sink.AddDiagnostic(flightEvent.SourceOffset, DiagnosticKind.Note, $"more than {_options.MaxEvents} events; further ones are counted (dataflash.eventsNotStored), not kept");
        }
    }

    private DateTimeOffset? Utc(long us) =>
        us != long.MinValue && _bootUtcTicks is long boot && boot + (us * 10) is long t && t > 0 && t < DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;

    private bool Fresh(long stateUs, long nowUs) => stateUs != long.MinValue && nowUs >= stateUs && nowUs - stateUs <= _maxStateAgeUs;

    private static bool IsPrimary(Binding b, in DataFlashRecord r) => b.Instance < 0 || (r.TryGetInt64(b.Instance, out long i) && i == 0);

    private static double? D(in DataFlashRecord r, int column) => r.TryGetDouble(column, out double v) && double.IsFinite(v) ? v : null;

    private sealed class Binding(DataFlashFormat format, Role role, int time, bool timeIsMs)
    {
        public DataFlashFormat Format { get; } = format;
        public Role Role { get; } = role;
        public int Time { get; } = time;
        public bool TimeIsMs { get; } = timeIsMs;
        public int Instance = -1, A = -1, B = -1, C = -1, D = -1, E = -1, F = -1, G = -1, H = -1, J = -1, K = -1;
    }
}
