using System.Buffers;
using System.Globalization;
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
    internal const string CounterGroup = "dji-txt";
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

    /// <summary>The details' start point as the take-off point, unless a HOME record was decoded.</summary>
    private void SetTakeoffPointFromDetails()
    {
        if (_homeSet || _details is not { } d)
        {
            return;
        }

        FlightRecordDetailsReport.SetTakeoffPoint(_sink, d, _detailsOffset);
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
