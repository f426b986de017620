using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.RemoteId.Messages;

namespace FlightForensics.RemoteId.Link;

/// <summary>
/// IEEE 802.11 management frames that carry Remote ID: beacons (vendor-specific element, IEEE 802.11-2020
/// §9.4.2.25) and NAN service discovery frames (public action, vendor specific, Wi-Fi Alliance NAN
/// specification 3.1 §9.5.1 and §9.5.20.1). The Open Drone ID embedding follows opendroneid-core-c
/// <c>wifi.c</c>: OUI FA:0B:BC, OUI type 0x0D, a message counter, then a message pack.
/// </summary>
internal sealed class WifiFrames(OdidParser odid, DjiDroneIdParser dji, FlightLogSink sink)
{
    /// <summary>First six bytes of SHA-256("org.opendroneid.remoteid"): the NAN service ID (opendroneid wifi.c).</summary>
    private static ReadOnlySpan<byte> NanServiceId => [0x88, 0x69, 0x19, 0x9D, 0x92, 0x09];

    private readonly OdidParser _odid = odid;
    private readonly DjiDroneIdParser _dji = dji;
    private readonly FlightLogSink _sink = sink;

    public long RadiotapDamaged { get; private set; }

    /// <summary>Strips radiotap (only its length and the FCS flag are needed) and hands on the 802.11 frame.</summary>
    public bool ReadRadiotap(long frameNumber, long offset, DateTimeOffset? time, ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || data[0] != 0)
        {
            RadiotapDamaged++;
            _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"frame {frameNumber}: radiotap header version {(data.Length > 0 ? data[0] : -1)} or length {data.Length} not readable");
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(data[2..]);
        if (length < 8 || length > data.Length)
        {
            RadiotapDamaged++;
            _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"frame {frameNumber}: radiotap length {length} outside the {data.Length} captured bytes");
            return false;
        }

        // Radiotap (radiotap.org, "Radiotap header"): present words chain while bit 31 is set; fields follow in
        // bit order, each aligned to its natural size. Only Flags (bit 1, after TSFT bit 0: 8 bytes aligned to 8)
        // is read, so unknown bits and vendor namespaces need no knowledge: the header length skips them.
        int p = 4;
        uint first = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        uint word = first;
        while ((word & 0x8000_0000u) != 0)
        {
            p += 4;
            if (p + 4 > length)
            {
                RadiotapDamaged++;
                _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"frame {frameNumber}: radiotap present words run past its length {length}");
                return false;
            }

            word = BinaryPrimitives.ReadUInt32LittleEndian(data[p..]);
        }

        p += 4;
        bool fcs = false;
        bool badFcs = false;
        if ((first & 1) != 0)
        {
            p = ((p + 7) & ~7) + 8;
        }

        if ((first & 2) != 0 && p < length)
        {
            fcs = (data[p] & 0x10) != 0;
            badFcs = (data[p] & 0x40) != 0;
        }

        var frame = data[length..];
        if (fcs && frame.Length >= 4)
        {
            frame = frame[..^4];
        }

        bool found = ReadIeee80211(frameNumber, offset + length, time, frame, badFcs);
        if (found && badFcs)
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.Crc, $"frame {frameNumber}: radiotap marks the FCS as failed; its Remote ID is not used for tracks");
        }

        return found;
    }

    /// <summary>Reads a management frame; true when it carried Remote ID or DJI DroneID.</summary>
    public bool ReadIeee80211(long frameNumber, long offset, DateTimeOffset? time, ReadOnlySpan<byte> frame, bool badFcs = false)
    {
        if (frame.Length < 24)
        {
            return false;
        }

        int type = (frame[0] >> 2) & 3;
        int subtype = frame[0] >> 4;
        if (type != 0)
        {
            return false;
        }

        ulong transmitter = Mac(frame.Slice(10, 6));
        if (subtype is 8 or 5)
        {
            // Beacon / probe response: 8-byte timestamp, interval, capabilities, then elements.
            var context = new FrameContext(frameNumber, offset, time, transmitter, RemoteIdTransport.WifiBeacon, badFcs);
            return frame.Length > 36 && ReadElements(context, frame[36..], offset + 36);
        }

        if (subtype == 13 && frame.Length >= 30 && frame[24] == 4 && frame[25] == 9
            && frame[26] == 0x50 && frame[27] == 0x6F && frame[28] == 0x9A && frame[29] == 0x13)
        {
            // Public action, vendor specific, Wi-Fi Alliance OUI 50:6F:9A, type 0x13: NAN service discovery.
            var context = new FrameContext(frameNumber, offset, time, transmitter, RemoteIdTransport.WifiNan, badFcs);
            return ReadNanAttributes(context, frame[30..], offset + 30);
        }

        return false;
    }

    private bool ReadElements(in FrameContext context, ReadOnlySpan<byte> elements, long offset)
    {
        bool found = false;
        int p = 0;
        while (p + 2 <= elements.Length)
        {
            int id = elements[p];
            int length = elements[p + 1];
            if (p + 2 + length > elements.Length)
            {
                // A cut element at the end (snap length, or bytes that are not an FCS): what fits is not used.
                break;
            }

            if (id == 221 && length >= 4)
            {
                var body = elements.Slice(p + 2, length);
                long bodyOffset = offset + p + 2;
                if (body[0] == 0xFA && body[1] == 0x0B && body[2] == 0xBC && body[3] == 0x0D)
                {
                    found = true;
                    // OUI (3), type (1), message counter (1), then the message pack.
                    if (body.Length > 5)
                    {
                        _odid.Parse(context with { Offset = bodyOffset + 5 }, body[5..]);
                    }
                    else
                    {
                        _sink.AddDiagnostic(bodyOffset, DiagnosticKind.Truncated, $"frame {context.FrameNumber}: Open Drone ID element of {length} bytes carries no message");
                    }
                }
                else if (DjiDroneIdParser.IsDjiOui(body))
                {
                    found |= _dji.Parse(context with { Offset = bodyOffset }, body);
                }
            }

            p += 2 + length;
        }

        return found;
    }

    private bool ReadNanAttributes(in FrameContext context, ReadOnlySpan<byte> attributes, long offset)
    {
        bool found = false;
        int p = 0;
        while (p + 3 <= attributes.Length)
        {
            int id = attributes[p];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(attributes[(p + 1)..]);
            if (p + 3 + length > attributes.Length)
            {
                _sink.AddDiagnostic(offset + p, DiagnosticKind.Truncated, $"frame {context.FrameNumber}: NAN attribute {id} claims {length} bytes, {attributes.Length - p - 3} present");
                break;
            }

            var body = attributes.Slice(p + 3, length);
            if (id == 0x03 && body.Length >= 9 && body[..6].SequenceEqual(NanServiceId))
            {
                found |= ReadServiceDescriptor(context, body, offset + p + 3);
            }

            p += 3 + length;
        }

        return found;
    }

    private bool ReadServiceDescriptor(in FrameContext context, ReadOnlySpan<byte> body, long offset)
    {
        // Service ID (6), instance ID, requestor instance ID, service control, then optional fields in order:
        // binding bitmap (control bit 6, 2 bytes), matching filter (bit 2), response filter (bit 3), service info (bit 4).
        int control = body[8];
        int p = 9;
        if ((control & 0x40) != 0)
        {
            p += 2;
        }

        if ((control & 0x04) != 0)
        {
            p = p < body.Length ? p + 1 + body[p] : int.MaxValue;
        }

        if ((control & 0x08) != 0)
        {
            p = p < body.Length ? p + 1 + body[p] : int.MaxValue;
        }

        if ((control & 0x10) == 0 || p >= body.Length)
        {
            return false;
        }

        int infoLength = body[p];
        var info = body.Slice(p + 1, Math.Min(infoLength, body.Length - p - 1));
        if (info.Length < infoLength)
        {
            _sink.AddDiagnostic(offset + p, DiagnosticKind.Truncated, $"frame {context.FrameNumber}: NAN service info claims {infoLength} bytes, {info.Length} present", info.Length);
        }

        if (info.Length < 2)
        {
            return false;
        }

        // Open Drone ID service info: message counter (1), then the message pack.
        _odid.Parse(context with { Offset = offset + p + 2 }, info[1..]);
        return true;
    }

    private static ulong Mac(ReadOnlySpan<byte> six)
        => ((ulong)six[0] << 40) | ((ulong)six[1] << 32) | ((ulong)six[2] << 24) | ((ulong)six[3] << 16) | ((ulong)six[4] << 8) | six[5];
}
