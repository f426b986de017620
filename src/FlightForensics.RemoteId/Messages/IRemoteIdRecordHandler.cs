namespace FlightForensics.RemoteId.Messages;

/// <summary>How a frame reached the receiver (the contract's <c>transport</c> names).</summary>
public enum RemoteIdTransport
{
    WifiBeacon,
    WifiNan,
    BleLegacy,
    BleLongRange,
}

/// <summary>Where and when a message was heard: the frame around it.</summary>
/// <param name="FrameNumber">1-based frame number in the capture.</param>
/// <param name="Offset">Byte offset in the evidence of the message's first byte.</param>
/// <param name="TimeUtc">The capture clock at the frame.</param>
/// <param name="Transmitter">Wi-Fi source address or BLE advertising address as 48 bits (first byte on the air most significant).</param>
/// <param name="Transport">How it was carried.</param>
/// <param name="CrcFailed">The receiver marked the frame's checksum as failed (radio bit errors): its records are shown, never used for tracks.</param>
public readonly record struct FrameContext(long FrameNumber, long Offset, DateTimeOffset? TimeUtc, ulong Transmitter, RemoteIdTransport Transport, bool CrcFailed = false)
{
    public string TransmitterText => RemoteIdNames.Mac(Transmitter);
}

/// <summary>Receives the typed records the framer finds, in capture order.</summary>
public interface IRemoteIdRecordHandler
{
    /// <summary>Once per captured frame, before its records (counts frames with and without Remote ID).</summary>
    void OnFrame(long frameNumber, long offset, DateTimeOffset? timeUtc);

    void OnBasicId(in FrameContext frame, in BasicIdMessage message);
    void OnLocation(in FrameContext frame, in LocationMessage message);
    void OnAuthentication(in FrameContext frame, in AuthenticationPage page);
    void OnSelfId(in FrameContext frame, in SelfIdMessage message);
    void OnSystem(in FrameContext frame, in SystemMessage message);
    void OnOperatorId(in FrameContext frame, in OperatorIdMessage message);
    void OnMessagePack(in FrameContext frame, int count);
    void OnUnknown(in FrameContext frame, in UnknownOdidMessage message);
    void OnDjiDroneId(in FrameContext frame, in DjiDroneIdMessage message);
    void OnComment(long offset, DateTimeOffset? timeUtc, string text);
}

/// <summary>Stable names used in outputs.</summary>
public static class RemoteIdNames
{
    public static string Transport(RemoteIdTransport transport) => transport switch
    {
        RemoteIdTransport.WifiBeacon => "wifi-beacon",
        RemoteIdTransport.WifiNan => "wifi-nan",
        RemoteIdTransport.BleLegacy => "ble-legacy",
        _ => "ble-long-range",
    };

    /// <summary>Colon-separated lower-case hex, as Wireshark writes addresses.</summary>
    public static string Mac(ulong address)
    {
        Span<char> text = stackalloc char[17];
        for (int i = 0; i < 6; i++)
        {
            int b = (int)(address >> (8 * (5 - i))) & 0xFF;
            text[i * 3] = "0123456789abcdef"[b >> 4];
            text[i * 3 + 1] = "0123456789abcdef"[b & 0xF];
            if (i < 5)
            {
                text[i * 3 + 2] = ':';
            }
        }

        return new string(text);
    }
}
