using FlightForensics.RemoteId.Messages;

namespace FlightForensics.RemoteId;

/// <summary>A position, operator or home point as a broadcast stated it.</summary>
public sealed record BroadcastPosition(double LatitudeDegrees, double LongitudeDegrees, double? AltitudeMeters)
{
    /// <summary>Byte offset of the message that stated it.</summary>
    public long SourceOffset { get; init; }
    public DateTimeOffset? TimeUtc { get; init; }
}

/// <summary>One received Location (or DroneID) position, kept for the believability analysis.</summary>
/// <param name="CaptureUtc">The receiver's clock at the frame.</param>
/// <param name="LatitudeDegrees">Stated latitude.</param>
/// <param name="LongitudeDegrees">Stated longitude.</param>
/// <param name="StatedSpeedMetersPerSecond">The speed the message states.</param>
/// <param name="Transmitter">Address it came from.</param>
/// <param name="SourceOffset">Byte offset of the message.</param>
/// <param name="ClockDisagreementSeconds">Location timestamp (tenths past the hour, placed in the capture clock's hour) minus the capture clock; null when the message states no time.</param>
public readonly record struct PositionObservation(
    DateTimeOffset? CaptureUtc, double LatitudeDegrees, double LongitudeDegrees, double? StatedSpeedMetersPerSecond,
    double? ClockDisagreementSeconds, ulong Transmitter, long SourceOffset);

/// <summary>What one capture says about one aircraft (the contract's <c>info</c> <c>aircraft</c> entry, plus evidence for the indicators).</summary>
public sealed class AircraftTrack(string id)
{
    private readonly HashSet<ulong> _transmitters = [];

    /// <summary>UAS ID or DJI serial; the transmitter address while no ID was heard.</summary>
    public string Id { get; } = id;
    public int? IdType { get; set; }
    public int? UaType { get; set; }

    /// <summary><c>astm-f3411</c> or <c>dji-droneid</c>.</summary>
    public string Protocol { get; set; } = "astm-f3411";
    public RemoteIdTransport Transport { get; set; }

    /// <summary>The first transmitter heard for this aircraft.</summary>
    public ulong Transmitter { get; set; }
    public IReadOnlyCollection<ulong> Transmitters => _transmitters;
    public long Messages { get; set; }
    public long Locations { get; set; }
    public DateTimeOffset? FirstUtc { get; set; }
    public DateTimeOffset? LastUtc { get; set; }
    public BroadcastPosition? Operator { get; set; }
    public BroadcastPosition? Home { get; set; }

    /// <summary>Distinct operator positions stated (changes of the System message's position).</summary>
    public List<BroadcastPosition> OperatorPositions { get; } = [];

    /// <summary>Authentication pages heard, by (auth type, page); and pages whose number exceeded the stated last page.</summary>
    public Dictionary<(int AuthType, int Page), int> AuthenticationPages { get; } = [];
    public long AuthenticationPagesOutOfRange { get; set; }
    public int? AuthenticationLastPageIndex { get; set; }

    /// <summary>Stated total length of the authentication data (page 0), bytes.</summary>
    public int? AuthenticationLength { get; set; }

    /// <summary>The latest data heard per (auth type, page): at most 16 pages × 16 types, so bounded.</summary>
    public Dictionary<(int AuthType, int Page), ReadOnlyMemory<byte>> AuthenticationPageData { get; } = [];

    /// <summary>
    /// The authentication data of one type, pages 0..last in order (17 bytes from page 0, 23 from each further page,
    /// F3411-22a Table 9), cut to the stated length; null while a page is missing.
    /// </summary>
    public byte[]? ReassembleAuthentication(int authType)
    {
        if (AuthenticationLastPageIndex is not int last)
        {
            return null;
        }

        var data = new List<byte>();
        for (int page = 0; page <= last; page++)
        {
            if (!AuthenticationPageData.TryGetValue((authType, page), out var bytes))
            {
                return null;
            }

            data.AddRange(bytes.Span);
        }

        int length = Math.Min(AuthenticationLength ?? data.Count, data.Count);
        return [.. data.Take(length)];
    }

    /// <summary>Positions heard, when the reader was asked to keep them (analysis); empty otherwise.</summary>
    public List<PositionObservation> Observations { get; } = [];

    public void Heard(ulong transmitter, DateTimeOffset? timeUtc)
    {
        if (_transmitters.Count == 0)
        {
            Transmitter = transmitter;
        }

        _transmitters.Add(transmitter);
        Messages++;
        if (timeUtc is DateTimeOffset t)
        {
            FirstUtc ??= t;
            LastUtc = t;
        }
    }
}
