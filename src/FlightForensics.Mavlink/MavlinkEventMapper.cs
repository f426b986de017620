using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;
using static FlightForensics.Mavlink.MavlinkUnits;

namespace FlightForensics.Mavlink;

/// <summary>
/// Messages that are events into the telemetry model: the vehicle's identity, mode and arming (HEARTBEAT,
/// AUTOPILOT_VERSION), home, photos (CAMERA_FEEDBACK, CAMERA_IMAGE_CAPTURED, CAMERA_TRIGGER), mission items and
/// STATUSTEXT (chunks joined). State of one decoding; not shared.
/// </summary>
internal sealed class MavlinkEventMapper
{
    private const int MaxPendingTexts = 16;
    private const int MaxTextChunks = 40;

    private readonly FlightLogSink _sink;
    private readonly MavlinkSystems _systems;
    private readonly MavlinkSampleMapper _samples;
    private readonly Dictionary<long, PendingText> _pendingTexts = [];
    private uint? _customMode;
    private byte? _baseMode;
    private bool? _armed;
    private (int Lat, int Lon, int Alt)? _home;
    private bool _identityFromVersion;
    private byte _vehicleAutopilot, _vehicleType;

    public MavlinkEventMapper(FlightLogSink sink, MavlinkSystems systems, MavlinkSampleMapper samples)
    {
        _sink = sink;
        _systems = systems;
        _samples = samples;
    }

    public void OnHeartbeat(in MavlinkFrame frame, HeartbeatView v, in MavlinkTiming time, long offset)
    {
        if (!_systems.OnHeartbeat(frame, v))
        {
            return;
        }

        if (_vehicleType != v.Type || _vehicleAutopilot != v.Autopilot)
        {
            _vehicleType = v.Type;
            _vehicleAutopilot = v.Autopilot;
            _sink.AddVehicle(new VehicleIdentity
            {
                Autopilot = v.Autopilot switch
                {
                    MavlinkModes.AutopilotArduPilot => "ArduPilot",
                    MavlinkModes.AutopilotPx4 => "PX4",
                    _ => MavlinkModes.EnumShortName("MAV_AUTOPILOT", v.Autopilot),
                },
                VehicleType = MavlinkModes.EnumShortName("MAV_TYPE", v.Type),
                SystemId = frame.SystemId,
            });
        }

        bool customValid = (v.BaseMode & MavlinkModes.BaseModeCustom) != 0 || v.Autopilot == MavlinkModes.AutopilotArduPilot;
        if (customValid && (_customMode != v.CustomMode || _samples.FlightMode is null))
        {
            var name = MavlinkModes.Name(v.Autopilot, v.Type, v.CustomMode);
            _sink.AddEvent(new FlightEvent
            {
                Kind = FlightEventKind.ModeChange,
                TimeUtc = time.Utc,
                ElapsedSeconds = time.Elapsed,
                SourceOffset = offset,
                Text = _samples.FlightMode is null ? "mode " + name : "mode " + _samples.FlightMode + " -> " + name,
            });
            _samples.FlightMode = name;
            _customMode = v.CustomMode;
        }

        bool armed = (v.BaseMode & MavlinkModes.BaseModeArmed) != 0;
        if (_armed != armed && (_armed is not null || armed))
        {
            _sink.AddEvent(new FlightEvent
            {
                Kind = armed ? FlightEventKind.Arm : FlightEventKind.Disarm,
                TimeUtc = time.Utc,
                ElapsedSeconds = time.Elapsed,
                SourceOffset = offset,
                Text = armed ? "armed" : "disarmed",
            });
        }

        _armed = armed;
        _baseMode = v.BaseMode;
    }

    public void OnCameraFeedback(in MavlinkFrame frame, in MavlinkTiming time, long offset)
    {
        var v = new CameraFeedbackView(frame.Payload);
        _samples.MarkPhotoTaken();
        _sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.Photo,
            TimeUtc = time.Utc,
            ElapsedSeconds = time.Elapsed,
            SourceOffset = offset,
            LatitudeDegrees = v.Lat / 1e7,
            LongitudeDegrees = v.Lng / 1e7,
            AltitudeMslMeters = Finite(v.AltMsl),
            HeightAboveTakeoffMeters = Finite(v.AltRel),
            // Only the yaw is taken as the camera's: ArduPilot fills roll and pitch with the vehicle's attitude
            // (AP_Camera feedback copies the AHRS angles), which says nothing of where a gimbal pointed.
            CameraYawDegrees = Finite(v.Yaw),
            Text = string.Create(CultureInfo.InvariantCulture,
                $"CAMERA_FEEDBACK image {v.ImgIdx} camera {v.CamIdx} from {frame.SystemId}/{frame.ComponentId}: roll {v.Roll:0.##} pitch {v.Pitch:0.##} yaw {v.Yaw:0.##} deg, focal length {v.FocLen:0.##} mm"),
        });
    }

    public void OnCameraImageCaptured(in MavlinkFrame frame, in MavlinkTiming time, long offset)
    {
        var v = new CameraImageCapturedView(frame.Payload);
        _samples.MarkPhotoTaken();
        var url = MavlinkFields.Text(v.FileUrl);
        var hasAttitude = TryEuler(v.GetQ(0), v.GetQ(1), v.GetQ(2), v.GetQ(3), out var cr, out var cp, out var cy);
        var attitude = hasAttitude
            ? string.Create(CultureInfo.InvariantCulture, $", camera roll {cr:0.##} pitch {cp:0.##} yaw {cy:0.##} deg")
            : "";
        _sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.Photo,
            TimeUtc = time.Utc,
            ElapsedSeconds = time.Elapsed,
            SourceOffset = offset,
            LatitudeDegrees = v.Lat / 1e7,
            LongitudeDegrees = v.Lon / 1e7,
            AltitudeMslMeters = v.Alt / 1000.0,
            HeightAboveTakeoffMeters = v.RelativeAlt / 1000.0,
            // The camera's own orientation quaternion (MAVLink common.xml CAMERA_IMAGE_CAPTURED.q).
            CameraRollDegrees = hasAttitude ? cr : null,
            CameraPitchDegrees = hasAttitude ? cp : null,
            CameraYawDegrees = hasAttitude ? cy : null,
            Text = string.Create(CultureInfo.InvariantCulture,
                $"CAMERA_IMAGE_CAPTURED image {v.ImageIndex} from {frame.SystemId}/{frame.ComponentId}, result {v.CaptureResult}{attitude}{(url.Length > 0 ? ", " + url : "")}"),
        });
    }

    public void OnCameraTrigger(in MavlinkFrame frame, in MavlinkTiming time, long offset)
    {
        var v = new CameraTriggerView(frame.Payload);
        _samples.MarkPhotoTaken();
        _sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.Photo,
            TimeUtc = time.Utc,
            ElapsedSeconds = time.Elapsed,
            SourceOffset = offset,
            Text = string.Create(CultureInfo.InvariantCulture, $"CAMERA_TRIGGER seq {v.Seq} from {frame.SystemId}/{frame.ComponentId}"),
        });
    }

    public void OnMissionItemInt(in MavlinkFrame frame, in MavlinkTiming time, long offset)
    {
        var v = new MissionItemIntView(frame.Payload);
        AddMissionItem(frame, time, offset, v.Seq, v.Command, v.Frame, v.X / 1e7, v.Y / 1e7, v.Z);
    }

    public void OnMissionItem(in MavlinkFrame frame, in MavlinkTiming time, long offset)
    {
        var v = new MissionItemView(frame.Payload);
        AddMissionItem(frame, time, offset, v.Seq, v.Command, v.Frame, v.X, v.Y, v.Z);
    }

    public void OnAutopilotVersion(in MavlinkFrame frame)
    {
        if (_systems.IsVehicle(frame.SystemId))
        {
            SetVehicleFromVersion(frame, new AutopilotVersionView(frame.Payload));
        }
    }

    public void OnHome(in MavlinkFrame frame, HomePositionView v, in MavlinkTiming time, long offset)
    {
        if (!_systems.IsVehicle(frame.SystemId))
        {
            return;
        }

        var key = (v.Latitude, v.Longitude, v.Altitude);
        if (_home == key)
        {
            return;
        }

        _home = key;
        double lat = v.Latitude / 1e7, lon = v.Longitude / 1e7, alt = v.Altitude / 1000.0;
        _sink.SetHome(new HomePoint(lat, lon) { AltitudeMslMeters = alt, TimeUtc = time.Utc, SourceOffset = offset });
        _sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.HomeSet,
            TimeUtc = time.Utc,
            ElapsedSeconds = time.Elapsed,
            SourceOffset = offset,
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            AltitudeMslMeters = alt,
            Text = string.Create(CultureInfo.InvariantCulture, $"HOME_POSITION {lat:0.0000000}, {lon:0.0000000}, {alt:0.###} m MSL"),
        });
    }

    public void OnStatusText(in MavlinkFrame frame, StatustextView v, in MavlinkTiming time, long offset)
    {
        var text = MavlinkFields.Text(v.Text);
        bool fromVehicle = _systems.IsVehicle(frame.SystemId) && _systems.HasVehicle;

        // MAVLink 2 long texts come in 50-character chunks sharing a non-zero id; the last chunk is shorter
        // (NUL-terminated). Chunks are joined (at most MaxTextChunks per text, MaxPendingTexts texts at once).
        if (v.Id != 0)
        {
            long key = ((long)frame.SystemId << 24) | ((long)frame.ComponentId << 16) | v.Id;
            if (!_pendingTexts.TryGetValue(key, out var pending))
            {
                if (_pendingTexts.Count >= MaxPendingTexts)
                {
                    FlushTexts();
                }

                pending = new PendingText(offset, time, v.Severity, frame.SystemId, frame.ComponentId, fromVehicle);
                _pendingTexts[key] = pending;
            }

            pending.Text.Append(text);
            pending.Chunks++;
            if (v.Text.Length == 50 && !v.Text.Contains((byte)0) && pending.Chunks < MaxTextChunks)
            {
                return;
            }

            _pendingTexts.Remove(key);
            EmitText(pending.Text.ToString(), pending.Severity, pending.SystemId, pending.ComponentId, pending.FromVehicle, pending.Time, pending.Offset);
            return;
        }

        EmitText(text, v.Severity, frame.SystemId, frame.ComponentId, fromVehicle, time, offset);
    }

    public void FlushTexts()
    {
        foreach (var p in _pendingTexts.Values.OrderBy(p => p.Offset))
        {
            EmitText(p.Text.ToString(), p.Severity, p.SystemId, p.ComponentId, p.FromVehicle, p.Time, p.Offset);
        }

        _pendingTexts.Clear();
    }

    private void EmitText(string text, byte severity, byte systemId, byte componentId, bool fromVehicle, in MavlinkTiming time, long offset)
    {
        var kind = severity <= 3 ? FlightEventKind.Error : severity == 4 ? FlightEventKind.Warning : FlightEventKind.TextMessage;
        _sink.AddEvent(new FlightEvent
        {
            Kind = kind,
            TimeUtc = time.Utc,
            ElapsedSeconds = time.Elapsed,
            SourceOffset = offset,
            Text = fromVehicle ? text : string.Create(CultureInfo.InvariantCulture, $"[{systemId}/{componentId}] {text}"),
        });

        // "ArduCopter V4.1.1 (01d1aa1e)" names the firmware when AUTOPILOT_VERSION is absent.
        if (fromVehicle && !_identityFromVersion && text.StartsWith("Ardu", StringComparison.Ordinal) && text.Contains(" V", StringComparison.Ordinal))
        {
            _sink.AddVehicle(new VehicleIdentity { FirmwareVersion = text });
        }
    }

    private sealed class PendingText(long offset, MavlinkTiming time, byte severity, byte systemId, byte componentId, bool fromVehicle)
    {
        public long Offset { get; } = offset;
        public MavlinkTiming Time { get; } = time;
        public byte Severity { get; } = severity;
        public byte SystemId { get; } = systemId;
        public byte ComponentId { get; } = componentId;
        public bool FromVehicle { get; } = fromVehicle;
        public System.Text.StringBuilder Text { get; } = new();
        public int Chunks { get; set; }
    }

    private void AddMissionItem(in MavlinkFrame frame, in MavlinkTiming time, long offset, ushort seq, ushort command, byte missionFrame, double x, double y, float z)
    {
        // MAV_FRAME: 0/5 global (AMSL), 3/6 relative to home, 10/11 above terrain.
        bool global = missionFrame is 0 or 3 or 5 or 6 or 10 or 11;
        bool hasPosition = global && !(x == 0 && y == 0) && Math.Abs(x) <= 90 && Math.Abs(y) <= 180;
        _sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.MissionItem,
            TimeUtc = time.Utc,
            ElapsedSeconds = time.Elapsed,
            SourceOffset = offset,
            LatitudeDegrees = hasPosition ? x : null,
            LongitudeDegrees = hasPosition ? y : null,
            AltitudeMslMeters = hasPosition && missionFrame is 0 or 5 ? z : null,
            HeightAboveTakeoffMeters = hasPosition && missionFrame is 3 or 6 ? z : null,
            Text = string.Create(CultureInfo.InvariantCulture,
                $"{frame.MessageName} seq {seq} {MavlinkModes.EnumShortName("MAV_CMD", command)} frame {MavlinkModes.EnumShortName("MAV_FRAME", missionFrame)} z {z:0.###} from {frame.SystemId}/{frame.ComponentId}"),
        });
    }

    private void SetVehicleFromVersion(in MavlinkFrame frame, AutopilotVersionView v)
    {
        uint sw = v.FlightSwVersion;
        var type = MavlinkModes.EnumShortName("FIRMWARE_VERSION_TYPE", sw & 0xFF);
        var custom = v.FlightCustomVersion;
        var hash = custom.IndexOfAnyExcept((byte)0) >= 0 ? " " + MavlinkFields.Text(custom) : "";
        _identityFromVersion = true;
        _sink.SetVehicle(new VehicleIdentity
        {
            FirmwareVersion = string.Create(CultureInfo.InvariantCulture, $"{sw >> 24}.{(sw >> 16) & 0xFF}.{(sw >> 8) & 0xFF} {type}{hash}"),
            FlightControllerSerial = v.Uid != 0 ? v.Uid.ToString("x16", CultureInfo.InvariantCulture) : null,
            SystemId = frame.SystemId,
        });
    }
}
