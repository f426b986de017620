using System.Buffers.Binary;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

internal sealed partial class FlightRecordWalker
{
    private enum FrameCheck
    {
        Valid,
        BadEndByte,
        BadCheckByte,
        PastEnd,
    }

    /// <summary>Frames records from the records start to the records end, resynchronising over damage.</summary>
    private void WalkRecords()
    {
        long pos = _recordsStart;
        long end = _recordsEnd;
        int header = HeaderLength;
        while (pos < end)
        {
            if ((_records & 0x3FF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            var check = CheckAt(pos, end, out byte type, out int length);
            if (check == FrameCheck.Valid)
            {
                DecodeRecord(pos, type, length);
                pos += header + length + 1;
                continue;
            }

            if (IsEndMarker(pos, end))
            {
                ReportEndMarker(pos, end);
                return;
            }

            if (_picturesStart is null && StartsWithJpeg(pos) && PictureBytes() > 0)
            {
                // Pictures found by their start marker (details lengths did not place them).
                _picturesStart = pos;
                return;
            }

            if (check == FrameCheck.BadCheckByte && CheckAt(pos + header + length + 1, end, out _, out _) is FrameCheck.Valid)
            {
                // Framing holds on both sides: the body is damaged, not the length. Skip just this record.
                _sink.AddDiagnostic(pos, DiagnosticKind.Crc, $"{FlightRecordType.Name(type)} record fails its XOR check byte; skipped", header + length + 1);
                _sink.AddCounter(CounterGroup, "xorCheckFailures");
                AdvanceCipherPast(pos, type, length);
                pos += header + length + 1;
                continue;
            }

            long next = FindNextRecord(pos + 1, end);
            if (next < 0)
            {
                ReportUnframedTail(pos, end, check, type, length);
                return;
            }

            _sink.AddDiagnostic(pos, DiagnosticKind.Resync,
                $"no valid record at {pos} ({Describe(check)}, type {type}, length {length}); skipped {next - pos} bytes to the next record at {next}", next - pos);
            pos = next;
        }
    }

    /// <summary>CBC runs across records: a skipped record's last ciphertext block is still the next record's IV.</summary>
    private void AdvanceCipherPast(long pos, byte type, int length)
    {
        if (_cipher is null)
        {
            return;
        }

        var point = FeaturePoints.ForRecordType(type, _version);
        if (point == FeaturePoint.Plaintext || length < 2)
        {
            return;
        }

        var payload = _window.Get(pos + HeaderLength, length);
        var body = _body.AsSpan(0, length - 2);
        FlightRecordScrambler.TryUnscramble(type, payload, body, _prefix.MagicVersion);
        _cipher.Skip(point, body);
    }

    private static string Describe(FrameCheck check) => check switch
    {
        FrameCheck.BadEndByte => "end byte is not 0xFF",
        FrameCheck.BadCheckByte => "XOR check byte does not match",
        FrameCheck.PastEnd => "length runs past the records area",
        _ => "valid",
    };

    /// <summary>Checks the framing of a record at <paramref name="pos"/>: length inside the area, end byte, XOR check byte.</summary>
    private FrameCheck CheckAt(long pos, long end, out byte type, out int length)
    {
        int header = HeaderLength;
        type = 0;
        length = 0;
        var head = _window.Get(pos, header);
        if (head.Length < header)
        {
            return FrameCheck.PastEnd;
        }

        type = head[0];
        length = _prefix.WideLength ? BinaryPrimitives.ReadUInt16LittleEndian(head[1..]) : head[1];
        long recordEnd = pos + header + length + 1;
        if (recordEnd > end)
        {
            return FrameCheck.PastEnd;
        }

        var record = _window.Get(pos, header + length + 1);
        if (record.Length < header + length + 1)
        {
            return FrameCheck.PastEnd;
        }

        if (record[header + length] != 0xFF)
        {
            return FrameCheck.BadEndByte;
        }

        if (_prefix.Scrambled && !FlightRecordScrambler.CheckMatches(type, record.Slice(header, length), _prefix.MagicVersion))
        {
            // Zero-length payloads cannot carry seed and check byte; v7+ records always have both (len ≥ 2).
            return FrameCheck.BadCheckByte;
        }

        return FrameCheck.Valid;
    }

    /// <summary>
    /// The next offset where a record frames, or -1. Before v7 there is no check byte, so a candidate must be
    /// followed by a second well-framed record (or the area end) to count.
    /// </summary>
    private long FindNextRecord(long from, long end)
    {
        int header = HeaderLength;
        int longestRecord = header + (_prefix.WideLength ? ushort.MaxValue : byte.MaxValue) + 1;
        int chunk = _window.Capacity;
        long skipCheckedUpTo = from;
        for (long p = from; p < end; p++)
        {
            if (p >= skipCheckedUpTo)
            {
                // Fast path over long runs without a 0xFF byte (zeroed or sparse regions): a record starting
                // here must end in a 0xFF within its longest length, and the end marker has none, so look ahead.
                _cancellationToken.ThrowIfCancellationRequested();
                var ahead = _window.Get(p, chunk);
                skipCheckedUpTo = p + Math.Max(1, ahead.Length - longestRecord);
                if (ahead.Length == chunk && chunk > longestRecord + 1 && ahead.IndexOf((byte)0xFF) < 0 && ahead.IndexOf(s_endMarkerBytes) < 0)
                {
                    p += ahead.Length - longestRecord - 1;
                    continue;
                }
            }

            if (CheckAt(p, end, out _, out int length) != FrameCheck.Valid)
            {
                if (IsEndMarker(p, end) || (_picturesStart is null && PictureBytes() > 0 && StartsWithJpeg(p)))
                {
                    return p;
                }

                continue;
            }

            if (_prefix.Scrambled)
            {
                return p;
            }

            // Without a check byte, accept a known type followed by two more well-framed records (or the end).
            if (FlightRecordType.IsKnown(Type(p)) && ChainFrames(p + header + length + 1, end, 2))
            {
                return p;
            }
        }

        return -1;
    }

    private static readonly bool[] s_mapped = BuildMapped();

    private static bool[] BuildMapped()
    {
        var mapped = new bool[256];
        foreach (byte type in (byte[])[
            FlightRecordType.Osd, FlightRecordType.Home, FlightRecordType.Gimbal, FlightRecordType.Rc, FlightRecordType.RcDisplayField, FlightRecordType.Custom, FlightRecordType.Camera,
            FlightRecordType.SmartBattery, FlightRecordType.AppTip, FlightRecordType.AppWarn, FlightRecordType.AppSeriousWarn,
            FlightRecordType.Recover, FlightRecordType.ComponentSerial, FlightRecordType.KeyStorage, FlightRecordType.KeyStorageRecover])
        {
            mapped[type] = true;
        }

        return mapped;
    }

    private byte Type(long p) => _window.Get(p, 1)[0];

    private bool ChainFrames(long p, long end, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (p >= end || IsEndMarker(p, end))
            {
                return true;
            }

            if (CheckAt(p, end, out byte type, out int length) != FrameCheck.Valid || !FlightRecordType.IsKnown(type))
            {
                return false;
            }

            p += HeaderLength + length + 1;
        }

        return true;
    }

    private static readonly byte[] s_endMarkerBytes = [0x39, 0x30, 0x00, 0x00];

    /// <summary>The u32 12345 end-of-records marker, followed by the area end, pictures or a few junk bytes.</summary>
    private bool IsEndMarker(long pos, long end)
    {
        if (end - pos < 4)
        {
            return false;
        }

        var bytes = _window.Get(pos, 4);
        if (bytes.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != EndMarker)
        {
            return false;
        }

        long after = pos + 4;
        return after == end || after == _recordsEnd || StartsWithJpeg(after) || end - after <= 64;
    }

    private void ReportEndMarker(long pos, long end)
    {
        _sink.AddCounter(CounterGroup, "endMarker");
        _endMarkerSeen = true;
        long after = pos + 4;
        if (_picturesStart is null && PictureBytes() > 0 && StartsWithJpeg(after))
        {
            _picturesStart = after;
            return;
        }

        long trailing = end - after;
        if (trailing > 0)
        {
            // Seen in DJI FPV v14 logs: a few bytes after the marker that frame as no record.
            _sink.AddDiagnostic(after, DiagnosticKind.Note, $"{trailing} bytes after the end-of-records marker are not records; ignored", trailing);
            _sink.AddCounter(CounterGroup, "trailingBytes", trailing);
        }
    }

    private void ReportUnframedTail(long pos, long end, FrameCheck check, byte type, int length)
    {
        long tail = end - pos;
        if (check == FrameCheck.PastEnd && end == _window.Length)
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Truncated,
                $"file ends inside a {FlightRecordType.Name(type)} record at {pos} ({tail} of {HeaderLength + length + 1} bytes present)", tail);
        }
        else
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Resync, $"{tail} bytes at {pos} frame as no record ({Describe(check)}); skipped to the end of the records area", tail);
        }

        _sink.AddCounter(CounterGroup, "trailingBytes", tail);
    }

    /// <summary>De-scrambles (v7+), decrypts (v13+ with keys) and dispatches one well-framed record.</summary>
    private void DecodeRecord(long pos, byte type, int length)
    {
        _records++;
        if (!_prefix.Encrypted && !s_mapped[type])
        {
            // Framing and the check byte are already verified; records that map to nothing are only counted.
            Count(pos, type, length);
            return;
        }

        int header = HeaderLength;
        var payload = _window.Get(pos + header, length);
        ReadOnlySpan<byte> body;
        if (_prefix.Scrambled)
        {
            var target = _body.AsSpan(0, Math.Max(0, length - 2));
            FlightRecordScrambler.TryUnscramble(type, payload, target, _prefix.MagicVersion);
            body = target;
        }
        else
        {
            body = payload;
        }

        if (_prefix.Encrypted)
        {
            var point = FeaturePoints.ForRecordType(type, _version);
            if (point != FeaturePoint.Plaintext)
            {
                if (_cipher is null || !_cipher.HasKey(point))
                {
                    CountEncrypted(pos, type, point);
                    return;
                }

                int plainLength = _cipher.Decrypt(point, body, _plain);
                if (plainLength < 0)
                {
                    Count(pos, type, length);
                    _sink.AddDiagnostic(pos, DiagnosticKind.Decryption,
                        $"{FlightRecordType.Name(type)} record does not decrypt with the {FeaturePoints.JsonName(point)} key of keychain {_cipher.KeychainIndex} (wrong keys or damaged record)", header + length + 1);
                    _sink.AddCounter(CounterGroup, "decryptionFailures");
                    return;
                }

                body = _plain.AsSpan(0, plainLength);
                _decryptedRecords++;
            }
        }

        Count(pos, type, length);
        Dispatch(pos, type, body);
    }

    // Records by type, tallied here and handed to the sink once at the end: the sink's counts are keyed by name, and
    // hashing a name per record was a measurable share of the walk.
    private readonly long[] _countsByType = new long[256];
    private long _osdWithoutPosition;
    private long _decryptedRecords;

    private void ReportRecordCounts()
    {
        for (int type = 0; type < _countsByType.Length; type++)
        {
            if (_countsByType[type] > 0)
            {
                _sink.CountRecord(FlightRecordType.Name((byte)type), _countsByType[type]);
                _countsByType[type] = 0;
            }
        }

        if (_osdWithoutPosition > 0)
        {
            _sink.AddCounter(CounterGroup, "osdWithoutPosition", _osdWithoutPosition);
            _osdWithoutPosition = 0;
        }

        if (_decryptedRecords > 0)
        {
            _sink.AddCounter(CounterGroup, "decryptedRecords", _decryptedRecords);
            _decryptedRecords = 0;
        }
    }

    private void Count(long pos, byte type, int length)
    {
        if (FlightRecordType.IsKnown(type))
        {
            _countsByType[type]++;
        }
        else
        {
            _sink.UnknownRecord(pos, FlightRecordType.Name(type), HeaderLength + length + 1);
        }
    }

    private void CountEncrypted(long pos, byte type, FeaturePoint point)
    {
        Count(pos, type, 0);
        _encryptedRecords++;
        if (!_encryptedReported)
        {
            _encryptedReported = true;
            string why = _keychains is null
                ? "no keychains were given (--keychains FILE with the JSON of DJI's keychain service decrypts them offline)"
                : $"the keychains have no {FeaturePoints.JsonName(point)} key for this section";
            _sink.AddDiagnostic(pos, DiagnosticKind.Encrypted,
                $"version {_version} records are AES-encrypted and were counted, not decoded: {why}; the track (OSD, HOME, GIMBAL, CUSTOM, ...) needs the keys");
        }
    }
}
