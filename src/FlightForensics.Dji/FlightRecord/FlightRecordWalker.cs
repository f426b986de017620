using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.IO;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>
/// One decoding run over one flight record: layout, framing, resynchronisation, de-scrambling, decryption
/// and the mapping of records into the telemetry model. All state of the run lives here.
/// </summary>
internal sealed partial class FlightRecordWalker : IDisposable
{
    private const string CounterGroup = "dji-txt";
    private const uint EndMarker = 12345; // u32 after the last record (dji-formats.md §2.2)
    private const double RadiansToDegrees = 180.0 / Math.PI;

    private readonly SeekableWindow _window;
    private readonly FlightLogSink _sink;
    private readonly FlightRecordKeychains? _keychains;
    private readonly CancellationToken _cancellationToken;
    // Scratch for one record body (v13 lengths are u16) and its decryption; pooled, returned in Dispose.
    private readonly byte[] _body = ArrayPool<byte>.Shared.Rent(65536);
    private readonly byte[] _plain = ArrayPool<byte>.Shared.Rent(65536 + 16);
    private FlightRecordCipherState? _cipher;

    private FlightRecordPrefix _prefix;
    private int _version;
    private FlightRecordDetails? _details;
    private long _recordsStart;
    private long _recordsEnd;
    private long _areaEnd;
    private long? _picturesStart;
    private bool _picturesReported;
    private bool _encryptedReported;
    private bool _endMarkerSeen;
    private long _afterDetails = -1;
    private long _detailsOffset;
    private long _encryptedRecords;
    private long _records;

    public FlightRecordWalker(SeekableWindow window, FlightLogSink sink, FlightRecordKeychains? keychains, CancellationToken cancellationToken)
    {
        _window = window;
        _sink = sink;
        _keychains = keychains;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Set when the run only gathers the keychain request material (FlightRecordKeychainRequest.Read).</summary>
    public Keychains.KeychainRequestCollector? RequestCollector { get; init; }

    private int HeaderLength => _prefix.WideLength ? 3 : 2;

    public void Run()
    {
        long length = _window.Length;
        var head = _window.Get(0, FlightRecordPrefix.LongLength);
        if (!FlightRecordPrefix.TryParse(head, out _prefix))
        {
            _sink.AddDiagnostic(0, DiagnosticKind.Truncated, $"file of {length} bytes is shorter than the {FlightRecordPrefix.ShortLength}-byte header", length);
            return;
        }

        _version = _prefix.Version;
        _sink.SetFormatVersion(_version.ToString(CultureInfo.InvariantCulture));
        _sink.AddVehicle(new VehicleIdentity { Manufacturer = "DJI", Autopilot = "DJI" });
        if (_version == 0)
        {
            // No flight record has version 0 (a zeroed or foreign file): nothing can be framed reliably.
            _sink.AddDiagnostic(10, DiagnosticKind.Corrupt, "version byte is 0: not a flight record header (zeroed or damaged); nothing decoded", length);
            return;
        }
        else if (_version > FlightRecordPrefix.NewestKnownVersion)
        {
            _sink.AddDiagnostic(10, DiagnosticKind.Note, $"version {_version} is newer than the newest known ({FlightRecordPrefix.NewestKnownVersion}); decoding with the version {FlightRecordPrefix.NewestKnownVersion} layout");
        }

        CheckVersionAgainstStructure(length);
        if (_prefix.Length > length)
        {
            _sink.AddDiagnostic(0, DiagnosticKind.Truncated, $"file ends at {length} inside the {_prefix.Length}-byte header", length);
            return;
        }

        if (_prefix.Encrypted)
        {
            ReadAuxiliaryBlocks(length);
            if (_keychains is not null)
            {
                _cipher = new FlightRecordCipherState(_keychains);
            }
        }
        else
        {
            LocateDetailsBeforeV13(length);
        }

        ApplyDetails();
        LocatePictures();
        try
        {
            WalkRecords();
        }
        finally
        {
            ReportRecordCounts();
        }

        FlushFrame();
        if (_prefix.Encrypted && !_endMarkerSeen && _details is not null)
        {
            // Every v13+ writer ends the records with the marker; without it the file was most likely cut.
            _sink.AddDiagnostic(_window.Length, DiagnosticKind.Truncated, "records end without the end-of-records marker: the file is probably cut here");
        }

        ReportPictures();
        ReportAfterDetails(length);
        SetTakeoffPointFromDetails();
        ReportEncryptionSummary();
        _sink.AddCounter(CounterGroup, "records", _records);
    }

    // ---- layout ---------------------------------------------------------------------------------------------

    private void LocateDetailsBeforeV13(long length)
    {
        if (_version == 12)
        {
            // v12: details right after the prefix, records after them (no sample exists; lvauvillier lib.rs).
            const int detailsStart = FlightRecordPrefix.LongLength;
            _details = FlightRecordDetails.Parse(_window.Get(detailsStart, 436), _version);
            _detailsOffset = detailsStart;
            _recordsStart = detailsStart + 436;
            _areaEnd = length;
            return;
        }

        _recordsStart = _prefix.Length;
        long detailOffset = _prefix.DetailOffset > (ulong)long.MaxValue ? long.MaxValue : (long)_prefix.DetailOffset;
        if (detailOffset < _recordsStart)
        {
            _sink.AddDiagnostic(0, DiagnosticKind.Corrupt, $"details offset {detailOffset} points into the header; records are read to the end of the file");
            _areaEnd = length;
            return;
        }

        if (detailOffset >= length)
        {
            _sink.AddDiagnostic(length, DiagnosticKind.Truncated,
                $"file ends at {length}, before the details block at {detailOffset}: the summary and pictures are missing and the last record may be cut",
                Math.Min(detailOffset - length + _prefix.DetailLength, int.MaxValue));
            _areaEnd = length;
            return;
        }

        _areaEnd = detailOffset;
        int detailLength = Math.Max((int)_prefix.DetailLength, 400);
        var block = _window.Get(detailOffset, detailLength);
        if (block.Length < detailLength)
        {
            _sink.AddDiagnostic(detailOffset + block.Length, DiagnosticKind.Truncated,
                $"details block at {detailOffset} is cut after {block.Length} of {detailLength} bytes", detailLength - block.Length);
        }
        else if (detailOffset + detailLength < length)
        {
            _afterDetails = detailOffset + detailLength;
        }

        _details = FlightRecordDetails.Parse(block, _version);
        _detailsOffset = detailOffset;
    }

    private void ReadAuxiliaryBlocks(long length)
    {
        // v13+: [kind u8][len u16][body] blocks at 100; kind 0 = info (XOR with type 0), kind 1 = version (§2.6).
        long pos = FlightRecordPrefix.LongLength;
        long declaredStart = _prefix.DetailOffset > (ulong)length ? -1 : (long)_prefix.DetailOffset;
        for (int block = 0; block < 8 && pos + 3 <= length; block++)
        {
            if (declaredStart >= 0 && pos >= declaredStart)
            {
                break;
            }

            var header = _window.Get(pos, 3);
            byte kind = header[0];
            int blockLength = BinaryPrimitives.ReadUInt16LittleEndian(header[1..]);
            var body = _window.Get(pos + 3, blockLength);
            if (body.Length < blockLength)
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Truncated, $"auxiliary block {kind} at {pos} is cut after {body.Length} of {blockLength} bytes", blockLength - body.Length);
                break;
            }

            if (kind == 0)
            {
                ReadInfoBlock(pos, body);
            }
            else if (kind == 1 && blockLength >= 3)
            {
                int keyVersion = BinaryPrimitives.ReadUInt16LittleEndian(body);
                int department = body[2];
                _sink.AddCounter(CounterGroup, "keychainVersion", keyVersion);
                _sink.AddCounter(CounterGroup, "department", department);
                if (RequestCollector is { } collector)
                {
                    collector.Version = keyVersion;
                    collector.Department = department is >= 1 and <= 8 ? department : Keychains.FlightRecordKeychainRequest.FallbackDepartment;
                }

                string? app = FlightRecordCodes.DepartmentName(department);
                if (app is not null)
                {
                    _sink.AddVehicle(new VehicleIdentity { AppName = app });
                }
            }
            else
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Note, $"auxiliary block of unknown kind {kind} ({blockLength} bytes) skipped", blockLength);
            }

            pos += 3 + blockLength;
        }

        if (_details is null)
        {
            bool cut = pos + 3 > length;
            _sink.AddDiagnostic(pos, cut ? DiagnosticKind.Truncated : DiagnosticKind.Corrupt,
                cut ? $"file ends at {length} inside the auxiliary blocks; no flight summary" : "no flight summary (auxiliary info block) found", cut ? length - pos : 0);
        }

        _recordsStart = declaredStart >= FlightRecordPrefix.LongLength ? declaredStart : pos;
        if (declaredStart >= 0 && declaredStart != pos)
        {
            _sink.AddDiagnostic(FlightRecordPrefix.LongLength, DiagnosticKind.Corrupt,
                $"header says records start at {declaredStart}, auxiliary blocks end at {pos}; using {_recordsStart}");
        }

        _areaEnd = length;
    }

    private void ReadInfoBlock(long pos, ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2)
        {
            return;
        }

        var decoded = _body.AsSpan(0, payload.Length - 2);
        if (!FlightRecordScrambler.TryUnscramble(0, payload, decoded, _prefix.MagicVersion))
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Crc, "auxiliary info block fails its XOR check byte; details read anyway", payload.Length);
        }

        // u8 version, u16 info length, info (the details block), u16 signature length, signature.
        if (decoded.Length < 3)
        {
            return;
        }

        int infoLength = BinaryPrimitives.ReadUInt16LittleEndian(decoded[1..]);
        var info = decoded[3..Math.Min(decoded.Length, 3 + infoLength)];
        _details = FlightRecordDetails.Parse(info, _version);
        _detailsOffset = pos;
        if (_details is null)
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Corrupt, $"details inside the auxiliary info block are {info.Length} bytes, fewer than {FlightRecordDetails.MinimumLength}");
        }

        if (3 + infoLength + 2 <= decoded.Length)
        {
            int signatureLength = BinaryPrimitives.ReadUInt16LittleEndian(decoded[(3 + infoLength)..]);
            _sink.AddCounter(CounterGroup, "infoSignatureBytes", signatureLength);
        }
    }

    private void ApplyDetails()
    {
        var d = _details;
        if (d is null)
        {
            _recordsEnd = _areaEnd;
            return;
        }

        _sink.SetVehicle(new VehicleIdentity
        {
            Manufacturer = "DJI",
            Model = d.ProductName,
            AircraftName = NullIfEmpty(d.AircraftName),
            AircraftSerial = NullIfEmpty(d.AircraftSerial),
            CameraSerial = NullIfEmpty(d.CameraSerial),
            RemoteControllerSerial = NullIfEmpty(d.RemoteControllerSerial),
            BatterySerial = NullIfEmpty(d.BatterySerial),
            AppVersion = d.AppVersion == "0.0.0" ? null : d.AppVersion,
            VehicleType = "multirotor",
        });
        string? platform = FlightRecordCodes.PlatformName(d.AppPlatformCode);
        if (platform is not null)
        {
            _sink.AddVehicle(new VehicleIdentity { AppName = $"DJI app ({platform})" });
        }

        _sink.AddCounter(CounterGroup, "productType", d.ProductTypeCode);
        _sink.AddCounter(CounterGroup, "detailsRecordLineCount", d.RecordLineCount);
        // The summary the app wrote into the header, as neutral facts (whole units: counters are integers), so that a
        // reader can hold it against the records (dji-formats.md §2.3 details block).
        _sink.AddCounter(CounterGroup, "detailsOffset", _detailsOffset);
        _sink.AddCounter(CounterGroup, "detailsTotalTimeMs", d.TotalTimeMilliseconds);
        _sink.AddCounter(CounterGroup, "detailsTotalDistanceCm", Centi(d.TotalDistanceMeters));
        _sink.AddCounter(CounterGroup, "detailsMaxHeightCm", Centi(d.MaxHeightMeters));
        _sink.AddCounter(CounterGroup, "detailsMaxHorizontalSpeedCmps", Centi(d.MaxHorizontalSpeedMetersPerSecond));
        if (d.StartUtc is DateTimeOffset start)
        {
            _sink.SetStartUtc(start);
        }
        else if (d.StartTimeMilliseconds != 0)
        {
            _sink.AddDiagnostic(0, DiagnosticKind.InvalidValue, $"details start time {d.StartTimeMilliseconds} ms is outside 2010–2100; ignored");
        }

        _recordsEnd = _areaEnd;
    }

    private static long Centi(float value) => float.IsFinite(value) && Math.Abs(value) < 1e12f ? (long)Math.Round(value * 100.0) : 0;

    private void LocatePictures()
    {
        // Moment pictures (full images, then thumbnails) sit between the records (and the optional end marker)
        // and the details block; their lengths are in the details (dji-formats.md §2.2).
        long total = PictureBytes();
        if (total <= 0)
        {
            return;
        }

        long candidate = _areaEnd - total;
        if (candidate < _recordsStart || !StartsWithJpeg(candidate))
        {
            _sink.AddDiagnostic(Math.Max(candidate, 0), DiagnosticKind.Note,
                $"details announce {total} bytes of pictures before offset {_areaEnd}, but no JPEG starts at {candidate}; looking for them while reading records");
            return;
        }

        _picturesStart = candidate;
        _recordsEnd = candidate;
        var marker = _window.Get(candidate - 4, 4);
        if (candidate - 4 >= _recordsStart && marker.Length == 4 && BinaryPrimitives.ReadUInt32LittleEndian(marker) == EndMarker)
        {
            // Keep the marker inside the walked area: the walker reports it as the end marker.
        }
    }

    private long PictureBytes()
    {
        var d = _details;
        if (d is null)
        {
            return 0;
        }

        long total = 0;
        foreach (int n in d.MomentPictureLengths)
        {
            total += n is > 0 and < 64 * 1024 * 1024 ? n : 0;
        }

        foreach (int n in d.MomentThumbnailLengths)
        {
            total += n is > 0 and < 64 * 1024 * 1024 ? n : 0;
        }

        return total;
    }

    private bool StartsWithJpeg(long offset)
    {
        var soi = _window.Get(offset, 3);
        return soi.Length == 3 && soi[0] == 0xFF && soi[1] == 0xD8 && soi[2] == 0xFF;
    }

    private void ReportPictures()
    {
        if (_picturesReported || _details is null)
        {
            return;
        }

        if (_picturesStart is not long start)
        {
            long announced = PictureBytes();
            if (announced > 0)
            {
                _sink.AddDiagnostic(_recordsEnd, DiagnosticKind.Truncated, $"details announce {announced} bytes of moment pictures, but none were found after the records", announced);
            }

            return;
        }

        _picturesReported = true;
        long pos = start;
        pos = ReportPictureSet(pos, _details.MomentPictureLengths, "moment-{0}.jpg");
        ReportPictureSet(pos, _details.MomentThumbnailLengths, "moment-{0}-thumbnail.jpg");
    }

    private long ReportPictureSet(long pos, int[] lengths, string nameFormat)
    {
        for (int i = 0; i < lengths.Length; i++)
        {
            int n = lengths[i];
            if (n <= 0 || n >= 64 * 1024 * 1024)
            {
                continue;
            }

            long available = Math.Min(n, _areaEnd - pos);
            if (available <= 0)
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Truncated, $"picture {i + 1} of {n} bytes is missing", n);
                return pos;
            }

            string name = string.Format(CultureInfo.InvariantCulture, nameFormat, i + 1);
            if (!StartsWithJpeg(pos))
            {
                _sink.AddDiagnostic(pos, DiagnosticKind.Corrupt, $"{name}: no JPEG start marker at {pos}", available);
            }

            if (available < n)
            {
                _sink.AddDiagnostic(pos + available, DiagnosticKind.Truncated, $"{name} is cut after {available} of {n} bytes", n - available);
            }

            _sink.AddAttachment(new EmbeddedAttachment(pos, available, "image/jpeg", name));
            _sink.AddCounter(CounterGroup, "pictures");
            pos += available;
        }

        return pos;
    }

    /// <summary>
    /// DJI GO 4 appends records (a FIRMWARE record in the samples) after the details block. They are framed and
    /// reported here, outside recordCounts, which count the records area only.
    /// </summary>
    private void ReportAfterDetails(long length)
    {
        if (_afterDetails < 0 || _afterDetails >= length)
        {
            return;
        }

        long pos = _afterDetails;
        while (pos < length && CheckAt(pos, length, out byte type, out int recordLength) == FrameCheck.Valid)
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Note, $"a {FlightRecordType.Name(type)} record follows the details block", HeaderLength + recordLength + 1);
            _sink.AddCounter(CounterGroup, "recordsAfterDetails");
            pos += HeaderLength + recordLength + 1;
        }

        if (pos < length)
        {
            _sink.AddDiagnostic(pos, DiagnosticKind.Note, $"{length - pos} bytes after the details block frame as no record; ignored", length - pos);
            _sink.AddCounter(CounterGroup, "bytesAfterDetails", length - pos);
        }
    }

    /// <summary>
    /// Without a decoded HOME record (v13+ without keys, or none written), the details' start point (degrees) is
    /// the take-off point the app recorded.
    /// </summary>
    private void SetTakeoffPointFromDetails()
    {
        if (_homeSet || _details is not { } d)
        {
            return;
        }

        double lat = d.LatitudeDegrees, lon = d.LongitudeDegrees;
        if (double.IsFinite(lat) && double.IsFinite(lon) && Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180 && !(Math.Abs(lat) < 1e-6 && Math.Abs(lon) < 1e-6))
        {
            _sink.SetHome(new HomePoint(lat, lon) { TimeUtc = d.StartUtc, SourceOffset = _detailsOffset });
            _sink.AddCounter(CounterGroup, "homeFromDetails");
        }
    }

    private void ReportEncryptionSummary()
    {
        if (_encryptedRecords > 0)
        {
            _sink.AddCounter(CounterGroup, "encryptedRecordsNotDecoded", _encryptedRecords);
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    public void Dispose()
    {
        _cipher?.Dispose();
        ArrayPool<byte>.Shared.Return(_body);
        ArrayPool<byte>.Shared.Return(_plain);
    }
}
