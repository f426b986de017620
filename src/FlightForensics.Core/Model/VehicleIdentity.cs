namespace FlightForensics.Core.Model;

/// <summary>What the evidence says about the aircraft, its controller and the software that flew it.</summary>
public sealed record VehicleIdentity
{
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }

    /// <summary>The name the owner gave the aircraft (DJI "aircraft name").</summary>
    public string? AircraftName { get; init; }
    public string? AircraftSerial { get; init; }
    public string? FlightControllerSerial { get; init; }
    public string? CameraSerial { get; init; }
    public string? BatterySerial { get; init; }
    public string? RemoteControllerSerial { get; init; }
    public string? FirmwareVersion { get; init; }
    public string? AppName { get; init; }
    public string? AppVersion { get; init; }

    /// <summary>Autopilot family (ArduPilot, PX4, DJI).</summary>
    public string? Autopilot { get; init; }
    public string? VehicleType { get; init; }

    /// <summary>MAVLink system id, where the link states one.</summary>
    public int? SystemId { get; init; }

    public static VehicleIdentity Empty { get; } = new();

    /// <summary>Fields of this identity, filled where empty from <paramref name="other"/>.</summary>
    public VehicleIdentity Merge(VehicleIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new VehicleIdentity
        {
            Manufacturer = Manufacturer ?? other.Manufacturer,
            Model = Model ?? other.Model,
            AircraftName = AircraftName ?? other.AircraftName,
            AircraftSerial = AircraftSerial ?? other.AircraftSerial,
            FlightControllerSerial = FlightControllerSerial ?? other.FlightControllerSerial,
            CameraSerial = CameraSerial ?? other.CameraSerial,
            BatterySerial = BatterySerial ?? other.BatterySerial,
            RemoteControllerSerial = RemoteControllerSerial ?? other.RemoteControllerSerial,
            FirmwareVersion = FirmwareVersion ?? other.FirmwareVersion,
            AppName = AppName ?? other.AppName,
            AppVersion = AppVersion ?? other.AppVersion,
            Autopilot = Autopilot ?? other.Autopilot,
            VehicleType = VehicleType ?? other.VehicleType,
            SystemId = SystemId ?? other.SystemId,
        };
    }

    /// <summary>Name/value pairs of the fields that are known, in a fixed order (for outputs).</summary>
    public IEnumerable<KeyValuePair<string, string>> KnownFields()
    {
        static KeyValuePair<string, string> P(string k, string v) => new(k, v);
        if (Manufacturer is not null) yield return P("manufacturer", Manufacturer);
        if (Model is not null) yield return P("model", Model);
        if (AircraftName is not null) yield return P("aircraftName", AircraftName);
        if (AircraftSerial is not null) yield return P("aircraftSerial", AircraftSerial);
        if (FlightControllerSerial is not null) yield return P("flightControllerSerial", FlightControllerSerial);
        if (CameraSerial is not null) yield return P("cameraSerial", CameraSerial);
        if (BatterySerial is not null) yield return P("batterySerial", BatterySerial);
        if (RemoteControllerSerial is not null) yield return P("remoteControllerSerial", RemoteControllerSerial);
        if (FirmwareVersion is not null) yield return P("firmwareVersion", FirmwareVersion);
        if (AppName is not null) yield return P("appName", AppName);
        if (AppVersion is not null) yield return P("appVersion", AppVersion);
        if (Autopilot is not null) yield return P("autopilot", Autopilot);
        if (VehicleType is not null) yield return P("vehicleType", VehicleType);
        if (SystemId is int id) yield return P("systemId", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
