namespace FlightForensics.Core.Model;

/// <summary>
/// What the pilot commanded on the remote controller at a sample: stick deflections in percent of full travel
/// (-100 … +100, 0 = centred) and the switch and button states the source records.
/// </summary>
/// <remarks>
/// Positive means the source's raw channel value is above its centre; the physical direction that stands for is the
/// source's convention (DJI raw 364 … 1684, centre 1024: percent = (raw − 1024) / 6.6, so raw = 1024 + 6.6 × percent).
/// A value type so that attaching it to a sample allocates nothing.
/// </remarks>
public readonly record struct RemoteControlInput
{
    /// <summary>Right stick, horizontal (roll channel).</summary>
    public double AileronPercent { get; init; }

    /// <summary>Right stick, vertical (pitch channel).</summary>
    public double ElevatorPercent { get; init; }

    /// <summary>Left stick, vertical (climb/descend channel).</summary>
    public double ThrottlePercent { get; init; }

    /// <summary>Left stick, horizontal (yaw channel).</summary>
    public double RudderPercent { get; init; }

    /// <summary>Gimbal dial or wheel, where the source records it.</summary>
    public double? GimbalWheelPercent { get; init; }

    /// <summary>Flight-mode switch position as the source numbers it (DJI 0, 1, 2; what each means depends on the controller).</summary>
    public int? ModeSwitchPosition { get; init; }

    public bool? ReturnHomePressed { get; init; }
    public bool? ShutterPressed { get; init; }
    public bool? RecordPressed { get; init; }
}
