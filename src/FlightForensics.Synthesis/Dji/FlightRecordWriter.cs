using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FlightForensics.Dji.FlightRecord;

namespace FlightForensics.Synthesis.Dji;

/// <summary>Options of <see cref="FlightRecordWriter"/>.</summary>
public sealed record FlightRecordWriterOptions
{
    public static FlightRecordWriterOptions Default { get; } = new();

    /// <summary>Format version to write (1–14). 13 and 14 need <see cref="Keychains"/>.</summary>
    public int Version { get; init; } = 11;

    /// <summary>Write the u32 12345 end-of-records marker (DJI GO 3.1 and later do).</summary>
    public bool WriteEndMarker { get; init; } = true;

    /// <summary>Start of the deterministic seed sequence of the XOR layer (v7+).</summary>
    public byte FirstSeed { get; init; } = 0x5A;

    /// <summary>AES keys for v13+ (the first keychain is used); every encrypted feature point written needs a key.</summary>
    public FlightRecordKeychains? Keychains { get; init; }
}

/// <summary>The state an OSD record states (dji-formats.md §3.1), in natural units.</summary>
public readonly record struct FlightRecordOsd
{
    public double LatitudeDegrees { get; init; }
    public double LongitudeDegrees { get; init; }
    public double HeightAboveTakeoffMeters { get; init; }
    public double NorthSpeedMetersPerSecond { get; init; }
    public double EastSpeedMetersPerSecond { get; init; }
    public double DownSpeedMetersPerSecond { get; init; }
    public double PitchDegrees { get; init; }
    public double RollDegrees { get; init; }
    public double YawDegrees { get; init; }
    public int FlightModeCode { get; init; }
    public bool GpsUsed { get; init; }
    public int Satellites { get; init; }
    public double FlyTimeSeconds { get; init; }
}

/// <summary>
/// Writes a valid DJI flight record: header, records (XOR-scrambled from v7, AES-encrypted from v13 with the
/// given keys), end marker, moment pictures and the details block, in the layout of the chosen version
/// (dji-formats.md §2). Used for synthetic evidence (tests, demo cases); the output must be seekable because
/// the header points at blocks written last.
/// </summary>
public sealed class FlightRecordWriter : IDisposable
{
    private readonly Stream _output;
    private readonly FlightRecordWriterOptions _options;
    private readonly int _version;
    private readonly long _origin;
    private readonly Dictionary<FeaturePoint, (Aes Aes, byte[] Iv)> _ciphers = [];
    private byte _seed;
    private long _infoBlockOffset;
    private bool _completed;

    public FlightRecordWriter(Stream output, FlightRecordWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanSeek || !output.CanWrite)
        {
            throw new ArgumentException("the output must be writable and seekable", nameof(output));
        }

        _output = output;
        _options = options ?? FlightRecordWriterOptions.Default;
        _version = _options.Version;
        if (_version is < 1 or > FlightRecordPrefix.NewestKnownVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"version {_version} cannot be written (1–{FlightRecordPrefix.NewestKnownVersion})");
        }

        if (_version >= 13)
        {
            if (_options.Keychains is not { Keychains.Count: > 0 })
            {
                throw new ArgumentException("versions 13 and later need keychains to encrypt with", nameof(options));
            }

            UseKeychain(0);
        }

        _seed = _options.FirstSeed;
        _origin = output.Position;
        WriteHeader();
    }

    public int RecordsWritten { get; private set; }

    private int _keychainIndex;

    private void UseKeychain(int index)
    {
        foreach (var (aes, _) in _ciphers.Values)
        {
            aes.Dispose();
        }

        _ciphers.Clear();
        _keychainIndex = index;
        if (_options.Keychains is null || index >= _options.Keychains.Keychains.Count)
        {
            return;
        }

        foreach (var key in _options.Keychains.Keychains[index])
        {
            var aes = Aes.Create();
            aes.Key = key.AesKey;
            _ciphers[key.FeaturePoint] = (aes, (byte[])key.AesIv.Clone());
        }
    }

    /// <summary>
    /// v13+: a KEY_STORAGE_RECOVER record, after which the next keychain encrypts (a file continued after an app
    /// restart has one keychain per section, §2.5).
    /// </summary>
    public void WriteKeychainSeparator()
    {
        WriteRecord(FlightRecordType.KeyStorageRecover, []);
        UseKeychain(_keychainIndex + 1);
    }

    /// <summary>v13+: a KEY_STORAGE record carrying a (here opaque) encrypted key blob for one feature point.</summary>
    public void WriteKeyStorage(FeaturePoint point, ReadOnlySpan<byte> blob)
    {
        var body = new byte[4 + blob.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(body, (ushort)point);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), (ushort)blob.Length);
        blob.CopyTo(body.AsSpan(4));
        WriteRecord(FlightRecordType.KeyStorage, body);
    }

    private void WriteHeader()
    {
        int prefixLength = _version < 6 ? FlightRecordPrefix.ShortLength : FlightRecordPrefix.LongLength;
        var prefix = new byte[prefixLength];
        prefix[10] = (byte)_version;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(8), (ushort)FlightRecordDetailsWriter.BlockLength(_version));
        _output.Write(prefix);
        if (_version == 12)
        {
            _output.Write(new byte[436]); // details, filled in by Complete
        }
        else if (_version >= 13)
        {
            // Info block: [0][u16 len][seed, {u8 version, u16 436, details, u16 0 (no signature)}, check].
            _infoBlockOffset = _output.Position - _origin;
            int infoLength = 1 + 1 + 2 + 436 + 2 + 1;
            var info = new byte[3 + infoLength];
            BinaryPrimitives.WriteUInt16LittleEndian(info.AsSpan(1), (ushort)infoLength);
            _output.Write(info);
            // Version block: u16 keychain API version 4, u8 department 3 (DJI Fly), u8 unknown.
            _output.Write([1, 4, 0, 4, 0, 3, 0]);
        }
    }

    /// <summary>Writes one record with an already laid-out body (scrambled/encrypted as the version requires).</summary>
    public void WriteRecord(byte type, ReadOnlySpan<byte> body)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        ReadOnlySpan<byte> content = body;
        if (_version >= 13)
        {
            var point = FeaturePoints.ForRecordType(type, _version);
            if (point != FeaturePoint.Plaintext)
            {
                if (!_ciphers.TryGetValue(point, out var cipher))
                {
                    throw new InvalidOperationException($"no key for {FeaturePoints.JsonName(point)} to encrypt a {FlightRecordType.Name(type)} record");
                }

                var encrypted = cipher.Aes.EncryptCbc(body, cipher.Iv, PaddingMode.PKCS7);
                encrypted.AsSpan(encrypted.Length - 16).CopyTo(cipher.Iv);
                content = encrypted;
            }
        }

        int payloadLength = _version >= 7 ? content.Length + 2 : content.Length;
        int maxLength = _version >= 13 ? ushort.MaxValue : byte.MaxValue;
        if (payloadLength > maxLength)
        {
            throw new ArgumentException($"record body of {content.Length} bytes does not fit a version {_version} record", nameof(body));
        }

        int header = _version >= 13 ? 3 : 2;
        var record = new byte[header + payloadLength + 1];
        record[0] = type;
        if (_version >= 13)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(1), (ushort)payloadLength);
        }
        else
        {
            record[1] = (byte)payloadLength;
        }

        if (_version >= 7)
        {
            FlightRecordScrambler.Scramble(type, NextSeed(), content, record.AsSpan(header, payloadLength));
        }
        else
        {
            content.CopyTo(record.AsSpan(header));
        }

        record[^1] = 0xFF;
        _output.Write(record);
        RecordsWritten++;
    }

    private byte NextSeed()
    {
        byte seed = _seed;
        _seed = (byte)((_seed * 37) + 11);
        return seed;
    }

    public void WriteOsd(in FlightRecordOsd osd)
    {
        Span<byte> body = stackalloc byte[55];
        body.Clear();
        BinaryPrimitives.WriteDoubleLittleEndian(body, osd.LongitudeDegrees * Math.PI / 180.0);
        BinaryPrimitives.WriteDoubleLittleEndian(body[8..], osd.LatitudeDegrees * Math.PI / 180.0);
        BinaryPrimitives.WriteInt16LittleEndian(body[16..], Tenths(osd.HeightAboveTakeoffMeters));
        BinaryPrimitives.WriteInt16LittleEndian(body[18..], Tenths(osd.NorthSpeedMetersPerSecond));
        BinaryPrimitives.WriteInt16LittleEndian(body[20..], Tenths(osd.EastSpeedMetersPerSecond));
        BinaryPrimitives.WriteInt16LittleEndian(body[22..], Tenths(osd.DownSpeedMetersPerSecond));
        BinaryPrimitives.WriteInt16LittleEndian(body[24..], Tenths(osd.PitchDegrees));
        BinaryPrimitives.WriteInt16LittleEndian(body[26..], Tenths(osd.RollDegrees));
        BinaryPrimitives.WriteInt16LittleEndian(body[28..], Tenths(osd.YawDegrees));
        body[30] = (byte)(osd.FlightModeCode & 0x7F);
        body[33] = osd.GpsUsed ? (byte)0x80 : (byte)0;
        body[36] = (byte)Math.Clamp(osd.Satellites, 0, 255);
        BinaryPrimitives.WriteUInt16LittleEndian(body[42..], (ushort)Math.Clamp(Math.Round(osd.FlyTimeSeconds * 10), 0, ushort.MaxValue));
        WriteRecord(FlightRecordType.Osd, body);
    }

    /// <summary>CUSTOM: photo/video event bytes and the wall-clock time (UTC, ms since the epoch).</summary>
    public void WriteCustom(DateTimeOffset timeUtc, bool photoTaken = false, byte videoEvent = 0)
    {
        Span<byte> body = stackalloc byte[18];
        body.Clear();
        body[0] = photoTaken ? (byte)1 : (byte)0;
        body[1] = videoEvent;
        BinaryPrimitives.WriteInt64LittleEndian(body[10..], timeUtc.ToUnixTimeMilliseconds());
        WriteRecord(FlightRecordType.Custom, body);
    }

    public void WriteGimbal(double pitchDegrees, double rollDegrees, double yawDegrees)
    {
        Span<byte> body = stackalloc byte[12];
        body.Clear();
        BinaryPrimitives.WriteInt16LittleEndian(body, Tenths(pitchDegrees));
        BinaryPrimitives.WriteInt16LittleEndian(body[2..], Tenths(rollDegrees));
        BinaryPrimitives.WriteInt16LittleEndian(body[4..], Tenths(yawDegrees));
        WriteRecord(FlightRecordType.Gimbal, body);
    }

    /// <summary>RC: the five raw stick/dial channels (364 … 1684, centre 1024), mode switch position and buttons (§3.6).</summary>
    public void WriteRc(int aileron, int elevator, int throttle, int rudder, int gimbal = 1024, int modeSwitch = 0, bool returnHome = false, bool shutter = false, bool record = false)
    {
        Span<byte> body = stackalloc byte[15];
        body.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(body, (ushort)aileron);
        BinaryPrimitives.WriteUInt16LittleEndian(body[2..], (ushort)elevator);
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], (ushort)throttle);
        BinaryPrimitives.WriteUInt16LittleEndian(body[6..], (ushort)rudder);
        BinaryPrimitives.WriteUInt16LittleEndian(body[8..], (ushort)gimbal);
        body[11] = (byte)(((modeSwitch & 0x03) << 4) | (returnHome ? 0x08 : 0));
        body[12] = (byte)((shutter ? 0x40 : 0) | (record ? 0x80 : 0));
        WriteRecord(FlightRecordType.Rc, body[..(_version >= 7 ? 15 : _version >= 6 ? 14 : 13)]);
    }

    public void WriteHome(double latitudeDegrees, double longitudeDegrees, bool recorded = true)
    {
        Span<byte> body = stackalloc byte[41];
        body.Clear();
        BinaryPrimitives.WriteDoubleLittleEndian(body, longitudeDegrees * Math.PI / 180.0);
        BinaryPrimitives.WriteDoubleLittleEndian(body[8..], latitudeDegrees * Math.PI / 180.0);
        body[20] = recorded ? (byte)1 : (byte)0;
        WriteRecord(FlightRecordType.Home, body);
    }

    public void WriteSmartBattery(int percent)
    {
        Span<byte> body = stackalloc byte[30];
        body.Clear();
        body[26] = (byte)Math.Clamp(percent, 0, 100);
        WriteRecord(FlightRecordType.SmartBattery, body);
    }

    /// <summary>CAMERA: the recording bits (byte 0, bits 6–7).</summary>
    public void WriteCamera(bool recording)
    {
        Span<byte> body = stackalloc byte[24];
        body.Clear();
        body[0] = (byte)(0x01 | (recording ? 0x40 : 0));
        WriteRecord(FlightRecordType.Camera, body);
    }

    /// <summary>APP_TIP, APP_WARN or APP_SERIOUS_WARN text.</summary>
    public void WriteAppText(byte type, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteRecord(type, bytes.AsSpan(0, Math.Min(bytes.Length, _version >= 13 ? 4000 : 200)));
    }

    /// <summary>
    /// Ends the file: end marker, moment pictures (full images then thumbnails, at most 4 each) and the details.
    /// Picture lengths in <paramref name="details"/> are replaced by those of the given pictures.
    /// </summary>
    public void Complete(FlightRecordDetails details, IReadOnlyList<byte[]>? pictures = null, IReadOnlyList<byte[]>? thumbnails = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        ObjectDisposedException.ThrowIf(_completed, this);
        pictures ??= [];
        thumbnails ??= [];
        if (pictures.Count > 4 || thumbnails.Count > 4)
        {
            throw new ArgumentException("at most 4 pictures and 4 thumbnails fit the details block");
        }

        var withPictures = new FlightRecordDetails
        {
            SubStreet = details.SubStreet, Street = details.Street, City = details.City, Area = details.Area,
            RecordLineCount = details.RecordLineCount, DetailInfoChecksum = details.DetailInfoChecksum,
            StartTimeMilliseconds = details.StartTimeMilliseconds,
            LongitudeDegrees = details.LongitudeDegrees, LatitudeDegrees = details.LatitudeDegrees,
            TotalDistanceMeters = details.TotalDistanceMeters, TotalTimeMilliseconds = details.TotalTimeMilliseconds,
            MaxHeightMeters = details.MaxHeightMeters,
            MaxHorizontalSpeedMetersPerSecond = details.MaxHorizontalSpeedMetersPerSecond,
            MaxVerticalSpeedMetersPerSecond = details.MaxVerticalSpeedMetersPerSecond,
            CaptureCount = details.CaptureCount, VideoTime = details.VideoTime,
            MomentPictureLengths = [.. Enumerable.Range(0, 4).Select(i => i < pictures.Count ? pictures[i].Length : 0)],
            MomentThumbnailLengths = [.. Enumerable.Range(0, 4).Select(i => i < thumbnails.Count ? thumbnails[i].Length : 0)],
            TakeoffAltitude = details.TakeoffAltitude, ProductTypeCode = details.ProductTypeCode,
            AircraftName = details.AircraftName, AircraftSerial = details.AircraftSerial, CameraSerial = details.CameraSerial,
            RemoteControllerSerial = details.RemoteControllerSerial, BatterySerial = details.BatterySerial,
            AppPlatformCode = details.AppPlatformCode, AppVersion = details.AppVersion,
        };
        var block = FlightRecordDetailsWriter.ToBytes(withPictures, _version);

        if (_options.WriteEndMarker)
        {
            _output.Write([0x39, 0x30, 0x00, 0x00]);
        }

        foreach (var picture in pictures.Concat(thumbnails))
        {
            _output.Write(picture);
        }

        long end = _output.Position;
        if (_version < 12)
        {
            _output.Write(block);
            end = _output.Position;
            var offset = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(offset, (ulong)(end - block.Length - _origin));
            Patch(0, offset);
        }
        else if (_version == 12)
        {
            Patch(FlightRecordPrefix.LongLength, block);
        }
        else
        {
            long recordsStart = _infoBlockOffset + 3 + (1 + 1 + 2 + 436 + 2 + 1) + 7;
            var offset = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(offset, (ulong)recordsStart);
            Patch(0, offset);
            var plain = new byte[1 + 2 + 436 + 2];
            BinaryPrimitives.WriteUInt16LittleEndian(plain.AsSpan(1), 436);
            block.CopyTo(plain, 3);
            var payload = new byte[plain.Length + 2];
            FlightRecordScrambler.Scramble(0, NextSeed(), plain, payload);
            Patch(_infoBlockOffset + 3, payload);
        }

        _output.Position = end;
        _output.Flush();
        _completed = true;
    }

    private void Patch(long offset, ReadOnlySpan<byte> bytes)
    {
        long keep = _output.Position;
        _output.Position = _origin + offset;
        _output.Write(bytes);
        _output.Position = keep;
    }

    private static short Tenths(double value) => (short)Math.Clamp(Math.Round(value * 10.0), short.MinValue, short.MaxValue);

    public void Dispose()
    {
        foreach (var (aes, _) in _ciphers.Values)
        {
            aes.Dispose();
        }

        _ciphers.Clear();
    }
}
