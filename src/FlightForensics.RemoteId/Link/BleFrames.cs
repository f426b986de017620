using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.RemoteId.Messages;

namespace FlightForensics.RemoteId.Link;

/// <summary>
/// Bluetooth LE advertising that carries Remote ID: legacy advertising PDUs (ADV_IND, ADV_NONCONN_IND,
/// ADV_SCAN_IND, SCAN_RSP) and extended advertising (ADV_EXT_IND / AUX_ADV_IND), Bluetooth Core 5.3 Vol 6 Part B
/// §2.3. The Remote ID data is an AD structure of type 0x16 (service data, 16-bit UUID) with UUID 0xFFFA, then
/// the application code 0x0D and a message counter (ASTM F3411-22a §5.4.5; opendroneid-core-c <c>bluetooth.h</c>).
/// </summary>
internal sealed class BleFrames(OdidParser odid, FlightLogSink sink)
{
    /// <summary>The access address of every advertising channel packet (Core Vol 6 Part B §2.1.2).</summary>
    private const uint AdvertisingAccessAddress = 0x8E89BED6;

    private readonly OdidParser _odid = odid;
    private readonly FlightLogSink _sink = sink;

    /// <summary>
    /// nRF Sniffer for Bluetooth LE (LINKTYPE_NORDIC_BLE 272): board id, a 6-byte UART header whose byte 3 is the
    /// protocol version, a packet header whose first byte is its own length (flags, channel, RSSI, event counter,
    /// timestamp; in protocol 3 the flags' bits 4–6 give the PHY, 2 = LE Coded), then the LE packet. Layout as in
    /// Wireshark's <c>packet-nordic_ble.c</c> and Nordic's sniffer documentation.
    /// </summary>
    public bool ReadNordic(long frameNumber, long offset, DateTimeOffset? time, ReadOnlySpan<byte> data)
    {
        if (data.Length < 8)
        {
            return Cut(frameNumber, offset, "nRF Sniffer header", data.Length);
        }

        int protocol = data[3];
        int headerLength = data[7];
        if (headerLength < 6 || 7 + headerLength > data.Length)
        {
            return Cut(frameNumber, offset, "nRF Sniffer packet header", data.Length);
        }

        int flags = data[8];
        bool coded = protocol >= 3 && ((flags >> 4) & 7) == 2;
        bool crcFailed = (flags & 0x01) == 0;
        bool found = ReadLinkLayer(frameNumber, offset + 7 + headerLength, time, data[(7 + headerLength)..], coded, crcFailed);
        if (found && crcFailed)
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.Crc, $"frame {frameNumber}: the sniffer marks the LE CRC as failed; its Remote ID is not used for tracks");
        }

        return found;
    }

    /// <summary>LINKTYPE_BLUETOOTH_LE_LL_WITH_PHDR (256): a 10-byte pseudo-header, then the LE packet.</summary>
    public bool ReadWithPseudoHeader(long frameNumber, long offset, DateTimeOffset? time, ReadOnlySpan<byte> data)
        => data.Length >= 10 ? ReadLinkLayer(frameNumber, offset + 10, time, data[10..], coded: false) : Cut(frameNumber, offset, "LE pseudo-header", data.Length);

    /// <summary>An LE packet from its access address: AA (4), [CI (1) on LE Coded], PDU header (2), payload, CRC (3).</summary>
    public bool ReadLinkLayer(long frameNumber, long offset, DateTimeOffset? time, ReadOnlySpan<byte> packet, bool coded, bool crcFailed = false)
    {
        int start = coded ? 5 : 4;
        if (packet.Length < start + 2)
        {
            return Cut(frameNumber, offset, "LE packet", packet.Length);
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(packet) != AdvertisingAccessAddress)
        {
            return false;
        }

        int pduType = packet[start] & 0xF;
        int length = packet[start + 1];
        var payload = packet[(start + 2)..];
        if (payload.Length < length)
        {
            _sink.AddDiagnostic(offset + start, DiagnosticKind.Truncated, $"frame {frameNumber}: LE PDU claims {length} bytes, {payload.Length} captured", payload.Length);
            length = payload.Length;
        }

        payload = payload[..length];
        long payloadOffset = offset + start + 2;
        switch (pduType)
        {
            case 0 or 2 or 4 or 6:
                if (payload.Length < 6)
                {
                    return false;
                }

                return ReadAdvertisingData(new FrameContext(frameNumber, payloadOffset + 6, time, Address(payload), RemoteIdTransport.BleLegacy, crcFailed), payload[6..], payloadOffset + 6);
            case 7:
                return ReadExtended(frameNumber, payloadOffset, time, payload, crcFailed);
            default:
                return false;
        }
    }

    private bool ReadExtended(long frameNumber, long offset, DateTimeOffset? time, ReadOnlySpan<byte> payload, bool crcFailed)
    {
        // Common extended advertising payload (Core Vol 6 Part B §2.3.4): header length (6 bits) and mode, flags,
        // then AdvA (6), TargetA (6), CTEInfo (1), ADI (2), AuxPtr (3), SyncInfo (18), TxPower (1), ACAD; AdvData after.
        if (payload.Length < 1)
        {
            return false;
        }

        int headerLength = payload[0] & 0x3F;
        if (1 + headerLength > payload.Length)
        {
            return Cut(frameNumber, offset, "extended advertising header", payload.Length);
        }

        ulong address = 0;
        int known = 1 + headerLength;
        if (headerLength >= 1)
        {
            int flags = payload[1];
            if (headerLength >= 7 && (flags & 0x01) != 0)
            {
                address = Address(payload[2..]);
            }

            // ACAD (what follows the flagged fields inside the header) is formatted as AD structures too, so it is
            // read with the AdvData after it, as Wireshark reads it (a bit error in the header length moves data there).
            known = 2 + ((flags & 0x01) != 0 ? 6 : 0) + ((flags & 0x02) != 0 ? 6 : 0) + ((flags & 0x04) != 0 ? 1 : 0)
                + ((flags & 0x08) != 0 ? 2 : 0) + ((flags & 0x10) != 0 ? 3 : 0) + ((flags & 0x20) != 0 ? 18 : 0) + ((flags & 0x40) != 0 ? 1 : 0);
            known = Math.Min(known, 1 + headerLength);
        }

        var data = payload[known..];
        return data.Length > 0 && ReadAdvertisingData(new FrameContext(frameNumber, offset + known, time, address, RemoteIdTransport.BleLongRange, crcFailed), data, offset + known);
    }

    private bool ReadAdvertisingData(in FrameContext context, ReadOnlySpan<byte> data, long offset)
    {
        bool found = false;
        int p = 0;
        while (p < data.Length)
        {
            int length = data[p];
            if (length == 0)
            {
                break;
            }

            if (p + 1 + length > data.Length)
            {
                if (IsRemoteId(data[(p + 1)..]))
                {
                    _sink.AddDiagnostic(offset + p, DiagnosticKind.Truncated, $"frame {context.FrameNumber}: Remote ID service data claims {length} bytes, {data.Length - p - 1} present", data.Length - p - 1);
                    found = true;
                    if (data.Length - p - 1 > 5)
                    {
                        _odid.Parse(context with { Offset = offset + p + 6 }, data[(p + 6)..]);
                    }
                }

                break;
            }

            var structure = data.Slice(p + 1, length);
            if (IsRemoteId(structure))
            {
                found = true;
                // Type, UUID (2), app code, counter, then one message (legacy) or a message pack (extended).
                if (structure.Length > 5)
                {
                    _odid.Parse(context with { Offset = offset + p + 6 }, structure[5..]);
                }
            }

            p += 1 + length;
        }

        return found;
    }

    private static bool IsRemoteId(ReadOnlySpan<byte> structure)
        => structure.Length >= 4 && structure[0] == 0x16 && structure[1] == 0xFA && structure[2] == 0xFF && structure[3] == 0x0D;

    /// <summary>LE addresses go on the air least significant byte first; shown most significant first, as Wireshark does.</summary>
    private static ulong Address(ReadOnlySpan<byte> six)
        => ((ulong)six[5] << 40) | ((ulong)six[4] << 32) | ((ulong)six[3] << 24) | ((ulong)six[2] << 16) | ((ulong)six[1] << 8) | six[0];

    private bool Cut(long frameNumber, long offset, string what, int have)
    {
        _sink.AddDiagnostic(offset, DiagnosticKind.Truncated, $"frame {frameNumber}: {what} cut short ({have} bytes)", have);
        return false;
    }
}
