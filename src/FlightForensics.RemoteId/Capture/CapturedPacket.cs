namespace FlightForensics.RemoteId.Capture;

/// <summary>
/// One captured frame as the container states it. A ref struct so that the readers hand out a view into their
/// buffer without copying or allocating per packet.
/// </summary>
public readonly ref struct CapturedPacket
{
    public CapturedPacket(long frameNumber, long offset, int linkType, int interfaceId, DateTimeOffset? timeUtc, ReadOnlySpan<byte> data, long originalLength)
    {
        FrameNumber = frameNumber;
        Offset = offset;
        LinkType = linkType;
        InterfaceId = interfaceId;
        TimeUtc = timeUtc;
        Data = data;
        OriginalLength = originalLength;
    }

    /// <summary>1-based number of the packet in the file, counted as Wireshark counts frames.</summary>
    public long FrameNumber { get; }

    /// <summary>Byte offset in the evidence of the first byte of <see cref="Data"/>.</summary>
    public long Offset { get; }

    /// <summary>The tcpdump.org LINKTYPE_ value of the packet's interface (127 radiotap, 105 802.11, 272 nRF Sniffer...).</summary>
    public int LinkType { get; }

    public int InterfaceId { get; }

    /// <summary>The capture clock at this packet; null when the container's clock cannot be read.</summary>
    public DateTimeOffset? TimeUtc { get; }

    /// <summary>The captured bytes (at most the snap length).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The frame's length on the air; larger than <see cref="Data"/> when the snap length cut it.</summary>
    public long OriginalLength { get; }

    public bool IsCut => OriginalLength > Data.Length;
}

/// <summary>What a capture reader hands on.</summary>
public interface ICapturePacketHandler
{
    void OnPacket(in CapturedPacket packet);

    /// <summary>A comment the capturing software or an examiner stored in the file (pcapng <c>opt_comment</c>).</summary>
    void OnComment(long offset, DateTimeOffset? timeUtc, string text);
}

/// <summary>Link-layer header types used here (tcpdump.org "LINKTYPE_" list).</summary>
public static class LinkTypes
{
    public const int Ieee80211 = 105;
    public const int Ieee80211Radiotap = 127;
    public const int BluetoothLeLinkLayer = 251;
    public const int BluetoothLeLinkLayerWithPhdr = 256;
    public const int NordicBle = 272;
}
