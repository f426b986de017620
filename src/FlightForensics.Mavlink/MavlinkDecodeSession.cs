using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Mavlink;

/// <summary>
/// Drives the decoding of one MAVLink input: frames (versions, signing, sequence gaps, damage) and record
/// times here; the telemetry model from the mappers (<see cref="MavlinkSampleMapper"/> for samples,
/// <see cref="MavlinkEventMapper"/> for events). State of one decoding; not shared.
/// Systems are kept apart by system id (<see cref="MavlinkSystems"/>): samples, modes and arming come from the
/// vehicle (the first system that sends an autopilot HEARTBEAT, or failing that a position); ground stations
/// (MAV_TYPE_GCS) and other systems only contribute counted records and text events.
/// </summary>
internal sealed class MavlinkDecodeSession : IMavlinkReadHandler
{
    private const string Group = "mavlink";

    private static readonly bool[] s_usesTime = UsesTime();

    private readonly FlightLogSink _sink;
    private readonly MavlinkFraming _framing;
    private readonly byte[]? _signingKey;
    private readonly long[] _countsByMessage = new long[MavlinkDialect.Messages.Count];
    private readonly short[] _lastSequence = new short[65536];
    private readonly HashSet<int> _signedStreamsSeen = [];
    private readonly MavlinkClock _clock;
    private readonly MavlinkSystems _systems;
    private readonly MavlinkSampleMapper _samples;
    private readonly MavlinkEventMapper _events;

    private long _v1, _v2, _signed, _signaturesValid, _signaturesInvalid, _sequenceLost, _unknownPackets;

    public MavlinkDecodeSession(FlightLogSink sink, DecodeOptions options, MavlinkFraming framing, PositionSource positionSource)
    {
        _sink = sink;
        _framing = framing;
        _signingKey = options.MavlinkSigningKey is { } key ? key.ToArray() : null;
        Array.Fill(_lastSequence, (short)-1);
        _clock = new MavlinkClock(sink, framing);
        _systems = new MavlinkSystems(sink);
        _samples = new MavlinkSampleMapper(sink, _systems, _clock, positionSource);
        _events = new MavlinkEventMapper(sink, _systems, _samples);
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
        _events.FlushTexts();
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
        if (_systems.SamplesFromOtherSystems > 0)
        {
            _sink.AddCounter(Group, "positionsFromOtherSystems", _systems.SamplesFromOtherSystems);
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
        var time = (id < (uint)s_usesTime.Length && s_usesTime[id]) || _clock.NeedsStart
            ? _clock.Time(tlogTimestampUs, offset)
            : default;
        var payload = frame.Payload;
        switch (id)
        {
            case MavlinkMessageId.Heartbeat:
                _events.OnHeartbeat(frame, new HeartbeatView(payload), time, offset);
                break;
            case MavlinkMessageId.SystemTime:
                _clock.OnSystemTime(new SystemTimeView(payload), _systems.IsVehicle(frame.SystemId));
                break;
            case MavlinkMessageId.GlobalPositionInt:
                _samples.OnGlobalPosition(frame, new GlobalPositionIntView(payload), time, offset);
                break;
            case MavlinkMessageId.GpsRawInt:
                _samples.OnGpsRaw(frame, new GpsRawIntView(payload), time, offset);
                break;
            case MavlinkMessageId.Attitude:
                _samples.OnAttitude(frame);
                break;
            case MavlinkMessageId.VfrHud:
                _samples.OnVfrHud(frame);
                break;
            case MavlinkMessageId.SysStatus:
                _samples.OnSysStatus(frame);
                break;
            case MavlinkMessageId.BatteryStatus:
                _samples.OnBatteryStatus(frame);
                break;
            case MavlinkMessageId.MountStatus:
                _samples.OnMountStatus(frame);
                break;
            case MavlinkMessageId.GimbalDeviceAttitudeStatus:
                _samples.OnGimbalAttitude(frame);
                break;
            case MavlinkMessageId.HomePosition:
                _events.OnHome(frame, new HomePositionView(payload), time, offset);
                break;
            case MavlinkMessageId.Statustext:
                _events.OnStatusText(frame, new StatustextView(payload), time, offset);
                break;
            case MavlinkMessageId.CameraFeedback:
                _events.OnCameraFeedback(frame, time, offset);
                break;
            case MavlinkMessageId.CameraImageCaptured:
                _events.OnCameraImageCaptured(frame, time, offset);
                break;
            case MavlinkMessageId.CameraTrigger:
                _events.OnCameraTrigger(frame, time, offset);
                break;
            case MavlinkMessageId.MissionItemInt:
                _events.OnMissionItemInt(frame, time, offset);
                break;
            case MavlinkMessageId.MissionItem:
                _events.OnMissionItem(frame, time, offset);
                break;
            case MavlinkMessageId.AutopilotVersion:
                _events.OnAutopilotVersion(frame);
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
}
