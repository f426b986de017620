using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Runtime.CompilerServices;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Core.IO;

namespace FlightForensics.OnboardLogs.ULog;

/// <summary>Options of the ULog message reader.</summary>
public sealed record ULogReaderOptions
{
    public static ULogReaderOptions Default { get; } = new();

    /// <summary>Read buffer; a message is at most 65,538 bytes, and resync looks two messages ahead.</summary>
    public int BufferBytes { get; init; } = 512 * 1024;

    /// <summary>At most this many parameters and info values are kept (all are counted).</summary>
    public int MaxStoredKeyValues { get; init; } = 100_000;

    /// <summary>At most this many formats and this many distinct subscriptions are kept; more is treated as damage.</summary>
    public int MaxDefinitions { get; init; } = 100_000;
}

/// <summary>The ULog flag-bits message ('B').</summary>
public sealed record ULogFlags(byte[] Compat, byte[] Incompat, ulong[] AppendedOffsets)
{
    /// <summary>incompat_flags[0] bit 0: data was appended at the offsets given.</summary>
    public bool DataAppended => Incompat.Length > 0 && (Incompat[0] & 1) != 0;
}

/// <summary>
/// Streaming reader of PX4 ULog files (mavlink-formats.md §7): header, flag bits, definitions (formats with
/// nesting, info, multi-info, parameters, default parameters), subscriptions, data, logged strings (plain and
/// tagged), sync, dropouts, appended data. Definitions update the reader's state before the message is returned.
/// Damage: a message that cannot be valid starts a resynchronisation on the next position where two consecutive
/// plausible message headers follow. Memory is one fixed buffer plus the definitions (capped).
/// </summary>
public sealed class ULogReader : IDisposable
{
    public static ReadOnlySpan<byte> Magic => "ULog\x01\x12\x35"u8;
    public const int HeaderLength = 16;

    private readonly IDiagnosticSink? _diagnostics;
    private readonly ULogReaderOptions _options;
    private readonly Dictionary<string, ULogFormat> _formats = new(StringComparer.Ordinal);
    private readonly ULogSubscription?[] _byMsgId = new ULogSubscription?[65536];
    private readonly List<ULogSubscription> _subscriptions = [];
    private readonly Dictionary<string, string> _info = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _multiInfo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _parameters = new(StringComparer.Ordinal);
    private readonly List<long> _appendedOffsets = [];
    private readonly ForwardReader _in;
    private bool _headerRead;
    private bool _firstMessage = true;
    private int _nextAppended;
    private long _multiInfoChars;
    private const long MaxMultiInfoChars = 16 * 1024 * 1024;

    public ULogReader(Stream stream, IDiagnosticSink? diagnostics = null, ULogReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _options = options ?? ULogReaderOptions.Default;
        _diagnostics = diagnostics;
        _in = new ForwardReader(stream, Math.Max(256 * 1024, _options.BufferBytes));
    }

    /// <summary>Header version byte (0 in early logs, 1 now); -1 before the header was read or when it is missing.</summary>
    public int Version { get; private set; } = -1;

    /// <summary>Header timestamp (µs), the logger's start.</summary>
    public ulong HeaderTimestampUs { get; private set; }
    public ULogFlags? Flags { get; private set; }
    public IReadOnlyDictionary<string, ULogFormat> Formats => _formats;
    public IReadOnlyList<ULogSubscription> Subscriptions => _subscriptions;

    /// <summary>'I' information by key name (values as text: numbers invariant, char arrays as strings).</summary>
    public IReadOnlyDictionary<string, string> Info => _info;

    /// <summary>'M' multi-information by key name, continued parts joined.</summary>
    public IReadOnlyDictionary<string, string> MultiInfo => _multiInfo;

    /// <summary>'P' parameters, last value wins (capped at <see cref="ULogReaderOptions.MaxStoredKeyValues"/>).</summary>
    public IReadOnlyDictionary<string, double> Parameters => _parameters;

    public long ParameterMessages { get; private set; }
    public long DefaultParameterMessages { get; private set; }
    public long SkippedBytes { get; private set; }
    public long Position => _in.Position;

    /// <summary>Reads the header (once) and the next message.</summary>
    // Fully optimised from the first call under tiered JIT, for the reason given at DataFlashReader.TryReadNext.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadNext(out ULogMessage message)
    {
        message = default;
        if (!_headerRead && !ReadHeader())
        {
            return false;
        }

        while (true)
        {
            if (!_in.TryEnsure(3))
            {
                ReportTail();
                return false;
            }

            long offset = Position;
            while (_nextAppended < _appendedOffsets.Count && _appendedOffsets[_nextAppended] <= offset)
            {
                _nextAppended++;
            }

            _ = _in.TryEnsure(5); // the msg_id of a data message, for the plausibility check; fewer at the very end is fine
            var head = _in.Peek(3);
            int size = BinaryPrimitives.ReadUInt16LittleEndian(head);
            byte type = head[2];
            if (!IsPlausible(type, size, 0, checkData: true))
            {
                Resync(offset, type, size);
                continue;
            }

            if (!_in.TryEnsure(3 + size))
            {
                int have = _in.Available;
                Report(new Diagnostic(offset, DiagnosticKind.Truncated,
                    $"file ends inside a '{(char)type}' message: {have} of {3 + size} bytes present", have));
                SkippedBytes += _in.AdvanceToBufferEnd();
                return false;
            }

            if (_nextAppended < _appendedOffsets.Count && _appendedOffsets[_nextAppended] < offset + 3 + size)
            {
                // The logger stopped mid-message and appended data at the stated offset (ULog spec, flag bits): the cut
                // message is discarded and reading continues at the appended data.
                long target = _appendedOffsets[_nextAppended];
                Report(new Diagnostic(offset, DiagnosticKind.Truncated,
                    $"'{(char)type}' message cut by appended data starting at offset {target}", target - offset));
                SkipTo(target);
                continue;
            }

            var body = _in.Peek(3 + size)[3..];
            _in.Advance(3 + size);
            bool first = _firstMessage;
            _firstMessage = false;
            ULogSubscription? subscription = null;
            switch (type)
            {
                case ULogMessageType.FlagBits: OnFlagBits(offset, body, first); break;
                case ULogMessageType.Format: OnFormat(offset, body); break;
                case ULogMessageType.Info: OnInfo(body, multi: false); break;
                case ULogMessageType.MultiInfo: OnInfo(body, multi: true); break;
                case ULogMessageType.Parameter: ParameterMessages++; OnParameter(body, 0); break;
                case ULogMessageType.DefaultParameter: DefaultParameterMessages++; OnParameter(body, 1); break;
                case ULogMessageType.Subscription: OnSubscription(offset, body); break;
                case ULogMessageType.Unsubscription: _byMsgId[BinaryPrimitives.ReadUInt16LittleEndian(body)] = null; break;
                case ULogMessageType.Data:
                    subscription = _byMsgId[BinaryPrimitives.ReadUInt16LittleEndian(body)];
                    if (subscription is not null)
                    {
                        subscription.DataCount++;
                    }

                    break;
                default: break;
            }

            message = new ULogMessage(offset, type, body, subscription);
            return true;
        }
    }

    private bool ReadHeader()
    {
        _headerRead = true;
        long start = Position;
        if (!_in.TryReadBytes(HeaderLength, out var head))
        {
            int have = _in.Available;
            Report(new Diagnostic(start, DiagnosticKind.Truncated, $"file ends inside the 16-byte ULog header ({have} bytes)", have));
            _in.AdvanceToBufferEnd();
            return false;
        }

        // Header (ULog spec "File Header"): magic[7], version u8, timestamp u64 µs.
        var header = new SpanCursor(head);
        if (header.TryReadBytes(Magic.Length, out var magic) && !magic.SequenceEqual(Magic))
        {
            Report(new Diagnostic(start, DiagnosticKind.Corrupt, "the ULog magic (55 4C 6F 67 01 12 35) is damaged; reading on from byte 16", 7));
        }

        if (header.TryReadByte(out byte version) && header.TryReadUInt64(out ulong timestampUs))
        {
            Version = version;
            HeaderTimestampUs = timestampUs;
        }

        return true;
    }

    private void OnFlagBits(long offset, ReadOnlySpan<byte> body, bool first)
    {
        if (!first)
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, "flag-bits message ('B') is not the first message; ignored", 3 + body.Length));
            return;
        }

        // Flag bits (ULog spec): compat_flags[8], incompat_flags[8], appended_offsets u64[3]. IsPlausible let only
        // bodies of 40 bytes or more through; the cursor keeps this method safe on its own.
        var fields = new SpanCursor(body);
        var appended = new ulong[3];
        if (!fields.TryReadBytes(8, out var compatBytes) || !fields.TryReadBytes(8, out var incompatBytes)
            || !fields.TryReadUInt64(out appended[0]) || !fields.TryReadUInt64(out appended[1]) || !fields.TryReadUInt64(out appended[2]))
        {
            return;
        }

        var compat = compatBytes.ToArray();
        var incompat = incompatBytes.ToArray();
        Flags = new ULogFlags(compat, incompat, appended);
        if ((incompat[0] & ~1) != 0 || incompat.AsSpan(1).ContainsAnyExcept((byte)0))
        {
            // The spec asks parsers to refuse such files; evidence is read anyway, with this warning.
            Report(new Diagnostic(offset, DiagnosticKind.Note,
                $"unknown incompatible flag bits set ({Convert.ToHexString(incompat)}); the file may use features this reader does not know"));
        }

        if (Flags.DataAppended)
        {
            foreach (ulong a in appended)
            {
                if (a != 0 && a > (ulong)offset && a < long.MaxValue)
                {
                    _appendedOffsets.Add((long)a);
                }
            }

            _appendedOffsets.Sort();
        }
    }

    private void OnFormat(long offset, ReadOnlySpan<byte> body)
    {
        string text = Text(body);
        var format = ULogFormat.Parse(text, out string? problem);
        if (format is null)
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, $"format definition unusable: {problem}", 3 + body.Length));
            return;
        }

        if (_formats.Count >= _options.MaxDefinitions && !_formats.ContainsKey(format.Name))
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, $"more than {_options.MaxDefinitions} formats; format {format.Name} ignored", 3 + body.Length));
            return;
        }

        if (_formats.TryGetValue(format.Name, out var previous) && previous.Definition != text)
        {
            Report(new Diagnostic(offset, DiagnosticKind.Note, $"format {format.Name} redefined"));
        }

        _formats[format.Name] = format;
    }

    private void OnSubscription(long offset, ReadOnlySpan<byte> body)
    {
        // Subscription (ULog spec 'A'): multi_id u8, msg_id u16, message_name char[] (IsPlausible: 4 bytes or more).
        var fields = new SpanCursor(body);
        if (!fields.TryReadByte(out byte multiId) || !fields.TryReadUInt16(out ushort msgId))
        {
            return;
        }

        string name = Text(fields.Rest);
        if (_byMsgId[msgId] is { } existing && existing.MultiId == multiId && existing.Name == name)
        {
            return; // the same subscription again (re-subscribed): keep counting on the first
        }

        if (_subscriptions.Count >= _options.MaxDefinitions)
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, $"more than {_options.MaxDefinitions} subscriptions; this one is ignored", 3 + body.Length));
            return;
        }

        var subscription = new ULogSubscription(msgId, multiId, name, offset);
        if (!_formats.TryGetValue(name, out var format))
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, $"subscription {subscription.Key} (msg_id {msgId}) names a format that is not defined", 3 + body.Length));
        }
        else if (!format.Resolve(_formats))
        {
            Report(new Diagnostic(offset, DiagnosticKind.Corrupt, $"subscription {subscription.Key}: {format.Problem}", 3 + body.Length));
        }
        else
        {
            subscription.Format = format;
        }

        _byMsgId[msgId] = subscription;
        _subscriptions.Add(subscription);
    }

    private void OnInfo(ReadOnlySpan<byte> body, bool multi)
    {
        int start = multi ? 1 : 0;
        if (!TryKeyValue(body[start..], out string type, out string key, out var value))
        {
            return;
        }

        string text = ValueText(type, value);
        if (multi)
        {
            bool continued = body[0] != 0;
            if (continued && _multiInfo.TryGetValue(key, out var existing))
            {
                // Continued values are joined, within a total budget for all multi-info text.
                if (_multiInfoChars + text.Length <= MaxMultiInfoChars)
                {
                    _multiInfo[key] = existing + text;
                    _multiInfoChars += text.Length;
                }
            }
            else if ((_multiInfo.Count < _options.MaxStoredKeyValues || _multiInfo.ContainsKey(key)) && _multiInfoChars + text.Length <= MaxMultiInfoChars)
            {
                _multiInfo[key] = text;
                _multiInfoChars += text.Length;
            }
        }
        else if (_info.Count < _options.MaxStoredKeyValues || _info.ContainsKey(key))
        {
            _info[key] = text;
        }
    }

    private void OnParameter(ReadOnlySpan<byte> body, int skip)
    {
        if (skip > 0 || !TryKeyValue(body[skip..], out string type, out string key, out var value))
        {
            return; // default parameters are counted, not stored
        }

        double? v = type switch
        {
            "int32_t" when value.Length >= 4 => BinaryPrimitives.ReadInt32LittleEndian(value),
            "float" when value.Length >= 4 => BinaryPrimitives.ReadSingleLittleEndian(value),
            _ => null,
        };
        if (v is double d && (_parameters.Count < _options.MaxStoredKeyValues || _parameters.ContainsKey(key)))
        {
            _parameters[key] = d;
        }
    }

    /// <summary>key_len u8, key "type name", value (ULog spec "Information Message").</summary>
    private static bool TryKeyValue(ReadOnlySpan<byte> body, out string type, out string key, out ReadOnlySpan<byte> value)
    {
        type = key = "";
        value = default;
        if (body.Length < 1 || body[0] + 1 > body.Length)
        {
            return false;
        }

        string typeAndName = Encoding.ASCII.GetString(body.Slice(1, body[0]));
        int space = typeAndName.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return false;
        }

        type = typeAndName[..space];
        key = typeAndName[(space + 1)..];
        value = body[(1 + body[0])..];
        return true;
    }

    private static string ValueText(string type, ReadOnlySpan<byte> value)
    {
        var inv = CultureInfo.InvariantCulture;
        int bracket = type.IndexOf('[', StringComparison.Ordinal);
        string baseType = bracket >= 0 ? type[..bracket] : type;
        if (baseType == "char")
        {
            return Text(value);
        }

        return ULogFormat.ParseBaseType(baseType) switch
        {
            ULogBaseType.Int8 when value.Length >= 1 => ((sbyte)value[0]).ToString(inv),
            ULogBaseType.UInt8 or ULogBaseType.Bool when value.Length >= 1 => value[0].ToString(inv),
            ULogBaseType.Int16 when value.Length >= 2 => BinaryPrimitives.ReadInt16LittleEndian(value).ToString(inv),
            ULogBaseType.UInt16 when value.Length >= 2 => BinaryPrimitives.ReadUInt16LittleEndian(value).ToString(inv),
            ULogBaseType.Int32 when value.Length >= 4 => BinaryPrimitives.ReadInt32LittleEndian(value).ToString(inv),
            ULogBaseType.UInt32 when value.Length >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(value).ToString(inv),
            ULogBaseType.Int64 when value.Length >= 8 => BinaryPrimitives.ReadInt64LittleEndian(value).ToString(inv),
            ULogBaseType.UInt64 when value.Length >= 8 => BinaryPrimitives.ReadUInt64LittleEndian(value).ToString(inv),
            ULogBaseType.Float when value.Length >= 4 => BinaryPrimitives.ReadSingleLittleEndian(value).ToString("R", inv),
            ULogBaseType.Double when value.Length >= 8 => BinaryPrimitives.ReadDoubleLittleEndian(value).ToString("R", inv),
            _ => Convert.ToHexString(value),
        };
    }

    private static string Text(ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? bytes[..nul] : bytes);
    }

    /// <summary>
    /// Can a message of this type have this size (and, for data, fit its subscription)? <paramref name="at"/> is where
    /// the message starts, in bytes after the reader's position.
    /// </summary>
    private bool IsPlausible(byte type, int size, int at, bool checkData)
    {
        switch (type)
        {
            case ULogMessageType.FlagBits: return size >= 40;
            case ULogMessageType.Format: return size >= 3;
            case ULogMessageType.Info or ULogMessageType.Parameter: return size >= 2;
            case ULogMessageType.MultiInfo or ULogMessageType.DefaultParameter: return size >= 3;
            case ULogMessageType.Subscription: return size >= 4;
            case ULogMessageType.Unsubscription or ULogMessageType.Dropout: return size == 2;
            case ULogMessageType.Logging: return size >= 9;
            case ULogMessageType.TaggedLogging: return size >= 11;
            case ULogMessageType.Sync: return size == 8;
            case ULogMessageType.Data:
                if (size < 2)
                {
                    return false;
                }

                if (!checkData || _in.Available - at < 5)
                {
                    return true;
                }

                var sub = _byMsgId[BinaryPrimitives.ReadUInt16LittleEndian(_in.Buffered[(at + 3)..])];
                if (sub is null)
                {
                    return false;
                }

                // Trailing padding may be cut off, so a data message may be shorter than its format, never longer.
                return sub.Format is not ULogFormat f || (size - 2 >= f.MinimumSize && size - 2 <= f.Size);
            default: return false;
        }
    }

    /// <summary>
    /// Skips to the next position where a plausible message is followed by another plausible message (or the end of
    /// the file). The sync message's magic would be found this way too; it is not required, as early logs have none.
    /// </summary>
    private void Resync(long start, byte type, int size)
    {
        _in.Advance(1);
        long skipped = 1;
        while (true)
        {
            if (!_in.TryEnsure(3))
            {
                break;
            }

            var head = _in.Peek(3);
            int s = BinaryPrimitives.ReadUInt16LittleEndian(head);
            byte t = head[2];
            if (ULogMessageType.IsKnown(t) && IsPlausible(t, s, 0, checkData: true))
            {
                int next = 3 + s;
                if (!_in.TryEnsure(next + 5))
                {
                    if (_in.Available == next)
                    {
                        break; // the last message of the file
                    }
                }
                else
                {
                    var follower = _in.Buffered[next..];
                    int s2 = BinaryPrimitives.ReadUInt16LittleEndian(follower);
                    byte t2 = follower[2];
                    // The follower only needs a plausible frame: it may itself be damaged or of an unknown msg_id.
                    if (IsPlausible(t2, s2, next, checkData: false))
                    {
                        break;
                    }
                }
            }

            _in.Advance(1);
            skipped++;
        }

        SkippedBytes += skipped;
        string why = ULogMessageType.IsKnown(type)
            ? (type == ULogMessageType.Data ? $"data message of size {size} does not fit any subscription" : $"'{(char)type}' message of impossible size {size}")
            : $"unknown message type 0x{type:X2}";
        Report(new Diagnostic(start, DiagnosticKind.Resync, $"{why}; skipped {skipped} bytes to the next plausible message", skipped));
    }

    private void SkipTo(long target)
    {
        SkippedBytes += _in.SkipTo(target);
    }

    private void ReportTail()
    {
        int remaining = _in.Available;
        if (remaining > 0)
        {
            Report(new Diagnostic(Position, DiagnosticKind.Truncated, $"{remaining} bytes at the end of the file are not a whole message", remaining));
            SkippedBytes += remaining;
            _in.AdvanceToBufferEnd();
        }
    }

    private void Report(Diagnostic diagnostic) => _diagnostics?.AddDiagnostic(diagnostic);

    public void Dispose() => _in.Dispose();
}
