using System.Buffers.Binary;
using System.Text;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>
/// The fixed header at offset 0 (dji-formats.md §2.1): 12 bytes before v6, 100 bytes from v6.
/// </summary>
public readonly record struct FlightRecordPrefix(ulong DetailOffset, ushort DetailLength, byte Version, byte MagicVersion)
{
    public const int ShortLength = 12;
    public const int LongLength = 100;

    /// <summary>Highest version whose layout is known; later ones are read as this one, with a note.</summary>
    public const int NewestKnownVersion = 14;

    /// <summary>From this version records are AES-encrypted (dji-formats.md §2.5).</summary>
    public const int FirstEncryptedVersion = 13;

    public int Length => Version < 6 ? ShortLength : LongLength;

    /// <summary>Records are one-byte-length framed up to v12, two-byte from v13.</summary>
    public bool WideLength => Version >= 13;

    /// <summary>Per-record XOR from v7 (§2.4).</summary>
    public bool Scrambled => Version >= 7;

    /// <summary>AES layer and auxiliary blocks from v13 (§2.5, §2.6).</summary>
    public bool Encrypted => Version >= 13;

    public static bool TryParse(ReadOnlySpan<byte> head, out FlightRecordPrefix prefix)
    {
        prefix = default;
        if (head.Length < ShortLength)
        {
            return false;
        }

        ulong detailOffset = BinaryPrimitives.ReadUInt64LittleEndian(head);
        ushort detailLength = BinaryPrimitives.ReadUInt16LittleEndian(head[8..]);
        byte version = head[10];
        // The magic-version field exists from v6 only; its low byte feeds the XOR key (always 0 in samples).
        byte magic = version >= 6 && head.Length >= 20 ? head[12] : (byte)0;
        prefix = new FlightRecordPrefix(detailOffset, detailLength, version, magic);
        return true;
    }
}

/// <summary>
/// The flight summary ("details", dji-formats.md §2.7): 400 bytes before v13, 436 from v13.
/// Coordinates here are degrees, unlike the records.
/// </summary>
public sealed class FlightRecordDetails
{
    public const int MinimumLength = 380;

    public string SubStreet { get; init; } = "";
    public string Street { get; init; } = "";
    public string City { get; init; } = "";
    public string Area { get; init; } = "";
    public int RecordLineCount { get; init; }
    public int DetailInfoChecksum { get; init; }

    /// <summary>Start time, milliseconds since the Unix epoch (UTC) as stored.</summary>
    public long StartTimeMilliseconds { get; init; }
    public double LongitudeDegrees { get; init; }
    public double LatitudeDegrees { get; init; }
    public float TotalDistanceMeters { get; init; }
    public int TotalTimeMilliseconds { get; init; }
    public float MaxHeightMeters { get; init; }
    public float MaxHorizontalSpeedMetersPerSecond { get; init; }
    public float MaxVerticalSpeedMetersPerSecond { get; init; }
    public int CaptureCount { get; init; }
    public long VideoTime { get; init; }
    public int[] MomentPictureLengths { get; init; } = new int[4];
    public int[] MomentThumbnailLengths { get; init; } = new int[4];
    public float TakeoffAltitude { get; init; }
    public int ProductTypeCode { get; init; }
    public string AircraftName { get; init; } = "";
    public string AircraftSerial { get; init; } = "";
    public string CameraSerial { get; init; } = "";
    public string RemoteControllerSerial { get; init; } = "";
    public string BatterySerial { get; init; } = "";
    public int AppPlatformCode { get; init; }
    public string AppVersion { get; init; } = "";

    /// <summary>Start time as a UTC instant, when it is inside a plausible range (2010–2100).</summary>
    public DateTimeOffset? StartUtc => PlausibleUtc(StartTimeMilliseconds);

    /// <summary>Model name, or "product code N" for codes no table knows (the raw code stays visible).</summary>
    public string ProductName => FlightRecordCodes.ProductName(ProductTypeCode)
        ?? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"product code {ProductTypeCode}");

    internal static DateTimeOffset? PlausibleUtc(long milliseconds) =>
        milliseconds is >= 1262304000000L and < 4102444800000L ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;

    /// <summary>Parses the block; returns null when it is shorter than the fixed fields.</summary>
    public static FlightRecordDetails? Parse(ReadOnlySpan<byte> block, int version)
    {
        if (block.Length < MinimumLength)
        {
            return null;
        }

        var pictures = new int[4];
        var thumbnails = new int[4];
        for (int i = 0; i < 4; i++)
        {
            pictures[i] = I32(block, 147 + (4 * i));
            thumbnails[i] = I32(block, 163 + (4 * i));
        }

        bool old = version <= 5;
        return new FlightRecordDetails
        {
            SubStreet = Text(block.Slice(0, 20)),
            Street = Text(block.Slice(20, 20)),
            City = Text(block.Slice(40, 20)),
            Area = Text(block.Slice(60, 20)),
            RecordLineCount = I32(block, 83),
            DetailInfoChecksum = I32(block, 87),
            StartTimeMilliseconds = BinaryPrimitives.ReadInt64LittleEndian(block[91..]),
            LongitudeDegrees = BinaryPrimitives.ReadDoubleLittleEndian(block[99..]),
            LatitudeDegrees = BinaryPrimitives.ReadDoubleLittleEndian(block[107..]),
            TotalDistanceMeters = BinaryPrimitives.ReadSingleLittleEndian(block[115..]),
            TotalTimeMilliseconds = I32(block, 119),
            MaxHeightMeters = BinaryPrimitives.ReadSingleLittleEndian(block[123..]),
            MaxHorizontalSpeedMetersPerSecond = BinaryPrimitives.ReadSingleLittleEndian(block[127..]),
            MaxVerticalSpeedMetersPerSecond = BinaryPrimitives.ReadSingleLittleEndian(block[131..]),
            CaptureCount = I32(block, 135),
            VideoTime = BinaryPrimitives.ReadInt64LittleEndian(block[139..]),
            MomentPictureLengths = pictures,
            MomentThumbnailLengths = thumbnails,
            // Versions up to 5 place identity fields elsewhere (lvauvillier layout/details.rs explicit seeks).
            TakeoffAltitude = BinaryPrimitives.ReadSingleLittleEndian(block[(old ? 352 : 267)..]),
            ProductTypeCode = block[old ? 277 : 271],
            AircraftName = Text(old ? block.Slice(278, 24) : block.Slice(280, 32)),
            AircraftSerial = Text(old ? block.Slice(267, 10) : block.Slice(312, 16)),
            CameraSerial = Text(old ? block.Slice(318, 10) : block.Slice(328, 16)),
            RemoteControllerSerial = Text(old ? block.Slice(328, 10) : block.Slice(344, 16)),
            BatterySerial = Text(old ? block.Slice(338, 10) : block.Slice(360, 16)),
            AppPlatformCode = block[old ? 348 : 376],
            AppVersion = AppVersionText(block.Slice(old ? 349 : 377, 3)),
        };
    }

    private static int I32(ReadOnlySpan<byte> block, int offset) => BinaryPrimitives.ReadInt32LittleEndian(block[offset..]);

    private static string AppVersionText(ReadOnlySpan<byte> v) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v[0]}.{v[1]}.{v[2]}");

    /// <summary>A fixed-size text field: up to the first NUL, invalid UTF-8 replaced, surrounding blanks trimmed.</summary>
    internal static string Text(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        if (nul >= 0)
        {
            field = field[..nul];
        }

        return field.IsEmpty ? "" : Encoding.UTF8.GetString(field).Trim();
    }
}

public static class FlightRecordDetailsWriter
{
    /// <summary>Length of the details block for a version: 400 bytes before v12, 436 from v12.</summary>
    public static int BlockLength(int version) => version >= 12 ? 436 : 400;

    /// <summary>Serialises details in the layout of <paramref name="version"/> (inverse of <see cref="FlightRecordDetails.Parse"/>).</summary>
    public static byte[] ToBytes(FlightRecordDetails details, int version)
    {
        ArgumentNullException.ThrowIfNull(details);
        var block = new byte[BlockLength(version)];
        var span = block.AsSpan();
        PutText(span.Slice(0, 20), details.SubStreet);
        PutText(span.Slice(20, 20), details.Street);
        PutText(span.Slice(40, 20), details.City);
        PutText(span.Slice(60, 20), details.Area);
        BinaryPrimitives.WriteInt32LittleEndian(span[83..], details.RecordLineCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[87..], details.DetailInfoChecksum);
        BinaryPrimitives.WriteInt64LittleEndian(span[91..], details.StartTimeMilliseconds);
        BinaryPrimitives.WriteDoubleLittleEndian(span[99..], details.LongitudeDegrees);
        BinaryPrimitives.WriteDoubleLittleEndian(span[107..], details.LatitudeDegrees);
        BinaryPrimitives.WriteSingleLittleEndian(span[115..], details.TotalDistanceMeters);
        BinaryPrimitives.WriteInt32LittleEndian(span[119..], details.TotalTimeMilliseconds);
        BinaryPrimitives.WriteSingleLittleEndian(span[123..], details.MaxHeightMeters);
        BinaryPrimitives.WriteSingleLittleEndian(span[127..], details.MaxHorizontalSpeedMetersPerSecond);
        BinaryPrimitives.WriteSingleLittleEndian(span[131..], details.MaxVerticalSpeedMetersPerSecond);
        BinaryPrimitives.WriteInt32LittleEndian(span[135..], details.CaptureCount);
        BinaryPrimitives.WriteInt64LittleEndian(span[139..], details.VideoTime);
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(147 + (4 * i))..], i < details.MomentPictureLengths.Length ? details.MomentPictureLengths[i] : 0);
            BinaryPrimitives.WriteInt32LittleEndian(span[(163 + (4 * i))..], i < details.MomentThumbnailLengths.Length ? details.MomentThumbnailLengths[i] : 0);
        }

        bool old = version <= 5;
        BinaryPrimitives.WriteSingleLittleEndian(span[(old ? 352 : 267)..], details.TakeoffAltitude);
        span[old ? 277 : 271] = (byte)details.ProductTypeCode;
        PutText(old ? span.Slice(278, 24) : span.Slice(280, 32), details.AircraftName);
        PutText(old ? span.Slice(267, 10) : span.Slice(312, 16), details.AircraftSerial);
        PutText(old ? span.Slice(318, 10) : span.Slice(328, 16), details.CameraSerial);
        PutText(old ? span.Slice(328, 10) : span.Slice(344, 16), details.RemoteControllerSerial);
        PutText(old ? span.Slice(338, 10) : span.Slice(360, 16), details.BatterySerial);
        span[old ? 348 : 376] = (byte)details.AppPlatformCode;
        var parts = details.AppVersion.Split('.');
        for (int i = 0; i < 3 && i < parts.Length; i++)
        {
            if (byte.TryParse(parts[i], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out byte b))
            {
                span[(old ? 349 : 377) + i] = b;
            }
        }

        return block;
    }

    private static void PutText(Span<byte> field, string text)
    {
        field.Clear();
        var bytes = Encoding.UTF8.GetBytes(text ?? "");
        bytes.AsSpan(0, Math.Min(bytes.Length, field.Length)).CopyTo(field);
    }
}
