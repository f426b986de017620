using System.Buffers.Binary;
using System.Text;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

internal sealed partial class FlightRecordWalker
{
    // The frame being built: an OSD record plus the records after it, up to the next OSD (dji-formats.md §2.3).
    private bool _pending;
    private TelemetrySample _sample;
    private DateTimeOffset? _firstUtc;
    private DateTimeOffset? _lastUtc;
    private double? _firstFlyTimeSeconds;
    private string? _lastFlightMode;
    private bool? _recording;
    private bool _cameraSeen;
    private double? _batteryPercent;
    private RemoteControlInput? _remoteControl;

    // What the records after the OSD add to its frame, kept in fields and put into the sample once when the frame is
    // flushed: a `with` per record copied the whole (several hundred bytes) sample each time.
    private double? _frameGimbalPitch;
    private double? _frameGimbalRoll;
    private double? _frameGimbalYaw;
    private DateTimeOffset? _frameTimeUtc;
    private double? _frameElapsed;
    private bool? _framePhoto;
    private bool? _frameRecording;
    private double? _frameBattery;
    private RemoteControlInput? _frameRemoteControl;
    private bool _homeSet;
    private double _homeLatitude;
    private double _homeLongitude;

    private const double NoFixDegrees = 1e-6;

    private void Dispatch(long pos, byte type, ReadOnlySpan<byte> body)
    {
        switch (type)
        {
            case FlightRecordType.Osd: OnOsd(pos, body); break;
            case FlightRecordType.Home: OnHome(pos, body); break;
            case FlightRecordType.Gimbal: OnGimbal(body); break;
            case FlightRecordType.Rc: OnRc(body); break;
            case FlightRecordType.RcDisplayField: OnRcDisplayField(body); break;
            case FlightRecordType.Custom: OnCustom(pos, body); break;
            case FlightRecordType.Camera: OnCamera(pos, body); break;
            case FlightRecordType.AppTip: OnAppText(pos, body, FlightEventKind.TextMessage, "tip"); break;
            case FlightRecordType.AppWarn: OnAppText(pos, body, FlightEventKind.Warning, "warning"); break;
            case FlightRecordType.AppSeriousWarn: OnAppText(pos, body, FlightEventKind.Error, "serious warning"); break;
            case FlightRecordType.SmartBattery: OnSmartBattery(body); break;
            case FlightRecordType.Recover: OnRecover(body); break;
            case FlightRecordType.ComponentSerial: OnComponentSerial(body); break;
            case FlightRecordType.KeyStorage: _sink.AddCounter(CounterGroup, "keyStorageRecords"); RequestCollector?.AddKeyStorage(body); break;
            case FlightRecordType.KeyStorageRecover: _cipher?.NextKeychain(); RequestCollector?.NextSection(); _sink.AddCounter(CounterGroup, "keychainSections"); break;
            default: break;
        }
    }

    private void OnOsd(long pos, ReadOnlySpan<byte> body)
    {
        FlushFrame();
        if (body.Length < 30)
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Corrupt, $"OSD record body of {body.Length} bytes is shorter than its 30 position/attitude bytes; no sample");
            return;
        }

        // §3.1: lon/lat f64 radians, height i16 dm above takeoff, speeds i16 dm/s (x north, y east, z down),
        // pitch/roll/yaw i16 0.1°.
        double lon = BinaryPrimitives.ReadDoubleLittleEndian(body) * RadiansToDegrees;
        double lat = BinaryPrimitives.ReadDoubleLittleEndian(body[8..]) * RadiansToDegrees;
        double height = BinaryPrimitives.ReadInt16LittleEndian(body[16..]) / 10.0;
        double north = BinaryPrimitives.ReadInt16LittleEndian(body[18..]) / 10.0;
        double east = BinaryPrimitives.ReadInt16LittleEndian(body[20..]) / 10.0;
        double down = BinaryPrimitives.ReadInt16LittleEndian(body[22..]) / 10.0;
        double pitch = BinaryPrimitives.ReadInt16LittleEndian(body[24..]) / 10.0;
        double roll = BinaryPrimitives.ReadInt16LittleEndian(body[26..]) / 10.0;
        double yaw = BinaryPrimitives.ReadInt16LittleEndian(body[28..]) / 10.0;

        double? latitude = lat, longitude = lon;
        if (!double.IsFinite(lat) || !double.IsFinite(lon) || Math.Abs(lat) > 90 || Math.Abs(lon) > 180)
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.InvalidValue, "OSD position outside the globe; left empty");
            latitude = longitude = null;
        }
        else if (Math.Abs(lat) < NoFixDegrees && Math.Abs(lon) < NoFixDegrees)
        {
            // Without a fix the aircraft writes (almost) 0/0, e.g. 2e-11 rad noise (chrisvm_mavic2_12): no position.
            latitude = longitude = null;
            _osdWithoutPosition++;
        }

        double groundSpeed = Math.Sqrt((north * north) + (east * east));
        double? course = groundSpeed > 0 ? NormalizeDegrees(Math.Atan2(east, north) * RadiansToDegrees) : null;

        string? mode = null;
        int? satellites = null;
        GpsFix? fix = null;
        double? battery = _batteryPercent;
        double? aboveGround = null;
        double? flyTime = null;
        if (body.Length >= 37)
        {
            mode = FlightRecordCodes.FlightMode(body[30]);
            bool ultrasonicWorking = (body[32] & 0x10) != 0;
            bool gpsUsed = (body[33] & 0x80) != 0;
            satellites = body[36];
            fix = gpsUsed ? GpsFix.Fix3D : GpsFix.NoFix;
            if (body.Length >= 44)
            {
                if (ultrasonicWorking)
                {
                    aboveGround = body[41] / 10.0;
                }

                flyTime = BinaryPrimitives.ReadUInt16LittleEndian(body[42..]) / 10.0;
            }
        }

        if (flyTime is double ft)
        {
            _firstFlyTimeSeconds ??= ft;
        }

        _frameGimbalPitch = _frameGimbalRoll = _frameGimbalYaw = null;
        _frameTimeUtc = null;
        _framePhoto = null;
        _frameRecording = _recording;
        _frameBattery = battery;
        _frameRemoteControl = _remoteControl;
        // Until a CUSTOM record gives wall-clock time, elapsed time comes from the OSD fly-time counter; after that
        // only from CUSTOM times (a frame without its own CUSTOM record has no time rather than a guessed one).
        _frameElapsed = _lastUtc is null && flyTime is double f && _firstFlyTimeSeconds is double f0 ? Math.Round(f - f0, 1) : null;
        _sample = new TelemetrySample
        {
            SourceOffset = pos,
            LatitudeDegrees = latitude,
            LongitudeDegrees = longitude,
            HeightAboveTakeoffMeters = height,
            HeightAboveGroundMeters = aboveGround,
            GroundSpeedMetersPerSecond = groundSpeed,
            VerticalSpeedMetersPerSecond = down == 0 ? 0 : -down,
            CourseDegrees = course,
            PitchDegrees = pitch,
            RollDegrees = roll,
            YawDegrees = yaw,
            Satellites = satellites,
            GpsFix = fix,
            FlightMode = mode,
        };
        _pending = true;

        if (mode is not null && !ReferenceEquals(mode, _lastFlightMode))
        {
            if (_lastFlightMode is not null)
            {
                _sink.AddEvent(new FlightEvent
                {
                    Kind = FlightEventKind.ModeChange,
                    Text = mode,
                    SourceOffset = pos,
                    TimeUtc = _lastUtc,
                    LatitudeDegrees = latitude,
                    LongitudeDegrees = longitude,
                    HeightAboveTakeoffMeters = height,
                });
            }

            _lastFlightMode = mode;
        }
    }

    private void FlushFrame()
    {
        if (!_pending)
        {
            return;
        }

        _pending = false;
        _sink.AddSample(_sample with
        {
            GimbalPitchDegrees = _frameGimbalPitch,
            GimbalRollDegrees = _frameGimbalRoll,
            GimbalYawDegrees = _frameGimbalYaw,
            TimeUtc = _frameTimeUtc,
            ElapsedSeconds = _frameElapsed,
            PhotoTaken = _framePhoto,
            IsRecordingVideo = _frameRecording,
            BatteryPercent = _frameBattery,
            RemoteControl = _frameRemoteControl,
        });
    }

    private void OnGimbal(ReadOnlySpan<byte> body)
    {
        if (!_pending || body.Length < 6)
        {
            return;
        }

        // §3.3: pitch, roll, yaw i16 0.1°; yaw is the camera's heading in the OSD yaw frame.
        _frameGimbalPitch = BinaryPrimitives.ReadInt16LittleEndian(body) / 10.0;
        _frameGimbalRoll = BinaryPrimitives.ReadInt16LittleEndian(body[2..]) / 10.0;
        _frameGimbalYaw = BinaryPrimitives.ReadInt16LittleEndian(body[4..]) / 10.0;
    }

    // DJI stick channels: raw 364 … 1684 with 1024 at the centre (dji-formats.md §3.6).
    private const double RcCentre = 1024;
    private const double RcRawPerPercent = 6.6;

    private static double RcPercent(ReadOnlySpan<byte> body, int offset) =>
        (BinaryPrimitives.ReadUInt16LittleEndian(body[offset..]) - RcCentre) / RcRawPerPercent;

    private void OnRc(ReadOnlySpan<byte> body)
    {
        // §3.6 (lvauvillier record/rc.rs): u16 aileron, elevator, throttle, rudder, gimbal; u8 wheel bits; u8 with
        // bit 3 return-home, bits 4–5 mode switch; u8 with bit 6 shutter, bit 7 record.
        if (body.Length < 10)
        {
            return;
        }

        bool flags = body.Length >= 13;
        SetRemoteControl(new RemoteControlInput
        {
            AileronPercent = RcPercent(body, 0),
            ElevatorPercent = RcPercent(body, 2),
            ThrottlePercent = RcPercent(body, 4),
            RudderPercent = RcPercent(body, 6),
            GimbalWheelPercent = RcPercent(body, 8),
            ModeSwitchPosition = flags ? (body[11] >> 4) & 0x03 : null,
            ReturnHomePressed = flags ? (body[11] & 0x08) != 0 : null,
            ShutterPressed = flags ? (body[12] & 0x40) != 0 : null,
            RecordPressed = flags ? (body[12] & 0x80) != 0 : null,
        });
    }

    private void OnRcDisplayField(ReadOnlySpan<byte> body)
    {
        // lvauvillier record/rc_display_field.rs: 7 unknown bytes, then the same five u16 channels as RC.
        if (body.Length < 17)
        {
            return;
        }

        SetRemoteControl(new RemoteControlInput
        {
            AileronPercent = RcPercent(body, 7),
            ElevatorPercent = RcPercent(body, 9),
            ThrottlePercent = RcPercent(body, 11),
            RudderPercent = RcPercent(body, 13),
            GimbalWheelPercent = RcPercent(body, 15),
        });
    }

    private void SetRemoteControl(RemoteControlInput input)
    {
        // Carried to later frames until the next RC record (RC records come at up to 10 Hz, not with every OSD).
        _remoteControl = input;
        if (_pending)
        {
            _frameRemoteControl = input;
        }
    }

    private void OnCustom(long pos, ReadOnlySpan<byte> body)
    {
        if (body.Length < 18)
        {
            return;
        }

        // §3.4: u8 photo event, u8 video event, f32 h-speed, f32 distance, i64 ms since epoch UTC @10.
        var time = FlightRecordDetails.PlausibleUtc(BinaryPrimitives.ReadInt64LittleEndian(body[10..]));
        if (time is DateTimeOffset t)
        {
            _lastUtc = t;
            _firstUtc ??= t;
        }

        bool photo = body[0] != 0;
        if (_pending)
        {
            _frameTimeUtc = time ?? _frameTimeUtc;
            // Elapsed from the first CUSTOM time, not the details start: a cut file (no details) gives the same values.
            _frameElapsed = time is DateTimeOffset u && _firstUtc is DateTimeOffset s ? (u - s).TotalSeconds : _frameElapsed;
            _framePhoto = photo || _framePhoto == true;
        }

        if (photo)
        {
            AddEventHere(pos, FlightEventKind.Photo, "photo", time);
        }

        // Byte 1: 1 = video recording started, 2 = stopped (verified against DROP's export of its v8 logs, whose
        // isVideo rows are exactly the byte-1 = 1 frames; recording spans up to the next 2).
        byte video = body[1];
        if (video is 1 or 2)
        {
            bool started = video == 1;
            AddEventHere(pos, started ? FlightEventKind.VideoStart : FlightEventKind.VideoStop, started ? "video recording started" : "video recording stopped", time);
            if (!_cameraSeen)
            {
                _recording = started;
                if (_pending)
                {
                    _frameRecording = started;
                }
            }
        }
        else if (video != 0)
        {
            _sink.AddCounter(CounterGroup, "customVideoEventOther");
        }
    }

    private void OnCamera(long pos, ReadOnlySpan<byte> body)
    {
        if (body.Length < 1)
        {
            return;
        }

        // §3.5: byte 0 bits 6–7 = recording state (non-zero while recording).
        // The state only: start/stop events come from the CUSTOM record's explicit event byte.
        bool recording = (body[0] & 0xC0) != 0;
        _cameraSeen = true;
        _recording = recording;
        if (_pending)
        {
            _frameRecording = recording;
        }
    }

    private void OnHome(long pos, ReadOnlySpan<byte> body)
    {
        if (body.Length < 21)
        {
            return;
        }

        // §3.2: lon/lat f64 radians; the altitude field is barometric and unreliable, so it is not used as MSL.
        double lon = BinaryPrimitives.ReadDoubleLittleEndian(body) * RadiansToDegrees;
        double lat = BinaryPrimitives.ReadDoubleLittleEndian(body[8..]) * RadiansToDegrees;
        bool recorded = (body[20] & 0x01) != 0;
        if (!recorded || !double.IsFinite(lat) || !double.IsFinite(lon) || Math.Abs(lat) > 90 || Math.Abs(lon) > 180 || (lat == 0 && lon == 0))
        {
            return;
        }

        if (_homeSet && Math.Abs(lat - _homeLatitude) < 1e-7 && Math.Abs(lon - _homeLongitude) < 1e-7)
        {
            return;
        }

        if (!_homeSet)
        {
            _sink.SetHome(new HomePoint(lat, lon) { TimeUtc = _lastUtc, SourceOffset = pos });
        }

        _homeSet = true;
        _homeLatitude = lat;
        _homeLongitude = lon;
        _sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.HomeSet,
            Text = "home point recorded",
            SourceOffset = pos,
            TimeUtc = _lastUtc,
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
        });
    }

    private void OnAppText(long pos, ReadOnlySpan<byte> body, FlightEventKind kind, string what)
    {
        string text = FlightRecordDetails.Text(body);
        if (text.Length == 0)
        {
            return;
        }

        _sink.AddCounter(CounterGroup, "app " + what + "s");
        AddEventHere(pos, kind, text, _lastUtc);
    }

    private void AddEventHere(long pos, FlightEventKind kind, string text, DateTimeOffset? time)
    {
        _sink.AddEvent(new FlightEvent
        {
            Kind = kind,
            Text = text,
            SourceOffset = pos,
            TimeUtc = time,
            ElapsedSeconds = _pending ? _frameElapsed : null,
            LatitudeDegrees = _pending && _sample.HasPosition ? _sample.LatitudeDegrees : null,
            LongitudeDegrees = _pending && _sample.HasPosition ? _sample.LongitudeDegrees : null,
            HeightAboveTakeoffMeters = _pending ? _sample.HeightAboveTakeoffMeters : null,
        });
    }

    private void OnSmartBattery(ReadOnlySpan<byte> body)
    {
        // lvauvillier record/smart_battery.rs: u8 charge percent at body offset 26 (about 1 Hz); OSD byte 40 is
        // not a percentage on the aircraft in the samples, so samples carry the latest SMART_BATTERY value.
        if (body.Length > 26 && body[26] <= 100)
        {
            _batteryPercent = body[26];
            if (_pending)
            {
                _frameBattery = _batteryPercent;
            }
        }
    }

    private void OnRecover(ReadOnlySpan<byte> body)
    {
        // §3.6: u8 product, u8 platform, u8[3] app version, aircraft SN (10 bytes to v7, then 16), name char[32].
        int serialLength = _version <= 7 ? 10 : 16;
        if (body.Length < 5 + serialLength + 32)
        {
            return;
        }

        _sink.AddVehicle(new VehicleIdentity
        {
            Model = FlightRecordCodes.ProductName(body[0]),
            AircraftSerial = NullIfEmpty(FlightRecordDetails.Text(body.Slice(5, serialLength))),
            AircraftName = NullIfEmpty(FlightRecordDetails.Text(body.Slice(5 + serialLength, 32))),
        });
    }

    private void OnComponentSerial(ReadOnlySpan<byte> body)
    {
        if (body.Length < 3)
        {
            return;
        }

        int component = BinaryPrimitives.ReadUInt16LittleEndian(body);
        int length = Math.Min(body[2], body.Length - 3);
        string serial = FlightRecordDetails.Text(body.Slice(3, length));
        if (serial.Length == 0)
        {
            return;
        }

        _sink.AddVehicle(component switch
        {
            1 => new VehicleIdentity { CameraSerial = serial },
            2 => new VehicleIdentity { AircraftSerial = serial },
            3 => new VehicleIdentity { RemoteControllerSerial = serial },
            4 => new VehicleIdentity { BatterySerial = serial },
            _ => VehicleIdentity.Empty,
        });
    }

    private static double NormalizeDegrees(double degrees)
    {
        double d = degrees % 360.0;
        return d < 0 ? d + 360.0 : d;
    }
}
