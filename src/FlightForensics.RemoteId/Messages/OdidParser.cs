using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.RemoteId.Messages;

/// <summary>
/// Decodes ASTM F3411 messages (25 bytes each) and message packs into typed records. Byte layouts:
/// opendroneid-core-c <c>opendroneid.h</c> (the <c>ODID_*_encoded</c> structs). Strings are cached per parser so
/// a capture repeating the same ID allocates it once.
/// </summary>
internal sealed class OdidParser(IRemoteIdRecordHandler handler, FlightLogSink sink)
{
    public const int MessageSize = 25;

    /// <summary>The standard allows at most 9 messages in a pack (opendroneid.h ODID_PACK_MAX_MESSAGES... 9 for Wi-Fi, 9 for BT5).</summary>
    public const int MaxPackMessages = 9;

    private readonly IRemoteIdRecordHandler _handler = handler;
    private readonly FlightLogSink _sink = sink;
    private readonly AsciiCache _ids = new();
    private readonly AsciiCache _texts = new();
    private readonly AsciiCache _operators = new();

    /// <summary>Decodes one message or a pack at <paramref name="data"/>; <c>frame.Offset</c> is its evidence offset.</summary>
    public void Parse(in FrameContext frame, ReadOnlySpan<byte> data)
    {
        if (data.Length < 1)
        {
            return;
        }

        int type = data[0] >> 4;
        if (type == (int)OdidMessageType.MessagePack)
        {
            ParsePack(frame, data);
            return;
        }

        if (data.Length < MessageSize)
        {
            _sink.AddDiagnostic(frame.Offset, DiagnosticKind.Truncated, $"frame {frame.FrameNumber}: Remote ID message of type {type} cut after {data.Length} of {MessageSize} bytes", data.Length);
            return;
        }

        ParseOne(frame, data[..MessageSize]);
    }

    private void ParsePack(in FrameContext frame, ReadOnlySpan<byte> data)
    {
        if (data.Length < 3)
        {
            _sink.AddDiagnostic(frame.Offset, DiagnosticKind.Truncated, $"frame {frame.FrameNumber}: message pack header cut after {data.Length} bytes", data.Length);
            return;
        }

        int size = data[1];
        int count = data[2];
        if (size != MessageSize)
        {
            _sink.AddDiagnostic(frame.Offset, DiagnosticKind.Corrupt, $"frame {frame.FrameNumber}: message pack states message size {size}, the standard fixes {MessageSize}; pack skipped");
            return;
        }

        int fit = (data.Length - 3) / MessageSize;
        if (count > MaxPackMessages)
        {
            // More than a pack can hold: the header itself is damaged, so nothing in it is trusted.
            _sink.AddDiagnostic(frame.Offset, DiagnosticKind.Corrupt, $"frame {frame.FrameNumber}: message pack states {count} messages, at most {MaxPackMessages} allowed; pack skipped");
            return;
        }

        if (count > fit)
        {
            _sink.AddDiagnostic(frame.Offset, DiagnosticKind.Corrupt,
                $"frame {frame.FrameNumber}: message pack states {count} messages, {fit} fit in the {data.Length - 3} bytes carried; {fit} decoded");
            count = fit;
        }

        _handler.OnMessagePack(frame, count);

        // Basic ID first: a pack's Location then belongs to the ID carried with it, whatever the order inside.
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < count; i++)
            {
                var message = data.Slice(3 + i * MessageSize, MessageSize);
                bool isBasicId = message[0] >> 4 == (int)OdidMessageType.BasicId;
                if (isBasicId == (pass == 0))
                {
                    var inner = frame with { Offset = frame.Offset + 3 + i * MessageSize };
                    if (message[0] >> 4 == (int)OdidMessageType.MessagePack)
                    {
                        _sink.AddDiagnostic(inner.Offset, DiagnosticKind.Corrupt, $"frame {frame.FrameNumber}: a message pack inside a message pack; skipped");
                        continue;
                    }

                    ParseOne(inner, message);
                }
            }
        }
    }

    private void ParseOne(in FrameContext frame, ReadOnlySpan<byte> m)
    {
        int type = m[0] >> 4;
        int version = m[0] & 0xF;
        switch ((OdidMessageType)type)
        {
            case OdidMessageType.BasicId:
                _handler.OnBasicId(frame, new BasicIdMessage(version, m[1] >> 4, m[1] & 0xF, _ids.Get(m.Slice(2, 20))));
                break;
            case OdidMessageType.Location:
                _handler.OnLocation(frame, ReadLocation(m, version));
                break;
            case OdidMessageType.Authentication:
                ReadAuthentication(frame, m, version);
                break;
            case OdidMessageType.SelfId:
                _handler.OnSelfId(frame, new SelfIdMessage(version, m[1], _texts.Get(m.Slice(2, 23))));
                break;
            case OdidMessageType.System:
                _handler.OnSystem(frame, ReadSystem(m, version));
                break;
            case OdidMessageType.OperatorId:
                _handler.OnOperatorId(frame, new OperatorIdMessage(version, m[1], _operators.Get(m.Slice(2, 20))));
                break;
            default:
                _handler.OnUnknown(frame, new UnknownOdidMessage(type, version, m.ToArray()));
                break;
        }
    }

    private static LocationMessage ReadLocation(ReadOnlySpan<byte> m, int version) => new()
    {
        ProtocolVersion = version,
        Status = m[1] >> 4,
        HeightType = (m[1] >> 2) & 1,
        EastWestSegment = (m[1] & 0x2) != 0,
        SpeedMultiplier = (m[1] & 0x1) != 0,
        DirectionRaw = m[2],
        SpeedRaw = m[3],
        VerticalSpeedRaw = (sbyte)m[4],
        LatitudeE7 = BinaryPrimitives.ReadInt32LittleEndian(m[5..]),
        LongitudeE7 = BinaryPrimitives.ReadInt32LittleEndian(m[9..]),
        PressureAltitudeRaw = BinaryPrimitives.ReadUInt16LittleEndian(m[13..]),
        GeodeticAltitudeRaw = BinaryPrimitives.ReadUInt16LittleEndian(m[15..]),
        HeightRaw = BinaryPrimitives.ReadUInt16LittleEndian(m[17..]),
        VerticalAccuracy = m[19] >> 4,
        HorizontalAccuracy = m[19] & 0xF,
        SpeedAccuracy = m[20] & 0xF,
        BaroAccuracy = m[20] >> 4,
        TimestampTenths = BinaryPrimitives.ReadUInt16LittleEndian(m[21..]),
        TimestampAccuracyTenths = m[23] & 0xF,
    };

    private static SystemMessage ReadSystem(ReadOnlySpan<byte> m, int version) => new()
    {
        ProtocolVersion = version,
        OperatorLocationType = m[1] & 0x3,
        ClassificationType = (m[1] >> 2) & 0x7,
        OperatorLatitudeE7 = BinaryPrimitives.ReadInt32LittleEndian(m[2..]),
        OperatorLongitudeE7 = BinaryPrimitives.ReadInt32LittleEndian(m[6..]),
        AreaCount = BinaryPrimitives.ReadUInt16LittleEndian(m[10..]),
        AreaRadiusRaw = m[12],
        AreaCeilingRaw = BinaryPrimitives.ReadUInt16LittleEndian(m[13..]),
        AreaFloorRaw = BinaryPrimitives.ReadUInt16LittleEndian(m[15..]),
        Category = m[17] >> 4,
        Class = m[17] & 0xF,
        OperatorAltitudeRaw = BinaryPrimitives.ReadUInt16LittleEndian(m[18..]),
        TimestampSeconds2019 = BinaryPrimitives.ReadUInt32LittleEndian(m[20..]),
    };

    private void ReadAuthentication(in FrameContext frame, ReadOnlySpan<byte> m, int version)
    {
        int authType = m[1] >> 4;
        int page = m[1] & 0xF;
        if (page == 0)
        {
            int last = m[2];
            int length = m[3];
            uint time = BinaryPrimitives.ReadUInt32LittleEndian(m[4..]);
            _handler.OnAuthentication(frame, new AuthenticationPage(version, authType, 0, last, length, time, m[8..].ToArray()));
        }
        else
        {
            _handler.OnAuthentication(frame, new AuthenticationPage(version, authType, page, -1, -1, 0, m[2..].ToArray()));
        }
    }

    /// <summary>The last string decoded from the same bytes, so a repeated ID costs no allocation.</summary>
    private sealed class AsciiCache
    {
        private readonly byte[] _last = new byte[32];
        private int _lastLength = -1;
        private string _value = "";

        public string Get(ReadOnlySpan<byte> raw)
        {
            int end = raw.IndexOf((byte)0);
            var text = end < 0 ? raw : raw[..end];
            if (_lastLength == text.Length && text.SequenceEqual(_last.AsSpan(0, _lastLength)))
            {
                return _value;
            }

            text.CopyTo(_last);
            _lastLength = text.Length;
            // The standard says ASCII; other bytes are kept visible as Latin-1 so nothing is lost.
            _value = System.Text.Encoding.Latin1.GetString(text);
            return _value;
        }
    }
}
