using FlightForensics.Core.Decoding;
using FlightForensics.RemoteId.Capture;
using FlightForensics.RemoteId.Messages;

namespace FlightForensics.RemoteId.Link;

/// <summary>
/// Turns captured packets into typed Remote ID / DroneID records: dispatches on the link type, finds the
/// carrier (beacon element, NAN attribute, BLE service data) and hands the bytes to the message parsers.
/// Knows nothing of aircraft or tracks: that is <see cref="RemoteIdMapper"/>'s job.
/// </summary>
public sealed class RemoteIdFramer : ICapturePacketHandler
{
    private readonly IRemoteIdRecordHandler _handler;
    private readonly FlightLogSink _sink;
    private readonly WifiFrames _wifi;
    private readonly BleFrames _ble;
    private readonly HashSet<int> _unknownLinkTypes = [];

    public RemoteIdFramer(IRemoteIdRecordHandler handler, FlightLogSink sink)
    {
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        var odid = new OdidParser(handler, sink);
        _wifi = new WifiFrames(odid, new DjiDroneIdParser(handler, sink), sink);
        _ble = new BleFrames(odid, sink);
    }

    public long Frames { get; private set; }
    public long FramesWithRemoteId { get; private set; }
    public long FramesCut { get; private set; }

    public void OnPacket(in CapturedPacket packet)
    {
        Frames++;
        _handler.OnFrame(packet.FrameNumber, packet.Offset, packet.TimeUtc);
        if (packet.IsCut)
        {
            FramesCut++;
        }

        var data = packet.Data;
        bool found = packet.LinkType switch
        {
            LinkTypes.Ieee80211Radiotap => _wifi.ReadRadiotap(packet.FrameNumber, packet.Offset, packet.TimeUtc, data),
            LinkTypes.Ieee80211 => _wifi.ReadIeee80211(packet.FrameNumber, packet.Offset, packet.TimeUtc, data),
            LinkTypes.NordicBle => _ble.ReadNordic(packet.FrameNumber, packet.Offset, packet.TimeUtc, data),
            LinkTypes.BluetoothLeLinkLayer => _ble.ReadLinkLayer(packet.FrameNumber, packet.Offset, packet.TimeUtc, data, coded: false),
            LinkTypes.BluetoothLeLinkLayerWithPhdr => _ble.ReadWithPseudoHeader(packet.FrameNumber, packet.Offset, packet.TimeUtc, data),
            _ => UnknownLinkType(packet),
        };
        if (found)
        {
            FramesWithRemoteId++;
        }
    }

    public void OnComment(long offset, DateTimeOffset? timeUtc, string text) => _handler.OnComment(offset, timeUtc, text);

    private bool UnknownLinkType(in CapturedPacket packet)
    {
        if (_unknownLinkTypes.Add(packet.LinkType))
        {
            _sink.AddDiagnostic(packet.Offset, Core.Model.DiagnosticKind.Note,
                $"frame {packet.FrameNumber}: link type {packet.LinkType} carries no Remote ID this decoder reads; such frames are counted only");
        }

        return false;
    }
}
