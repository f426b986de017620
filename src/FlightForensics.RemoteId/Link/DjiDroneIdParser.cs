using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.RemoteId.Messages;

namespace FlightForensics.RemoteId.Link;

/// <summary>
/// DJI DroneID vendor-specific elements (layout: <see cref="DjiDroneIdMessage"/>). The element body starts with
/// the OUI; byte 7 is the version, the record starts at byte 8.
/// </summary>
internal sealed class DjiDroneIdParser(IRemoteIdRecordHandler handler, FlightLogSink sink)
{
    /// <summary>Record sizes after the version byte (v1: 74, v2: 86 bytes; see the layout).</summary>
    public const int V1Size = 74;
    public const int V2Size = 86;

    private readonly IRemoteIdRecordHandler _handler = handler;
    private readonly FlightLogSink _sink = sink;
    private readonly byte[] _lastSerial = new byte[16];
    private string _serial = "";
    private bool _haveSerial;

    /// <summary>OUIs DJI uses for DroneID: 26:37:12, 60:60:1F, 48:1C:B9, 34:D2:62 (RemoteIDReceiver's parser).</summary>
    public static bool IsDjiOui(ReadOnlySpan<byte> body) => body.Length >= 3 && Oui(body) is 0x263712 or 0x60601F or 0x481CB9 or 0x34D262;

    private static int Oui(ReadOnlySpan<byte> body) => (body[0] << 16) | (body[1] << 8) | body[2];

    /// <summary>Decodes one element; true when it was a DroneID record (complete or not).</summary>
    public bool Parse(in FrameContext frame, ReadOnlySpan<byte> body)
    {
        if (body.Length < 8)
        {
            return false;
        }

        int version = body[7];
        var r = body[8..];
        int need = version switch { 1 => V1Size, 2 => V2Size, _ => -1 };
        if (need < 0)
        {
            // Other DJI vendor elements (not DroneID, or an unknown version) are left alone.
            return false;
        }

        if (r.Length < need)
        {
            _sink.AddDiagnostic(frame.Offset, DiagnosticKind.Truncated, $"frame {frame.FrameNumber}: DJI DroneID v{version} record has {r.Length} of {need} bytes", r.Length);
            return true;
        }

        var message = new DjiDroneIdMessage
        {
            Version = version,
            Oui = Oui(body),
            Sequence = BinaryPrimitives.ReadUInt16LittleEndian(r),
            State = BinaryPrimitives.ReadUInt16LittleEndian(r[2..]),
            Serial = Serial(r.Slice(4, 16)),
            LongitudeRadE7 = BinaryPrimitives.ReadInt32LittleEndian(r[20..]),
            LatitudeRadE7 = BinaryPrimitives.ReadInt32LittleEndian(r[24..]),
            AltitudeRaw = BinaryPrimitives.ReadUInt16LittleEndian(r[28..]),
            HeightDecimeters = BinaryPrimitives.ReadUInt16LittleEndian(r[30..]),
            SpeedNorthCmS = BinaryPrimitives.ReadInt16LittleEndian(r[32..]),
            SpeedEastCmS = BinaryPrimitives.ReadInt16LittleEndian(r[34..]),
            SpeedUpCmS = BinaryPrimitives.ReadInt16LittleEndian(r[36..]),
            YawCentidegrees = BinaryPrimitives.ReadInt16LittleEndian(version == 1 ? r[42..] : r[38..]),
            Timestamp = version == 2 ? BinaryPrimitives.ReadUInt64LittleEndian(r[40..]) : 0,
            PilotLatitudeRadE7 = version == 2 ? BinaryPrimitives.ReadInt32LittleEndian(r[48..]) : null,
            PilotLongitudeRadE7 = version == 2 ? BinaryPrimitives.ReadInt32LittleEndian(r[52..]) : null,
            HomeLongitudeRadE7 = BinaryPrimitives.ReadInt32LittleEndian(version == 1 ? r[44..] : r[56..]),
            HomeLatitudeRadE7 = BinaryPrimitives.ReadInt32LittleEndian(version == 1 ? r[48..] : r[60..]),
            ProductType = version == 1 ? r[52] : r[64],
            Uuid = Uuid(version == 1 ? r.Slice(53, 21) : r.Slice(65, 21)),
        };
        _handler.OnDjiDroneId(frame, message);
        return true;
    }

    private string Serial(ReadOnlySpan<byte> raw)
    {
        if (_haveSerial && raw.SequenceEqual(_lastSerial))
        {
            return _serial;
        }

        raw.CopyTo(_lastSerial);
        _haveSerial = true;
        _serial = System.Text.Encoding.Latin1.GetString(raw).TrimEnd('\0').Trim();
        return _serial;
    }

    private static string Uuid(ReadOnlySpan<byte> lengthAndUuid)
    {
        int length = Math.Min((int)lengthAndUuid[0], 20);
        return length == 0 ? "" : System.Text.Encoding.Latin1.GetString(lengthAndUuid.Slice(1, length)).TrimEnd('\0');
    }
}
