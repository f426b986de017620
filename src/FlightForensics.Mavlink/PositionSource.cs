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
