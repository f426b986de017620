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
