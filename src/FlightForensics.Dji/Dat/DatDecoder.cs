using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.IO;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.Dat;

/// <summary>
/// DJI aircraft flight-controller logs (<c>dji-dat</c>): <c>0x55</c> records with a 16-bit type, 32-bit tick,
/// payload XOR-ed with the tick's low byte and a CRC-16 seeded 0x3692 (dji-formats.md §4 and addendum).
/// One sample per GPS record (2096-2098), with the latest attitude (2048-2050); flight-controller text as events;
/// <c>LOGH</c> (encrypted) files and DJI Assistant exports identified, not decoded.
/// </summary>
public sealed class DatDecoder(DatOptions? datOptions = null) : IFlightLogDecoder
{
    public const string Id = "dji-dat";

    // Records are at most 255 bytes; 1 MiB keeps stream calls few while memory stays flat whatever the file size.
    private const int RecordBufferBytes = 1 << 20;

    public DatOptions Options { get; } = datOptions ?? DatOptions.Default;
    public string FormatId => Id;
    public string DecoderName => "FlightForensics.Dji.Dat";
    public string DecoderVersion => "1.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        var layout = DatLayout.Detect(head, Options.MaxHeaderSearchBytes);
        return layout.Kind switch
        {
            DatLayoutKind.V3 or DatLayoutKind.V1 => new FormatMatch(100, layout.VersionName),
            DatLayoutKind.LoghEncrypted => new FormatMatch(95, layout.VersionName),
            DatLayoutKind.AssistantExport => new FormatMatch(head.Length > DatLayout.AssistantItemHeaderBytes + 4
                && head.Slice(DatLayout.AssistantItemHeaderBytes, 4).SequenceEqual("LOGH"u8) ? 90 : 40, layout.VersionName),
            DatLayoutKind.Headerless => new FormatMatch(80, layout.VersionName),
            _ => FormatMatch.None,
        };
    }

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        using var buffer = new ForwardReader(input, RecordBufferBytes);
        buffer.TryEnsure(FormatRegistry.ProbeBytes);
        var head = buffer.Buffered;
        if (head.IsEmpty)
        {
            sink.AddDiagnostic(0, DiagnosticKind.Truncated, "empty file: no DAT header, no records");
            return;
        }

        var layout = DatLayout.Detect(head, Options.MaxHeaderSearchBytes);
        sink.SetFormatVersion(layout.VersionName);
        sink.AddVehicle(new VehicleIdentity { Manufacturer = "DJI", Autopilot = "DJI" });
        switch (layout.Kind)
        {
            case DatLayoutKind.LoghEncrypted:
                DescribeLogh(buffer.Buffered, 0, sink, input.CanSeek ? input.Length : -1);
                return;
            case DatLayoutKind.AssistantExport:
                WalkAssistantExport(buffer, sink, cancellationToken);
                return;
            case DatLayoutKind.Unknown:
                // Not recognisably a DAT: still walk from offset 0 so that whatever records exist are found.
                sink.AddDiagnostic(0, DiagnosticKind.Corrupt, "no BUILD header and no valid record chain near the start; scanning the whole file for records");
                layout = layout with { Kind = DatLayoutKind.Headerless, RecordsStart = 0 };
                break;
            case DatLayoutKind.V3:
            case DatLayoutKind.V1:
                sink.AddVehicle(new VehicleIdentity { Model = AircraftName(layout.AircraftCode), FirmwareVersion = layout.FirmwareDate });
                break;
            default:
                if (layout.RecordsStart > 0)
                {
                    sink.AddDiagnostic(0, DiagnosticKind.Note,
                        $"no BUILD header (app-cached aircraft log); {layout.RecordsStart} header bytes before the first record", layout.RecordsStart);
                }

                break;
        }

        buffer.SkipTo(layout.RecordsStart);
        new DatRecordWalker(sink, layout, Options).Walk(buffer, cancellationToken);
    }

    /// <summary>Aircraft code in byte 0 of a BUILD header (DatCon DatHeader.getAcType).</summary>
    public static string? AircraftName(byte code) => code switch
    {
        5 => "Matrice 100",
        6 => "Phantom 3 / Inspire 1",
        11 => "Phantom 4",
        14 or 23 => "Matrice 600",
        16 => "Mavic Pro",
        17 => "Inspire 2",
        18 => "Phantom 4 Pro",
        20 => "S900",
        21 => "Spark",
        24 => "Mavic Air",
        25 => "Matrice 200",
        27 => "Phantom 4 Advanced",
        _ => null,
    };

    /// <summary>
    /// A <c>LOGH</c> block (<paramref name="available"/> = bytes from the block to its end, or -1 when unknown): magic, 4 bytes, u64 data offset @8, u64 data length @16, 16-byte model @0x18, 16-byte serial @0x28
    /// (D3VL/DJI-DAT-Decryptor config). The body is AES-encrypted with per-product keys; it is not decoded here.
    /// </summary>
    private static void DescribeLogh(ReadOnlySpan<byte> block, long blockOffset, FlightLogSink sink, long available)
    {
        sink.CountRecord("LOGH");
        if (block.Length < 0x38)
        {
            sink.AddDiagnostic(blockOffset, DiagnosticKind.Truncated, "LOGH header cut short; model and serial unreadable", block.Length);
            sink.AddDiagnostic(blockOffset, DiagnosticKind.Encrypted, "encrypted LOGH aircraft log: not decoded");
            return;
        }

        ulong dataOffset = BinaryPrimitives.ReadUInt64LittleEndian(block[8..]);
        ulong dataLength = BinaryPrimitives.ReadUInt64LittleEndian(block[16..]);
        string? model = DatLayout.Printable(block.Slice(0x18, 16));
        string? serial = DatLayout.Printable(block.Slice(0x28, 16));
        sink.AddVehicle(new VehicleIdentity { Model = model, AircraftSerial = serial });
        sink.AddDiagnostic(blockOffset, DiagnosticKind.Encrypted, string.Create(CultureInfo.InvariantCulture,
            $"encrypted LOGH aircraft log (model {model ?? "unreadable"}, serial {serial ?? "unreadable"}, {dataLength} encrypted bytes at +{dataOffset}): AES body not decoded, no telemetry"),
            (long)Math.Min(dataLength, long.MaxValue));
        if (available >= 0 && (dataOffset > (ulong)available || dataLength > (ulong)available - dataOffset))
        {
            sink.AddDiagnostic(blockOffset, DiagnosticKind.Truncated, string.Create(CultureInfo.InvariantCulture,
                $"LOGH block claims {dataLength} bytes at +{dataOffset}, more than the {available} bytes there are"));
        }
    }

    private void WalkAssistantExport(ForwardReader buffer, FlightLogSink sink, CancellationToken cancellationToken)
    {
        int items = 0;
        while (items < Options.MaxContainerItems && buffer.TryEnsure(DatLayout.AssistantItemHeaderBytes))
        {
            cancellationToken.ThrowIfCancellationRequested();
            long itemOffset = buffer.Position;
            var header = buffer.Peek(DatLayout.AssistantItemHeaderBytes);
            if (header[0] != 0xA4)
            {
                sink.AddDiagnostic(itemOffset, DiagnosticKind.Corrupt, "export item does not start with 0xA4; walk stopped", buffer.Available);
                return;
            }

            uint dataLength = BinaryPrimitives.ReadUInt32LittleEndian(header[1..]);
            string product = DatLayout.Printable(header.Slice(7, 5)) ?? "?";
            string path = DatLayout.Printable(header.Slice(0x0C, 0xFF)) ?? "?";
            items++;
            sink.CountRecord("EXPORT_ITEM");
            long dataOffset = itemOffset + DatLayout.AssistantItemHeaderBytes;
            buffer.Advance(DatLayout.AssistantItemHeaderBytes);
            sink.AddAttachment(new Core.Model.EmbeddedAttachment(dataOffset, dataLength, "application/octet-stream", path));
            sink.AddVehicle(new VehicleIdentity { Model = product });
            if (buffer.TryEnsure(0x38) && buffer.Peek(4).SequenceEqual("LOGH"u8))
            {
                DescribeLogh(buffer.Peek(Math.Min(buffer.Available, 0x38)), dataOffset, sink, dataLength);
            }

            long before = buffer.Position;
            buffer.SkipTo(dataOffset + dataLength);
            if (buffer.Position - before < dataLength)
            {
                sink.AddDiagnostic(dataOffset, DiagnosticKind.Truncated, $"export item {path} claims {dataLength} bytes; the file ends first", dataLength - (buffer.Position - before));
                return;
            }
        }
    }
}

/// <summary>The record walk of one decoding: framing, checksum, resync, tick unwrapping and record interpretation.</summary>
internal sealed class DatRecordWalker(FlightLogSink sink, DatLayout layout, DatOptions options)
{
    private const string CounterGroup = "dji-dat";
    private readonly FlightLogSink _sink = sink;
    private readonly DatLayout _layout = layout;
    private readonly DatOptions _options = options;
    private readonly bool _v1 = layout.Kind == DatLayoutKind.V1;
    private readonly Dictionary<ushort, TypeTally> _tallies = [];
    private readonly byte[] _payload = new byte[256];

    private uint _lastTick;
    private long _wraps;
    private bool _haveTick;
    private long _firstUnwrapped;
    private double? _roll, _pitch, _yaw;
    private double _attitudeAt = double.NegativeInfinity;
    private long _textEvents;
    private bool _homeSet;
    private double? _batteryPercent;
    private double _batteryAt = double.NegativeInfinity;
    private bool? _motorsUp;
    private byte _motorStartFailure;

    public void Walk(ForwardReader buffer, CancellationToken cancellationToken)
    {
        bool resyncing = false;
        long resyncStart = 0;
        long records = 0, paddingBytes = 0;
        while (buffer.TryEnsure(1))
        {
            if ((records & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            byte b = buffer[0];
            if (b == DatFrame.Start)
            {
                bool whole = buffer.TryEnsure(2) && buffer.TryEnsure(Math.Max(DatFrame.MinLength, (int)buffer[1]));
                int length = buffer.Available >= 2 ? buffer[1] : 0;
                if (length >= DatFrame.MinLength && buffer.Available >= length)
                {
                    var record = buffer.Peek(length);
                    ushort stored = BinaryPrimitives.ReadUInt16LittleEndian(record[^2..]);
                    if (DatCrc16.Compute(record[..^2]) == stored)
                    {
                        if (resyncing)
                        {
                            EndResync(resyncStart, buffer.Position);
                            resyncing = false;
                        }

                        Record(record, buffer.Position);
                        records++;
                        buffer.Advance(length);
                        continue;
                    }

                    if (!resyncing)
                    {
                        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
                        _sink.AddDiagnostic(buffer.Position, DiagnosticKind.Crc, string.Create(CultureInfo.InvariantCulture,
                            $"record checksum mismatch (type {type}, length {length}, stored 0x{stored:x4}, computed 0x{DatCrc16.Compute(record[..^2]):x4}); record not used"), length);
                    }
                }
                else if (!whole && !resyncing)
                {
                    // In sync and the file ends inside this record.
                    _sink.AddDiagnostic(buffer.Position, DiagnosticKind.Truncated,
                        string.Create(CultureInfo.InvariantCulture, $"the file ends inside a record (claims {length} bytes, {buffer.Available} left)"), buffer.Available);
                    buffer.Advance(buffer.Available);
                    break;
                }

                if (!resyncing)
                {
                    resyncing = true;
                    resyncStart = buffer.Position;
                }

                buffer.Advance(1);
                SkipToNextStart(buffer);
                continue;
            }

            if (b == 0 && !resyncing)
            {
                // Padding runs between records (Spark and others): skipped, counted, not damage.
                var rest = buffer.Buffered;
                int run = rest.IndexOfAnyExcept((byte)0);
                run = run < 0 ? rest.Length : run;
                paddingBytes += run;
                buffer.Advance(run);
                continue;
            }

            if (!resyncing)
            {
                resyncing = true;
                resyncStart = buffer.Position;
            }

            SkipToNextStart(buffer);
        }

        if (resyncing)
        {
            EndResync(resyncStart, buffer.Position);
        }

        if (paddingBytes > 0)
        {
            _sink.AddCounter(CounterGroup, "paddingBytes", paddingBytes);
        }

        foreach (var tally in _tallies.Values)
        {
            _sink.CountRecord(tally.Name, tally.Count);
            if (!tally.Known)
            {
                _sink.Damage.UnknownRecords += tally.Count;
            }
        }

        _sink.AddCounter(CounterGroup, "records", records);
        _sink.AddCounter(CounterGroup, "tickWraps", _wraps);
        if (records == 0)
        {
            _sink.AddDiagnostic(_layout.RecordsStart, DiagnosticKind.Corrupt, "no record with a valid checksum was found");
        }
    }

    private static void SkipToNextStart(ForwardReader buffer)
    {
        var rest = buffer.Buffered;
        int next = rest.IndexOf(DatFrame.Start);
        buffer.Advance(next < 0 ? rest.Length : next);
    }

    private void EndResync(long start, long end)
    {
        _sink.AddDiagnostic(start, DiagnosticKind.Resync,
            string.Create(CultureInfo.InvariantCulture, $"skipped {end - start} bytes to the next record with a valid checksum"), end - start);
    }

    private void Record(ReadOnlySpan<byte> record, long offset)
    {
        ushort type = BinaryPrimitives.ReadUInt16LittleEndian(record[4..]);
        uint tick = BinaryPrimitives.ReadUInt32LittleEndian(record[6..]);
        double elapsed = Elapsed(tick);

        // Counts are tallied here by numeric type and handed to the sink at the end (no string hashing per record);
        // the first record of each type goes to the sink at once so that the order of first appearance is kept.
        if (_tallies.TryGetValue(type, out var tally))
        {
            tally.Count++;
        }
        else
        {
            var knownName = DatRecordTypes.KnownName(type, _v1);
            tally = new TypeTally(knownName ?? DatRecordTypes.UnknownName(type), knownName is not null);
            _tallies[type] = tally;
            if (tally.Known)
            {
                _sink.CountRecord(tally.Name);
            }
            else
            {
                _sink.UnknownRecord(offset, tally.Name, record.Length);
            }
        }

        if (!tally.Known)
        {
            return;
        }

        var raw = record[DatFrame.HeaderLength..^2];
        bool gps = _v1 ? type == DatRecordTypes.V1ImuAtti : type is >= DatRecordTypes.Gps0 and <= DatRecordTypes.Gps2;
        bool attitude = _v1 ? type == DatRecordTypes.V1ImuAtti : type is >= DatRecordTypes.ImuAtti0 and <= DatRecordTypes.ImuAtti2;

        // Payload de-obfuscation: every byte XOR the tick's low byte (DatCon Payload; DROP Packet.decode).
        var payload = _payload.AsSpan(0, raw.Length);
        byte key = (byte)tick;
        for (int i = 0; i < raw.Length; i++)
        {
            payload[i] = (byte)(raw[i] ^ key);
        }

        if (attitude)
        {
            Attitude(payload, elapsed);
        }

        if (gps)
        {
            if (_v1)
            {
                ImuPositionSample(payload, offset, elapsed);
            }
            else
            {
                GpsSample(payload, offset, elapsed, type);
            }
        }
        else if (type == DatRecordTypes.FlightControllerText && !_v1)
        {
            Text(payload, offset, elapsed);
        }
        else if (type == DatRecordTypes.HomePoint)
        {
            Home(payload, offset);
        }
        else if (type == DatRecordTypes.Osd && !_v1)
        {
            Osd(payload, offset, elapsed);
        }
    }

    /// <summary>
    /// OSD (id 12, the .txt OSD layout; dji-formats.md §3.1/§4, DatCon GoTxt50_12): u8 flags @32 (bit3 motors up),
    /// u8 motor start failure cause @38, u8 battery % @40. Battery goes onto the following GPS samples; motor starts
    /// and stops become events. Position, height and attitude are left to the GPS and IMU records (position source).
    /// </summary>
    private void Osd(ReadOnlySpan<byte> p, long offset, double elapsed)
    {
        if (p.Length < 41)
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"OSD record too short ({p.Length} bytes) for battery and motor state", p.Length);
            return;
        }

        byte battery = p[40];
        if (battery <= 100)
        {
            _batteryPercent = battery;
            _batteryAt = elapsed;
        }
        else
        {
            _sink.AddCounter(CounterGroup, "osdBatteryOutOfRange");
        }

        bool motorsUp = (p[32] & 0x08) != 0;
        if (motorsUp)
        {
            _sink.AddCounter(CounterGroup, "osdMotorsUpRecords");
        }

        if (_motorsUp is bool before && before != motorsUp)
        {
            _sink.AddCounter(CounterGroup, motorsUp ? "motorStarts" : "motorStops");
            _sink.AddEvent(new FlightEvent
            {
                Kind = FlightEventKind.Other,
                ElapsedSeconds = elapsed,
                Text = motorsUp ? "motors started (OSD motors-up flag set)" : "motors stopped (OSD motors-up flag cleared)",
                SourceOffset = offset,
            });
        }

        _motorsUp = motorsUp;
        byte failure = p[38];
        if (failure != 0 && failure != _motorStartFailure)
        {
            _sink.AddCounter(CounterGroup, "motorStartFailures");
            _sink.AddEvent(new FlightEvent
            {
                Kind = FlightEventKind.Warning,
                ElapsedSeconds = elapsed,
                Text = string.Create(CultureInfo.InvariantCulture, $"motor start failure cause {failure} (OSD byte 38)"),
                SourceOffset = offset,
            });
        }

        _motorStartFailure = failure;
    }

    /// <summary>Seconds since the first record, with u32 tick wrap-around unwrapped (the real FLY005 wraps once).</summary>
    private double Elapsed(uint tick)
    {
        long wraps = _wraps;
        if (!_haveTick)
        {
            _haveTick = true;
            _lastTick = tick;
            _firstUnwrapped = tick;
        }
        else if (tick < _lastTick && _lastTick - tick > 0x8000_0000u)
        {
            _wraps++;
            wraps = _wraps;
            _lastTick = tick;
        }
        else if (tick > _lastTick && tick - _lastTick > 0x8000_0000u)
        {
            wraps = _wraps - 1; // a late record from before the wrap
        }
        else
        {
            _lastTick = tick;
        }

        long unwrapped = (wraps << 32) + tick;
        return (unwrapped - _firstUnwrapped) / _layout.TicksPerSecond;
    }

    /// <summary>IMU_ATTI: quaternion w,x,y,z f32 at 48..60 (DatCon RecIMU) → roll/pitch/yaw (Z-Y-X).</summary>
    private void Attitude(ReadOnlySpan<byte> p, double elapsed)
    {
        if (p.Length < 64)
        {
            return;
        }

        double w = BinaryPrimitives.ReadSingleLittleEndian(p[48..]);
        double x = BinaryPrimitives.ReadSingleLittleEndian(p[52..]);
        double y = BinaryPrimitives.ReadSingleLittleEndian(p[56..]);
        double z = BinaryPrimitives.ReadSingleLittleEndian(p[60..]);
        double norm = Math.Sqrt((w * w) + (x * x) + (y * y) + (z * z));
        if (!double.IsFinite(norm) || Math.Abs(norm - 1) > 0.05)
        {
            _sink.AddCounter(CounterGroup, "attitudeNotUnitQuaternion");
            return;
        }

        const double deg = 180 / Math.PI;
        _roll = Math.Atan2(2 * ((w * x) + (y * z)), 1 - (2 * ((x * x) + (y * y)))) * deg;
        _pitch = Math.Asin(Math.Clamp(2 * ((w * y) - (z * x)), -1, 1)) * deg;
        _yaw = Math.Atan2(2 * ((w * z) + (x * y)), 1 - (2 * ((y * y) + (z * z)))) * deg;
        _attitudeAt = elapsed;
    }

    /// <summary>
    /// GPS (2096-2098, DatCon GpsGroup; plaso PR): u32 date yyyymmdd @0, u32 time hhmmss UTC @4, i32 lon·1e7 @8,
    /// i32 lat·1e7 @12, i32 height MSL mm @16, f32 velN/E/D cm/s @20..28, u16 satellites @64.
    /// </summary>
    private void GpsSample(ReadOnlySpan<byte> p, long offset, double elapsed, ushort type)
    {
        if (p.Length < 32)
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"GPS record ({type}) too short ({p.Length} bytes) for its layout", p.Length);
            return;
        }

        uint date = BinaryPrimitives.ReadUInt32LittleEndian(p);
        uint time = BinaryPrimitives.ReadUInt32LittleEndian(p[4..]);
        double lon = BinaryPrimitives.ReadInt32LittleEndian(p[8..]) / 1e7;
        double lat = BinaryPrimitives.ReadInt32LittleEndian(p[12..]) / 1e7;
        double height = BinaryPrimitives.ReadInt32LittleEndian(p[16..]) / 1000.0;
        double velN = BinaryPrimitives.ReadSingleLittleEndian(p[20..]) / 100.0;
        double velE = BinaryPrimitives.ReadSingleLittleEndian(p[24..]) / 100.0;
        double velD = BinaryPrimitives.ReadSingleLittleEndian(p[28..]) / 100.0;
        int? satellites = p.Length >= 66 ? BinaryPrimitives.ReadUInt16LittleEndian(p[64..]) : null;

        bool fix = !(lat == 0 && lon == 0);
        if (fix && (lat is < -90 or > 90 || lon is < -180 or > 180))
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"GPS position out of range ({lat}, {lon}); left empty"), p.Length);
            fix = false;
        }

        if (!fix)
        {
            _sink.AddCounter(CounterGroup, "gpsWithoutFix");
        }

        bool attitudeFresh = elapsed - _attitudeAt is >= 0 && elapsed - _attitudeAt <= _options.MaxAttitudeAgeSeconds;
        bool velocityOk = double.IsFinite(velN) && double.IsFinite(velE) && Math.Abs(velN) < 1000 && Math.Abs(velE) < 1000;
        var sample = new TelemetrySample
        {
            TimeUtc = GpsTime(date, time),
            ElapsedSeconds = elapsed,
            LatitudeDegrees = fix ? lat : null,
            LongitudeDegrees = fix ? lon : null,
            AltitudeMslMeters = fix && Math.Abs(height) < 100_000 ? height : null,
            GroundSpeedMetersPerSecond = velocityOk ? Math.Sqrt((velN * velN) + (velE * velE)) : null,
            VerticalSpeedMetersPerSecond = double.IsFinite(velD) && Math.Abs(velD) < 1000 ? -velD : null, // NED down → up-positive
            RollDegrees = attitudeFresh ? _roll : null,
            PitchDegrees = attitudeFresh ? _pitch : null,
            YawDegrees = attitudeFresh ? _yaw : null,
            BatteryPercent = elapsed - _batteryAt is >= 0 && elapsed - _batteryAt <= _options.MaxBatteryAgeSeconds ? _batteryPercent : null,
            Satellites = satellites is int s && s <= 255 ? s : null,
            SourceOffset = offset,
        };
        _sink.AddSample(sample);
    }

    /// <summary>V1 (P3/I1): position from IMU_ATTI (f64 lon/lat radians @0/8), the only position record with a known layout.</summary>
    private void ImuPositionSample(ReadOnlySpan<byte> p, long offset, double elapsed)
    {
        if (p.Length < 20)
        {
            return;
        }

        double lon = BinaryPrimitives.ReadDoubleLittleEndian(p) * 180 / Math.PI;
        double lat = BinaryPrimitives.ReadDoubleLittleEndian(p[8..]) * 180 / Math.PI;
        bool fix = double.IsFinite(lat) && double.IsFinite(lon) && !(lat == 0 && lon == 0) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180;
        _sink.AddSample(new TelemetrySample
        {
            ElapsedSeconds = elapsed,
            LatitudeDegrees = fix ? lat : null,
            LongitudeDegrees = fix ? lon : null,
            RollDegrees = _roll,
            PitchDegrees = _pitch,
            YawDegrees = _yaw,
            SourceOffset = offset,
        });
    }

    private DateTimeOffset? GpsTime(uint date, uint time)
    {
        int year = (int)(date / 10000), month = (int)(date / 100 % 100), day = (int)(date % 100);
        int hour = (int)(time / 10000), minute = (int)(time / 100 % 100), second = (int)(time % 100);
        if (year is < 2000 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59 || time > 235959)
        {
            _sink.AddCounter(CounterGroup, "gpsWithoutValidTime");
            return null;
        }

        // Whole seconds as the receiver states them; sub-second order is in elapsed_s (the tick clock).
        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    private void Text(ReadOnlySpan<byte> p, long offset, double elapsed)
    {
        if (_textEvents >= _options.MaxTextEvents)
        {
            _sink.AddCounter(CounterGroup, "textEventsNotStored");
            return;
        }

        int end = p.IndexOf((byte)0);
        var text = (end < 0 ? p : p[..end]).Trim((byte)' ');
        if (text.IsEmpty)
        {
            return;
        }

        _textEvents++;
        _sink.AddEvent(new FlightEvent
        {
            Kind = FlightEventKind.TextMessage,
            Text = Encoding.Latin1.GetString(text),
            ElapsedSeconds = elapsed,
            SourceOffset = offset,
        });
    }

    /// <summary>Home point (13, DatCon): f64 lon/lat radians @0/8, f32 height @16.</summary>
    private void Home(ReadOnlySpan<byte> p, long offset)
    {
        if (_homeSet || p.Length < 20)
        {
            return;
        }

        double lon = BinaryPrimitives.ReadDoubleLittleEndian(p) * 180 / Math.PI;
        double lat = BinaryPrimitives.ReadDoubleLittleEndian(p[8..]) * 180 / Math.PI;
        float height = BinaryPrimitives.ReadSingleLittleEndian(p[16..]);
        if (!double.IsFinite(lat) || !double.IsFinite(lon) || lat is < -90 or > 90 || lon is < -180 or > 180 || (lat == 0 && lon == 0))
        {
            return;
        }

        _homeSet = true;
        _sink.SetHome(new HomePoint(lat, lon) { AltitudeMslMeters = float.IsFinite(height) ? height : null, SourceOffset = offset });
    }
}

/// <summary>Records of one type seen after its first (which went to the sink directly).</summary>
internal sealed class TypeTally(string name, bool known)
{
    public string Name { get; } = name;
    public bool Known { get; } = known;
    public long Count { get; set; }
}
