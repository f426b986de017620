using System.Security.Cryptography;
using FlightForensics.Dji.FlightRecord;
using FlightForensics.Synthesis.Dji;

namespace FlightForensics.Dji.Tests;

/// <summary>Builds synthetic flight records with the project's own writer, with the values they must decode to.</summary>
internal static class FlightRecordSynthetic
{
    public static readonly DateTimeOffset Start = new(2024, 5, 17, 9, 30, 0, TimeSpan.Zero);

    public static double Latitude(int i) => 47.3769 + (i * 1e-5);
    public static double Longitude(int i) => 8.5417 + (i * 2e-5);
    public static double Height(int i) => (i % 500) / 10.0;
    public static DateTimeOffset Time(int i) => Start.AddMilliseconds(100 * (i + 1));

    public static FlightRecordDetails Details(int frames) => new()
    {
        City = "Synthetic",
        RecordLineCount = frames,
        DetailInfoChecksum = 12345,
        StartTimeMilliseconds = Start.ToUnixTimeMilliseconds(),
        LatitudeDegrees = Latitude(0),
        LongitudeDegrees = Longitude(0),
        ProductTypeCode = 42,
        AircraftName = "Synthetic Mavic",
        AircraftSerial = "SYNTH0001",
        CameraSerial = "CAM0001",
        RemoteControllerSerial = "RC0001",
        BatterySerial = "BAT0001",
        AppPlatformCode = 2,
        AppVersion = "4.3.4",
    };

    /// <summary>A JPEG-shaped blob (SOI ... EOI) of the given length.</summary>
    public static byte[] FakeJpeg(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF; bytes[3] = 0xE0;
        bytes[^2] = 0xFF; bytes[^1] = 0xD9;
        return bytes;
    }

    public static FlightRecordKeychains Keys(int seed, int keychains = 1)
    {
        var random = new Random(seed);
        var all = new List<IReadOnlyList<FeaturePointKey>>();
        for (int k = 0; k < keychains; k++)
        {
            all.Add(KeyList(random));
        }

        return new FlightRecordKeychains(all);
    }

    private static List<FeaturePointKey> KeyList(Random random)
    {
        var keys = new List<FeaturePointKey>();
        for (int point = 1; point <= 15; point++)
        {
            var key = new byte[32];
            var iv = new byte[16];
            random.NextBytes(key);
            random.NextBytes(iv);
            keys.Add(new FeaturePointKey((FeaturePoint)point, key, iv));
        }

        return keys;
    }

    /// <summary>
    /// A flight of <paramref name="frames"/> frames: per frame OSD, GIMBAL, CUSTOM; a HOME and a SMART_BATTERY every
    /// 10 frames; a photo at frame 5; an app warning at frame 3; two pictures with thumbnails.
    /// </summary>
    public static byte[] Build(int version, int frames, FlightRecordKeychains? keys = null, bool endMarker = true, bool pictures = true, int sectionEvery = 0)
    {
        using var stream = new MemoryStream();
        using (var writer = new FlightRecordWriter(stream, new FlightRecordWriterOptions { Version = version, Keychains = keys, WriteEndMarker = endMarker }))
        {
            if (version >= 13)
            {
                writer.WriteKeyStorage(FeaturePoint.Base, new byte[48]);
            }

            for (int i = 0; i < frames; i++)
            {
                if (sectionEvery > 0 && i > 0 && i % sectionEvery == 0)
                {
                    writer.WriteKeychainSeparator();
                    writer.WriteKeyStorage(FeaturePoint.Base, new byte[48]);
                }

                writer.WriteOsd(new FlightRecordOsd
                {
                    LatitudeDegrees = Latitude(i),
                    LongitudeDegrees = Longitude(i),
                    HeightAboveTakeoffMeters = Height(i),
                    NorthSpeedMetersPerSecond = 3.0,
                    EastSpeedMetersPerSecond = 4.0,
                    DownSpeedMetersPerSecond = -0.5,
                    YawDegrees = 90.0,
                    FlightModeCode = i < frames / 2 ? 6 : 15,
                    GpsUsed = true,
                    Satellites = 14,
                    FlyTimeSeconds = i / 10.0,
                });
                writer.WriteGimbal(-(i % 90), 0, 45.5);
                writer.WriteCustom(Time(i), photoTaken: i == 5, videoEvent: i == 10 ? (byte)1 : i == 20 ? (byte)2 : (byte)0);
                if (i % 10 == 0)
                {
                    writer.WriteHome(Latitude(0), Longitude(0));
                    writer.WriteSmartBattery(100 - (i / 10));
                }

                if (i == 3)
                {
                    writer.WriteAppText(FlightRecordType.AppWarn, "Strong wind. Fly with caution");
                }
            }

            byte[][] full = pictures ? [FakeJpeg(3000, 1), FakeJpeg(2500, 2)] : [];
            byte[][] thumbs = pictures ? [FakeJpeg(300, 3), FakeJpeg(250, 4)] : [];
            writer.Complete(Details(frames), full, thumbs);
        }

        return stream.ToArray();
    }

    /// <summary>Byte offsets of the records of a well-formed synthetic file (framing only, for targeted damage).</summary>
    public static List<(long Offset, byte Type, int Length)> Records(byte[] file)
    {
        Assert.True(FlightRecordPrefix.TryParse(file, out var prefix));
        long pos = prefix.Version >= 13 ? (long)prefix.DetailOffset : prefix.Version == 12 ? 536 : prefix.Length;
        int header = prefix.WideLength ? 3 : 2;
        var list = new List<(long, byte, int)>();
        while (pos + header < file.Length)
        {
            // Synthetic records never have type 0x39, so the end marker (39 30 00 00) ends the walk.
            int length = prefix.WideLength ? BitConverter.ToUInt16(file, (int)pos + 1) : file[pos + 1];
            long end = pos + header + length;
            if (file[pos] == 0x39 || end >= file.Length || file[end] != 0xFF)
            {
                break;
            }

            list.Add((pos, file[pos], length));
            pos = end + 1;
        }

        return list;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
