using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Mavlink;

/// <summary>How the decoder picks the message that gives one sample (contract: "position source per format").</summary>
internal enum PositionSource
{
    /// <summary>GLOBAL_POSITION_INT of the vehicle.</summary>
    GlobalPositionInt,
    /// <summary>GPS_RAW_INT: the input has no GLOBAL_POSITION_INT.</summary>
    GpsRawInt,
    /// <summary>Not known in advance (live or non-seekable input): GPS_RAW_INT until the first GLOBAL_POSITION_INT.</summary>
    Undecided,
}

/// <summary>
/// Maps MAVLink packets of one input into the telemetry model. State of one decoding; not shared.
/// Systems are kept apart by system id: samples, modes and arming come from the vehicle (the first
/// system that sends an autopilot HEARTBEAT, or failing that a position); ground stations (MAV_TYPE_GCS)
/// and other systems only contribute counted records and text events.
/// </summary>
internal sealed class MavlinkDecodeSession : IMavlinkReadHandler
{
    private const string Group = "mavlink";

    // Plausible tlog times: 2001..2096 in µs since the UNIX epoch (research §5: sanity-check byte order).
    private const ulong MinPlausibleMicroseconds = 1_000_000_000_000_000UL;
    private const ulong MaxPlausibleMicroseconds = 4_000_000_000_000_000UL;

    private static readonly bool[] s_usesTime = UsesTime();
    private const int MaxPendingTexts = 16;
    private const int MaxTextChunks = 40;

    private readonly FlightLogSink _sink;
    private readonly MavlinkFraming _framing;
    private readonly byte[]? _signingKey;
    private readonly long[] _countsByMessage = new long[MavlinkDialect.Messages.Count];
    private readonly short[] _lastSequence = new short[65536];
    private readonly HashSet<int> _gcsSystems = [];
    private readonly Dictionary<int, string> _sourceNames = [];
    private readonly Dictionary<long, PendingText> _pendingTexts = [];
    private readonly HashSet<int> _signedStreamsSeen = [];
    private PositionSource _positionSource;

    private long _v1, _v2, _signed, _signaturesValid, _signaturesInvalid, _sequenceLost, _unknownPackets, _samplesFromOtherSystems;
    private int? _vehicleSystemId;
    private bool _timeNoteGiven, _otherSystemNoteGiven, _unixStartSeen;
    private ulong? _firstTimestampUs;
    private long? _unixMinusBootUs;
    private uint? _firstBootMs;

    // Latest state of the vehicle, attached to each sample.
    private double? _roll, _pitch, _yaw, _gimbalRoll, _gimbalPitch, _gimbalYaw, _battery, _courseDeg, _hudGroundSpeed, _hudClimb;
    private int? _satellites;
    private GpsFix? _fix;
    private string? _mode;
    private uint? _customMode;
    private byte? _baseMode;
    private bool? _armed;
    private bool _photoPending;
    private (int Lat, int Lon, int Alt)? _home;
    private bool _identityFromVersion;
    private byte _vehicleAutopilot, _vehicleType;

    public MavlinkDecodeSession(FlightLogSink sink, DecodeOptions options, MavlinkFraming framing, PositionSource positionSource)
    {
        _sink = sink;
        _framing = framing;
        _positionSource = positionSource;
        _signingKey = options.MavlinkSigningKey is { } key ? key.ToArray() : null;
        Array.Fill(_lastSequence, (short)-1);
    }

    public void Handle(in MavlinkReadResult result, long streamOffset)
    {
        long offset = streamOffset + result.Offset;
        switch (result.Kind)
        {
            case MavlinkReadKind.Packet:
                OnPacket(result.Frame, offset, result.TlogTimestampMicroseconds);
                break;
            case MavlinkReadKind.UnknownPacket:
                _unknownPackets++;
                _sink.UnknownRecord(offset, result.Frame.MessageName, result.Length);
                break;
            case MavlinkReadKind.CrcFailure:
                _sink.AddDiagnostic(offset, DiagnosticKind.Crc,
                    string.Create(CultureInfo.InvariantCulture,
                        $"checksum mismatch in a candidate {result.Frame.MessageName} packet (v{(int)result.Frame.Version}, length {result.Frame.PayloadLength}); resynchronising from the next byte"),
                    result.Length);
                break;
            case MavlinkReadKind.UnsupportedFlags:
                _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{result.Frame.MessageName} packet with unknown incompatibility flags 0x{result.Frame.IncompatFlags:x2} discarded (MAVLink 2 rule)"),
                    result.Length);
                break;
            case MavlinkReadKind.Skipped:
                _sink.AddDiagnostic(offset, DiagnosticKind.Resync,
                    string.Create(CultureInfo.InvariantCulture, $"{result.Length} byte(s) skipped that are not part of a valid {(_framing == MavlinkFraming.Tlog ? "tlog record" : "packet")}{ZeroNote(result.ZeroBytes, result.Length)}"),
                    result.Length);
                break;
            case MavlinkReadKind.Truncated:
                _sink.AddDiagnostic(offset, DiagnosticKind.Truncated,
                    string.Create(CultureInfo.InvariantCulture, $"input ends inside a record ({result.Length} byte(s) left over{ZeroNote(result.ZeroBytes, result.Length)})"),
                    result.Length);
                break;
            default:
                break;
        }
    }

    /// <summary>Hands the totals to the sink once the input is exhausted.</summary>
    public void Finish()
    {
        FlushTexts();
        var messages = MavlinkDialect.Messages;
        for (int i = 0; i < _countsByMessage.Length; i++)
        {
            if (_countsByMessage[i] > 0)
            {
                _sink.CountRecord(messages[i].Name, _countsByMessage[i]);
            }
        }

        _sink.AddCounter(Group, "v1", _v1);
        _sink.AddCounter(Group, "v2", _v2);
        _sink.AddCounter(Group, "signed", _signed);
        if (_signingKey is not null)
        {
            _sink.AddCounter(Group, "signaturesValid", _signaturesValid);
            _sink.AddCounter(Group, "signaturesInvalid", _signaturesInvalid);
        }

        _sink.AddCounter(Group, "unknownMessageIds", _unknownPackets);
        _sink.AddCounter(Group, "sequenceLost", _sequenceLost);
        if (_samplesFromOtherSystems > 0)
        {
            _sink.AddCounter(Group, "positionsFromOtherSystems", _samplesFromOtherSystems);
        }

        if (_v1 + _v2 > 0)
        {
            var version = _v1 > 0 && _v2 > 0 ? "MAVLink 1+2" : _v2 > 0 ? "MAVLink 2" : "MAVLink 1";
            _sink.SetFormatVersion(_signed > 0 ? version + " (signed packets)" : version);
        }
    }

    private void OnPacket(in MavlinkFrame frame, long offset, ulong tlogTimestampUs)
    {
        var info = frame.Message!;
        _countsByMessage[info.Index]++;
        if (frame.Version == MavlinkVersion.V2)
        {
            _v2++;
            if (frame.IsSigned)
            {
                OnSigned(frame, offset);
            }
        }
        else
        {
            _v1++;
        }

        int source = (frame.SystemId << 8) | frame.ComponentId;
        short last = _lastSequence[source];
        if (last >= 0)
        {
            _sequenceLost += (frame.Sequence - last - 1) & 0xFF;
        }

        _lastSequence[source] = frame.Sequence;

        // Record time only where a sample or event needs it (and once for the log's start): most packets don't.
        uint id = frame.MessageId;
        var time = (id < (uint)s_usesTime.Length && s_usesTime[id]) || (_firstTimestampUs is null && _framing == MavlinkFraming.Tlog)
            ? Time(tlogTimestampUs, offset)
            : default;
        var payload = frame.Payload;
        switch (id)
        {
            case MavlinkMessageId.Heartbeat:
                OnHeartbeat(frame, new HeartbeatView(payload), time, offset);
                break;
            case MavlinkMessageId.SystemTime:
                {
                    var v = new SystemTimeView(payload);
                    if (v.TimeUnixUsec > MinPlausibleMicroseconds && v.TimeUnixUsec < MaxPlausibleMicroseconds && IsVehicle(frame.SystemId))
                    {
                        _unixMinusBootUs = (long)v.TimeUnixUsec - (v.TimeBootMs * 1000L);
                    }

                    break;
                }

            case MavlinkMessageId.GlobalPositionInt:
                OnGlobalPosition(frame, new GlobalPositionIntView(payload), time, offset);
                break;
            case MavlinkMessageId.GpsRawInt:
                OnGpsRaw(frame, new GpsRawIntView(payload), time, offset);
                break;
            case MavlinkMessageId.Attitude:
                if (IsVehicle(frame.SystemId) && frame.ComponentId == 1)
                {
                    var v = new AttitudeView(payload);
                    _roll = Degrees(v.Roll);
                    _pitch = Degrees(v.Pitch);
                    _yaw = Degrees(v.Yaw);
                }

                break;
            case MavlinkMessageId.VfrHud:
                if (IsVehicle(frame.SystemId))
                {
                    var v = new VfrHudView(payload);
                    _hudGroundSpeed = Finite(v.Groundspeed);
                    _hudClimb = Finite(v.Climb);
                }

                break;
            case MavlinkMessageId.SysStatus:
                if (IsVehicle(frame.SystemId))
                {
                    var remaining = new SysStatusView(payload).BatteryRemaining;
                    _battery = remaining is >= 0 and <= 100 ? remaining : _battery;
                }

                break;
            case MavlinkMessageId.BatteryStatus:
                if (IsVehicle(frame.SystemId))
                {
                    var v = new BatteryStatusView(payload);
                    if (v.Id == 0 && v.BatteryRemaining is >= 0 and <= 100)
                    {
                        _battery = v.BatteryRemaining;
                    }
                }

                break;
            case MavlinkMessageId.MountStatus:
                if (IsVehicle(frame.SystemId))
                {
                    // pointing_a = pitch, pointing_b = roll (cdeg); pointing_c is yaw relative to the vehicle, not kept
                    // because the model's gimbal yaw is absolute (research §8).
                    var v = new MountStatusView(payload);
                    _gimbalPitch = v.PointingA / 100.0;
                    _gimbalRoll = v.PointingB / 100.0;
                }

                break;
            case MavlinkMessageId.GimbalDeviceAttitudeStatus:
                if (IsVehicle(frame.SystemId))
                {
                    OnGimbalAttitude(new GimbalDeviceAttitudeStatusView(payload));
                }

                break;
            case MavlinkMessageId.HomePosition:
                OnHome(frame, new HomePositionView(payload), time, offset);
                break;
            case MavlinkMessageId.Statustext:
                OnStatusText(frame, new StatustextView(payload), time, offset);
                break;
            case MavlinkMessageId.CameraFeedback:
                {
                    var v = new CameraFeedbackView(payload);
                    _photoPending = true;
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
                    break;
                }

            case MavlinkMessageId.CameraImageCaptured:
                {
                    var v = new CameraImageCapturedView(payload);
                    _photoPending = true;
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
                    break;
                }

            case MavlinkMessageId.CameraTrigger:
                {
                    var v = new CameraTriggerView(payload);
                    _photoPending = true;
                    _sink.AddEvent(new FlightEvent
                    {
                        Kind = FlightEventKind.Photo,
                        TimeUtc = time.Utc,
                        ElapsedSeconds = time.Elapsed,
                        SourceOffset = offset,
                        Text = string.Create(CultureInfo.InvariantCulture, $"CAMERA_TRIGGER seq {v.Seq} from {frame.SystemId}/{frame.ComponentId}"),
                    });
                    break;
                }

            case MavlinkMessageId.MissionItemInt:
                {
                    var v = new MissionItemIntView(payload);
                    AddMissionItem(frame, time, offset, v.Seq, v.Command, v.Frame, v.X / 1e7, v.Y / 1e7, v.Z);
                    break;
                }

            case MavlinkMessageId.MissionItem:
                {
                    var v = new MissionItemView(payload);
                    AddMissionItem(frame, time, offset, v.Seq, v.Command, v.Frame, v.X, v.Y, v.Z);
                    break;
                }

            case MavlinkMessageId.AutopilotVersion:
                if (IsVehicle(frame.SystemId))
                {
                    OnAutopilotVersion(frame, new AutopilotVersionView(payload));
                }

                break;
            default:
                break;
        }
    }

    private void OnSigned(in MavlinkFrame frame, long offset)
    {
        _signed++;
        bool? valid = null;
        if (_signingKey is not null)
        {
            valid = MavlinkSigning.Verify(frame, _signingKey);
            if (valid == true)
            {
                _signaturesValid++;
            }
            else
            {
                _signaturesInvalid++;
                _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt,
                    string.Create(CultureInfo.InvariantCulture, $"signature of {frame.MessageName} from {frame.SystemId}/{frame.ComponentId} does not match the given signing key"));
            }
        }

        // The signing timestamp is an independent clock of the sender: state it once per stream.
        int stream = (frame.SystemId << 16) | (frame.ComponentId << 8) | frame.SignatureLinkId;
        if (_signedStreamsSeen.Add(stream))
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.Note,
                string.Create(CultureInfo.InvariantCulture,
                    $"first signed packet from {frame.SystemId}/{frame.ComponentId} link {frame.SignatureLinkId}: {frame.MessageName}, signing time {frame.SignatureTimeUtc:yyyy-MM-dd'T'HH:mm:ss.ffZ}, signature {(valid is null ? "not verified (no key given)" : valid.Value ? "valid" : "INVALID")}"));
        }
    }

    private void OnHeartbeat(in MavlinkFrame frame, HeartbeatView v, in Timing time, long offset)
    {
        // HEARTBEATs per sender "sysid/compid TYPE AUTOPILOT" (the type first seen): who was on the link.
        int source = (frame.SystemId << 8) | frame.ComponentId;
        if (!_sourceNames.TryGetValue(source, out var sourceName))
        {
            sourceName = string.Create(CultureInfo.InvariantCulture,
                $"{frame.SystemId}/{frame.ComponentId} {MavlinkModes.EnumShortName("MAV_TYPE", v.Type)} {MavlinkModes.EnumShortName("MAV_AUTOPILOT", v.Autopilot)}");
            _sourceNames[source] = sourceName;
        }

        _sink.AddCounter("mavlink-sources", sourceName);

        if (v.Type == MavlinkModes.TypeGcs)
        {
            _gcsSystems.Add(frame.SystemId);
            return;
        }

        if (v.Autopilot == MavlinkModes.AutopilotInvalid)
        {
            return;
        }

        if (_vehicleSystemId is null)
        {
            _vehicleSystemId = frame.SystemId;
        }
        else if (_vehicleSystemId != frame.SystemId)
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
        if (customValid && (_customMode != v.CustomMode || _mode is null))
        {
            var name = MavlinkModes.Name(v.Autopilot, v.Type, v.CustomMode);
            _sink.AddEvent(new FlightEvent
            {
                Kind = FlightEventKind.ModeChange,
                TimeUtc = time.Utc,
                ElapsedSeconds = time.Elapsed,
                SourceOffset = offset,
                Text = _mode is null ? "mode " + name : "mode " + _mode + " -> " + name,
            });
            _mode = name;
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

    private void OnGlobalPosition(in MavlinkFrame frame, GlobalPositionIntView v, in Timing time, long offset)
    {
        if (_positionSource == PositionSource.Undecided)
        {
            _positionSource = PositionSource.GlobalPositionInt;
            _sink.AddDiagnostic(offset, DiagnosticKind.Note, "first GLOBAL_POSITION_INT: samples come from it from here on (GPS_RAW_INT before)");
        }

        if (_positionSource != PositionSource.GlobalPositionInt || !AcceptPosition(frame, offset))
        {
            return;
        }

        double vx = v.Vx / 100.0, vy = v.Vy / 100.0;
        var bootMs = v.TimeBootMs;
        var sample = new TelemetrySample
        {
            TimeUtc = time.Utc ?? BootToUtc(bootMs),
            ElapsedSeconds = time.Elapsed ?? BootElapsed(bootMs),
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

    private void OnGpsRaw(in MavlinkFrame frame, GpsRawIntView v, in Timing time, long offset)
    {
        if (!IsVehicle(frame.SystemId) && _vehicleSystemId is not null)
        {
            return;
        }

        _satellites = v.SatellitesVisible == 255 ? null : v.SatellitesVisible;
        _fix = v.FixType <= (byte)GpsFix.Ppp ? (GpsFix)v.FixType : null;
        _courseDeg = v.Cog == ushort.MaxValue ? null : v.Cog / 100.0;
        if (_positionSource == PositionSource.GlobalPositionInt || !AcceptPosition(frame, offset))
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

    private bool AcceptPosition(in MavlinkFrame frame, long offset)
    {
        if (_gcsSystems.Contains(frame.SystemId))
        {
            return false;
        }

        _vehicleSystemId ??= frame.SystemId;
        if (_vehicleSystemId == frame.SystemId)
        {
            return true;
        }

        _samplesFromOtherSystems++;
        if (!_otherSystemNoteGiven)
        {
            _otherSystemNoteGiven = true;
            _sink.AddDiagnostic(offset, DiagnosticKind.Note, string.Create(CultureInfo.InvariantCulture,
                $"positions from system {frame.SystemId} are not samples: the vehicle is system {_vehicleSystemId} (counted under mavlink.positionsFromOtherSystems)"));
        }

        return false;
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
            FlightMode = _mode,
            PhotoTaken = _photoPending ? true : null,
            SourceOffset = offset,
        });
        _photoPending = false;
    }

    private void OnGimbalAttitude(GimbalDeviceAttitudeStatusView v)
    {
        // Yaw is absolute only with GIMBAL_DEVICE_FLAGS_YAW_IN_EARTH_FRAME (64).
        if (TryEuler(v.GetQ(0), v.GetQ(1), v.GetQ(2), v.GetQ(3), out var roll, out var pitch, out var yaw))
        {
            _gimbalRoll = roll;
            _gimbalPitch = pitch;
            _gimbalYaw = (v.Flags & 64) != 0 ? yaw : null;
        }
    }

    /// <summary>Quaternion (w, x, y, z) to Tait-Bryan roll, pitch, yaw in degrees; false for a zero or non-finite quaternion.</summary>
    private static bool TryEuler(double w, double x, double y, double z, out double roll, out double pitch, out double yaw)
    {
        roll = pitch = yaw = 0;
        if (!double.IsFinite(w + x + y + z) || (w == 0 && x == 0 && y == 0 && z == 0))
        {
            return false;
        }

        roll = Math.Atan2(2 * ((w * x) + (y * z)), 1 - (2 * ((x * x) + (y * y)))) * 180 / Math.PI;
        pitch = Math.Asin(Math.Clamp(2 * ((w * y) - (z * x)), -1, 1)) * 180 / Math.PI;
        yaw = Math.Atan2(2 * ((w * z) + (x * y)), 1 - (2 * ((y * y) + (z * z)))) * 180 / Math.PI;
        return true;
    }

    private void OnHome(in MavlinkFrame frame, HomePositionView v, in Timing time, long offset)
    {
        if (!IsVehicle(frame.SystemId))
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

    private void OnStatusText(in MavlinkFrame frame, StatustextView v, in Timing time, long offset)
    {
        var text = MavlinkFields.Text(v.Text);
        bool fromVehicle = IsVehicle(frame.SystemId) && _vehicleSystemId is not null;

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

    private void FlushTexts()
    {
        foreach (var p in _pendingTexts.Values.OrderBy(p => p.Offset))
        {
            EmitText(p.Text.ToString(), p.Severity, p.SystemId, p.ComponentId, p.FromVehicle, p.Time, p.Offset);
        }

        _pendingTexts.Clear();
    }

    private void EmitText(string text, byte severity, byte systemId, byte componentId, bool fromVehicle, in Timing time, long offset)
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

    private sealed class PendingText(long offset, Timing time, byte severity, byte systemId, byte componentId, bool fromVehicle)
    {
        public long Offset { get; } = offset;
        public Timing Time { get; } = time;
        public byte Severity { get; } = severity;
        public byte SystemId { get; } = systemId;
        public byte ComponentId { get; } = componentId;
        public bool FromVehicle { get; } = fromVehicle;
        public System.Text.StringBuilder Text { get; } = new();
        public int Chunks { get; set; }
    }

    private void AddMissionItem(in MavlinkFrame frame, in Timing time, long offset, ushort seq, ushort command, byte missionFrame, double x, double y, float z)
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

    private void OnAutopilotVersion(in MavlinkFrame frame, AutopilotVersionView v)
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

    private bool IsVehicle(byte systemId) => _vehicleSystemId is null ? !_gcsSystems.Contains(systemId) : _vehicleSystemId == systemId;

    private Timing Time(ulong tlogTimestampUs, long offset)
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
                return new Timing(null, us >= _firstTimestampUs ? (us - _firstTimestampUs.Value) / 1e6 : -((_firstTimestampUs.Value - us) / 1e6));
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
        return new Timing(DateTimeOffset.UnixEpoch.AddTicks((long)us * 10), elapsed);
    }

    private DateTimeOffset? BootToUtc(uint bootMs) =>
        _unixMinusBootUs is long delta ? DateTimeOffset.UnixEpoch.AddTicks((delta + (bootMs * 1000L)) * 10) : null;

    private double BootElapsed(uint bootMs)
    {
        _firstBootMs ??= bootMs;
        return (bootMs - (double)_firstBootMs.Value) / 1000.0;
    }

    /// <summary>Says when a skipped run is mostly zero bytes: unwritten or pre-allocated file space rather than a damaged record.</summary>
    private static string ZeroNote(int zeroBytes, int length) =>
        zeroBytes * 2 >= length && length > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {zeroBytes} of them zero: unwritten or pre-allocated space")
            : "";

    private static bool[] UsesTime()
    {
        var uses = new bool[512];
        foreach (var id in new[]
        {
            MavlinkMessageId.Heartbeat, MavlinkMessageId.GlobalPositionInt, MavlinkMessageId.GpsRawInt, MavlinkMessageId.HomePosition,
            MavlinkMessageId.Statustext, MavlinkMessageId.CameraFeedback, MavlinkMessageId.CameraImageCaptured, MavlinkMessageId.CameraTrigger,
            MavlinkMessageId.MissionItem, MavlinkMessageId.MissionItemInt,
        })
        {
            uses[id] = true;
        }

        return uses;
    }

    private static double? Degrees(float radians) => float.IsFinite(radians) ? radians * (180.0 / Math.PI) : null;

    private static double? Finite(float value) => float.IsFinite(value) ? value : null;

    private readonly record struct Timing(DateTimeOffset? Utc, double? Elapsed);
}
