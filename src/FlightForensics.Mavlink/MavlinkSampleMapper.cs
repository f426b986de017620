using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;
using static FlightForensics.Mavlink.MavlinkUnits;

namespace FlightForensics.Mavlink;

/// <summary>
/// Position and state messages of the vehicle into samples: GLOBAL_POSITION_INT or GPS_RAW_INT gives a sample
/// (see <see cref="PositionSource"/>); attitude, speed, battery, gimbal and GPS messages update the vehicle's
/// latest state, attached to each sample. State of one decoding; not shared.
/// </summary>
internal sealed class MavlinkSampleMapper
{
    private readonly FlightLogSink _sink;
    private readonly MavlinkSystems _systems;
    private readonly MavlinkClock _clock;
    private PositionSource _positionSource;

    // Latest state of the vehicle, attached to each sample.
    private double? _roll, _pitch, _yaw, _gimbalRoll, _gimbalPitch, _gimbalYaw, _battery, _courseDeg, _hudGroundSpeed, _hudClimb;
    private int? _satellites;
    private GpsFix? _fix;
    private bool _photoPending;

    public MavlinkSampleMapper(FlightLogSink sink, MavlinkSystems systems, MavlinkClock clock, PositionSource positionSource)
    {
        _sink = sink;
        _systems = systems;
        _clock = clock;
        _positionSource = positionSource;
    }

    /// <summary>Flight mode named by the vehicle's HEARTBEATs, attached to each sample.</summary>
    public string? FlightMode { get; set; }

    /// <summary>A camera event was seen: the next sample says a photo was taken.</summary>
    public void MarkPhotoTaken() => _photoPending = true;

    public void OnAttitude(in MavlinkFrame frame)
    {
        if (_systems.IsVehicle(frame.SystemId) && frame.ComponentId == 1)
        {
            var v = new AttitudeView(frame.Payload);
            _roll = Degrees(v.Roll);
            _pitch = Degrees(v.Pitch);
            _yaw = Degrees(v.Yaw);
        }
    }

    public void OnVfrHud(in MavlinkFrame frame)
    {
        if (_systems.IsVehicle(frame.SystemId))
        {
            var v = new VfrHudView(frame.Payload);
            _hudGroundSpeed = Finite(v.Groundspeed);
            _hudClimb = Finite(v.Climb);
        }
    }

    public void OnSysStatus(in MavlinkFrame frame)
    {
        if (_systems.IsVehicle(frame.SystemId))
        {
            var remaining = new SysStatusView(frame.Payload).BatteryRemaining;
            _battery = remaining is >= 0 and <= 100 ? remaining : _battery;
        }
    }

    public void OnBatteryStatus(in MavlinkFrame frame)
    {
        if (_systems.IsVehicle(frame.SystemId))
        {
            var v = new BatteryStatusView(frame.Payload);
            if (v.Id == 0 && v.BatteryRemaining is >= 0 and <= 100)
            {
                _battery = v.BatteryRemaining;
            }
        }
    }

    public void OnMountStatus(in MavlinkFrame frame)
    {
        if (_systems.IsVehicle(frame.SystemId))
        {
            // pointing_a = pitch, pointing_b = roll (cdeg); pointing_c is yaw relative to the vehicle, not kept
            // because the model's gimbal yaw is absolute (research §8).
            var v = new MountStatusView(frame.Payload);
            _gimbalPitch = v.PointingA / 100.0;
            _gimbalRoll = v.PointingB / 100.0;
        }
    }

    public void OnGimbalAttitude(in MavlinkFrame frame)
    {
        if (_systems.IsVehicle(frame.SystemId))
        {
            ApplyGimbalAttitude(new GimbalDeviceAttitudeStatusView(frame.Payload));
        }
    }

    public void OnGlobalPosition(in MavlinkFrame frame, GlobalPositionIntView v, in MavlinkTiming time, long offset)
    {
        if (_positionSource == PositionSource.Undecided)
        {
            _positionSource = PositionSource.GlobalPositionInt;
            _sink.AddDiagnostic(offset, DiagnosticKind.Note, "first GLOBAL_POSITION_INT: samples come from it from here on (GPS_RAW_INT before)");
        }

        if (_positionSource != PositionSource.GlobalPositionInt || !_systems.AcceptPosition(frame, offset))
        {
            return;
        }

        double vx = v.Vx / 100.0, vy = v.Vy / 100.0;
        var bootMs = v.TimeBootMs;
        var sample = new TelemetrySample
        {
            TimeUtc = time.Utc ?? _clock.BootToUtc(bootMs),
            ElapsedSeconds = time.Elapsed ?? _clock.BootElapsed(bootMs),
            LatitudeDegrees = v.Lat / 1e7,
            LongitudeDegrees = v.Lon / 1e7,
            AltitudeMslMeters = v.Alt / 1000.0,
            HeightAboveTakeoffMeters = v.RelativeAlt / 1000.0,
            GroundSpeedMetersPerSecond = Math.Sqrt((vx * vx) + (vy * vy)),
            VerticalSpeedMetersPerSecond = -v.Vz / 100.0, // vz is positive down (NED)
            CourseDegrees = _courseDeg,
        };
        AddSample(sample, offset);
    }

    public void OnGpsRaw(in MavlinkFrame frame, GpsRawIntView v, in MavlinkTiming time, long offset)
    {
        if (!_systems.IsVehicle(frame.SystemId) && _systems.HasVehicle)
        {
            return;
        }

        _satellites = v.SatellitesVisible == 255 ? null : v.SatellitesVisible;
        _fix = v.FixType <= (byte)GpsFix.Ppp ? (GpsFix)v.FixType : null;
        _courseDeg = v.Cog == ushort.MaxValue ? null : v.Cog / 100.0;
        if (_positionSource == PositionSource.GlobalPositionInt || !_systems.AcceptPosition(frame, offset))
        {
            return;
        }

        var sample = new TelemetrySample
        {
            TimeUtc = time.Utc,
            ElapsedSeconds = time.Elapsed,
            LatitudeDegrees = v.Lat / 1e7,
            LongitudeDegrees = v.Lon / 1e7,
            AltitudeMslMeters = v.Alt / 1000.0,
            GroundSpeedMetersPerSecond = v.Vel == ushort.MaxValue ? _hudGroundSpeed : v.Vel / 100.0,
            VerticalSpeedMetersPerSecond = _hudClimb,
            CourseDegrees = _courseDeg,
        };
        AddSample(sample, offset);
    }

    private void AddSample(TelemetrySample sample, long offset)
    {
        _sink.AddSample(sample with
        {
            GroundSpeedMetersPerSecond = sample.GroundSpeedMetersPerSecond ?? _hudGroundSpeed,
            VerticalSpeedMetersPerSecond = sample.VerticalSpeedMetersPerSecond ?? _hudClimb,
            RollDegrees = _roll,
            PitchDegrees = _pitch,
            YawDegrees = _yaw,
            GimbalRollDegrees = _gimbalRoll,
            GimbalPitchDegrees = _gimbalPitch,
            GimbalYawDegrees = _gimbalYaw,
            Satellites = _satellites,
            GpsFix = _fix,
            BatteryPercent = _battery,
            FlightMode = FlightMode,
            PhotoTaken = _photoPending ? true : null,
            SourceOffset = offset,
        });
        _photoPending = false;
    }

    private void ApplyGimbalAttitude(GimbalDeviceAttitudeStatusView v)
    {
        // Yaw is absolute only with GIMBAL_DEVICE_FLAGS_YAW_IN_EARTH_FRAME (64).
        if (TryEuler(v.GetQ(0), v.GetQ(1), v.GetQ(2), v.GetQ(3), out var roll, out var pitch, out var yaw))
        {
            _gimbalRoll = roll;
            _gimbalPitch = pitch;
            _gimbalYaw = (v.Flags & 64) != 0 ? yaw : null;
        }
    }
}
