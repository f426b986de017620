using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Mavlink;

/// <summary>
/// Who is on the link, kept apart by system id: the vehicle (the first system that sends an autopilot
/// HEARTBEAT, or failing that a position), ground stations (MAV_TYPE_GCS) and every sender of a HEARTBEAT.
/// State of one decoding; not shared.
/// </summary>
internal sealed class MavlinkSystems
{
    private readonly FlightLogSink _sink;
    private readonly HashSet<int> _gcsSystems = [];
    private readonly Dictionary<int, string> _sourceNames = [];
    private int? _vehicleSystemId;
    private bool _otherSystemNoteGiven;

    public MavlinkSystems(FlightLogSink sink)
    {
        _sink = sink;
    }

    /// <summary>Positions refused because they came from a system other than the vehicle.</summary>
    public long SamplesFromOtherSystems { get; private set; }

    /// <summary>True once the vehicle's system id is known.</summary>
    public bool HasVehicle => _vehicleSystemId is not null;

    public bool IsVehicle(byte systemId) => _vehicleSystemId is null ? !_gcsSystems.Contains(systemId) : _vehicleSystemId == systemId;

    /// <summary>Counts the sender and learns ground stations and the vehicle; true for a HEARTBEAT of the vehicle's autopilot.</summary>
    public bool OnHeartbeat(in MavlinkFrame frame, HeartbeatView v)
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
            return false;
        }

        if (v.Autopilot == MavlinkModes.AutopilotInvalid)
        {
            return false;
        }

        if (_vehicleSystemId is null)
        {
            _vehicleSystemId = frame.SystemId;
        }
        else if (_vehicleSystemId != frame.SystemId)
        {
            return false;
        }

        return true;
    }

    public bool AcceptPosition(in MavlinkFrame frame, long offset)
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

        SamplesFromOtherSystems++;
        if (!_otherSystemNoteGiven)
        {
            _otherSystemNoteGiven = true;
            _sink.AddDiagnostic(offset, DiagnosticKind.Note, string.Create(CultureInfo.InvariantCulture,
                $"positions from system {frame.SystemId} are not samples: the vehicle is system {_vehicleSystemId} (counted under mavlink.positionsFromOtherSystems)"));
        }

        return false;
    }
}
