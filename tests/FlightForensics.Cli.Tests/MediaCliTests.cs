using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FlightForensics.Core.Decoding;
using FlightForensics.Dji.Photo;
using FlightForensics.Dji.Srt;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// <c>check</c>/<c>report</c> with <c>--media</c>, <c>--camera-clock-offset</c> and <c>--dem</c>: a synthetic flight, and
/// subtitles and photos written here whose camera clock runs two hours ahead of UTC (a UTC+02:00 clock).
/// </summary>
public sealed class MediaCliTests : IDisposable
{
    private const double Lat0 = 47.5, Lon0 = 8.5;
    private static readonly double MetresPerDegreeLon = 111_320 * Math.Cos(Lat0 * Math.PI / 180);
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-media-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The flight path: a curve in metres, seconds after <see cref="SyntheticDecoder.Start"/>.</summary>
    private static (double Lat, double Lon) At(double t) =>
        (Lat0 + (200 * Math.Sin(t / 37) / 111_320), Lon0 + (300 * Math.Sin(t / 60) / MetresPerDegreeLon));

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var registry = new FormatRegistry().Add(new SyntheticDecoder()).Add(new SrtDecoder()).Add(new PhotoDecoder());
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, registry: registry);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Flight()
    {
        var text = new StringBuilder();
        for (var t = 0; t <= 600; t++)
        {
            var (lat, lon) = At(t);
            text.Append(CultureInfo.InvariantCulture, $"{lat:0.#########},{lon:0.#########},80\n");
        }

        return Write("flight.synth", [.. SyntheticDecoder.Magic, .. Encoding.ASCII.GetBytes(text.ToString())]);
    }

    /// <summary>A 40 m square site (GeoJSON) under the track at flight second <paramref name="t"/>.</summary>
    private string Site(double t)
    {
        var (lat, lon) = At(t);
        double dLat = 20 / 111_320.0, dLon = 20 / MetresPerDegreeLon;
        string P(double a, double o) => string.Create(CultureInfo.InvariantCulture, $"[{o:0.#########},{a:0.#########}]");
        var ring = $"[{P(lat - dLat, lon - dLon)},{P(lat - dLat, lon + dLon)},{P(lat + dLat, lon + dLon)},{P(lat + dLat, lon - dLon)},{P(lat - dLat, lon - dLon)}]";
        return Write("site.geojson", Encoding.UTF8.GetBytes(
            $"{{\"type\":\"FeatureCollection\",\"features\":[{{\"type\":\"Feature\",\"id\":\"site-1\",\"properties\":{{\"name\":\"Substation\",\"category\":\"energy\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[{ring}]}}}}]}}"));
    }

    /// <summary>DJI HTML-style subtitles (dji-formats.md §5, layout 4), one cue per 0.1 s from flight second <paramref name="from"/>, camera clock UTC+02:00.</summary>
    private string Srt(string name, double from, double to, double clockAheadSeconds = 7200)
    {
        var text = new StringBuilder();
        var n = 0;
        for (var t = from; t <= to + 1e-9; t += 0.1)
        {
            n++;
            var (lat, lon) = At(t);
            var video = TimeSpan.FromSeconds(t - from);
            var clock = SyntheticDecoder.Start.UtcDateTime.AddSeconds(t + clockAheadSeconds);
            text.Append(CultureInfo.InvariantCulture, $"{n}\n{video:hh\\:mm\\:ss\\,fff} --> {video.Add(TimeSpan.FromMilliseconds(100)):hh\\:mm\\:ss\\,fff}\n");
            text.Append(CultureInfo.InvariantCulture, $"<font size=\"28\">FrameCnt: {n}, DiffTime: 100ms\n{clock:yyyy-MM-dd HH:mm:ss.fff}\n");
            text.Append(CultureInfo.InvariantCulture, $"[iso: 100] [shutter: 1/640.0] [fnum: 1.8] [ev: 0] [focal_len: 24.00] [latitude: {lat:0.000000}] [longitude: {lon:0.000000}] [rel_alt: 80.000 abs_alt: 580.000] [gb_yaw: 0.0] [gb_pitch: -90.0] [gb_roll: 0.0] [ct: 5419] </font>\n\n");
        }

        return Write(name, Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>
    /// Our own minimal JPEG: SOI, an EXIF APP1 (IFD0 → Exif IFD with DateTimeOriginal and FocalLengthIn35mmFilm), an
    /// optional DJI XMP APP1 with position and gimbal, SOF0/SOS, EOI.
    /// </summary>
    private static byte[] Jpeg(DateTime? cameraClock, (double Lat, double Lon)? position, int focal35 = 24, byte[]? thumbnail = null)
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        if (cameraClock is DateTime clock)
        {
            // With a thumbnail: IFD1 at 76 (JPEGInterchangeFormat 0x0201 → 106, JPEGInterchangeFormatLength 0x0202), the JPEG at 106.
            var tiff = new byte[56 + 20 + (thumbnail is null ? 0 : 30 + thumbnail.Length)];
            "II*\0"u8.CopyTo(tiff);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
            // IFD0: one entry, ExifIFDPointer (0x8769, LONG) → 26.
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), 1);
            SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(10), 0x8769, 4, 1, 26);
            // Exif IFD at 26: DateTimeOriginal (0x9003, ASCII, 20 bytes at 56), FocalLengthIn35mmFilm (0xA405, SHORT).
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(26), 2);
            SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(28), 0x9003, 2, 20, 56);
            SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(40), 0xA405, 3, 1, (uint)focal35);
            Encoding.ASCII.GetBytes(clock.ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture)).CopyTo(tiff, 56);
            if (thumbnail is not null)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(22), 76); // IFD0's next-IFD pointer
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(76), 2);
                SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(78), 0x0201, 4, 1, 106);
                SyntheticJpeg.WriteIfdEntry(tiff.AsSpan(90), 0x0202, 4, 1, (uint)thumbnail.Length);
                thumbnail.CopyTo(tiff, 106);
            }

            byte[] app1 = [.. "Exif\0\0"u8, .. tiff];
            bytes.AddRange([0xFF, 0xE1, (byte)((app1.Length + 2) >> 8), (byte)(app1.Length + 2)]);
            bytes.AddRange(app1);
        }

        if (position is var (lat, lon))
        {
            var packet = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\" xmlns:drone-dji=\"http://www.dji.com/drone-dji/1.0/\" drone-dji:GpsLatitude=\"{lat:+0.0000000}\" drone-dji:GpsLongtitude=\"{lon:+0.0000000}\" drone-dji:RelativeAltitude=\"+80.00\" drone-dji:GimbalPitchDegree=\"-90.00\" drone-dji:GimbalYawDegree=\"+0.00\" drone-dji:GimbalRollDegree=\"+0.00\"/></rdf:RDF></x:xmpmeta>"));
            bytes.AddRange([0xFF, 0xE1, (byte)((packet.Length + 2) >> 8), (byte)(packet.Length + 2)]);
            bytes.AddRange(packet);
        }

        SyntheticJpeg.AppendImageAndEnd(bytes);
        return [.. bytes];
    }

    private string Photo(string name, double t, bool withPosition = true, double clockAheadSeconds = 7200, byte[]? thumbnail = null) =>
        Write(name, Jpeg(SyntheticDecoder.Start.UtcDateTime.AddSeconds(t + clockAheadSeconds), withPosition ? At(t) : null, thumbnail: thumbnail));

    private static JsonElement Media(string json, string file) =>
        JsonDocument.Parse(json).RootElement.GetProperty("media").EnumerateArray().Single(m => m.GetProperty("file").GetString() == file);

    [Fact]
    public void Synthetic_srt_with_a_two_hour_camera_clock_is_placed_and_its_capture_named()
    {
        var flight = Flight();
        var srt = Srt("DJI_0001.SRT", 100, 160);
        var (code, json, err) = Run("check", flight, "--infra", Site(120), "--media", srt, "--json");

        Assert.True(code == 0, err);
        var m = Media(json, "DJI_0001.SRT");
        Assert.True(m.GetProperty("matched").GetBoolean(), m.GetProperty("reason").GetString());
        Assert.Equal("dji-srt", m.GetProperty("format").GetString());
        Assert.Equal(7200, m.GetProperty("clockOffsetS").GetDouble(), 1.0);
        Assert.Equal("estimated", m.GetProperty("offsetSource").GetString());
        Assert.InRange(m.GetProperty("residualM").GetDouble(), 0, 2);
        Assert.Equal(64, m.GetProperty("sha256").GetString()!.Length);

        var capture = JsonDocument.Parse(json).RootElement.GetProperty("captures").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "video-frame");
        Assert.Equal("DJI_0001.SRT", capture.GetProperty("mediaFile").GetString());
        Assert.Equal("site-1", capture.GetProperty("featureId").GetString());
        Assert.Contains("1 of 1 media file(s) matched", System.Text.RegularExpressions.Regex.Replace(err, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_camera_clock_offset_option_overrides_the_estimate()
    {
        var flight = Flight();
        var srt = Srt("DJI_0001.SRT", 100, 160);
        var layer = Site(120);

        var (code, json, _) = Run("check", flight, "--infra", layer, "--media", srt, "--camera-clock-offset", "+02:00", "--json");
        Assert.Equal(0, code);
        var m = Media(json, "DJI_0001.SRT");
        Assert.True(m.GetProperty("matched").GetBoolean());
        Assert.Equal("examiner", m.GetProperty("offsetSource").GetString());
        Assert.Equal(7200, m.GetProperty("clockOffsetS").GetDouble());

        // A wrong stated offset is used as stated: the video then falls an hour after the flight, and that is reported.
        (code, json, _) = Run("check", flight, "--infra", layer, "--media", srt, "--camera-clock-offset", "+01:00", "--json");
        Assert.Equal(0, code);
        m = Media(json, "DJI_0001.SRT");
        Assert.False(m.GetProperty("matched").GetBoolean());
        Assert.Contains("does not overlap", m.GetProperty("reason").GetString(), StringComparison.Ordinal);

        Assert.Equal(1, Run("check", flight, "--infra", layer, "--media", srt, "--camera-clock-offset", "two hours").Code);
        Assert.Equal(1, Run("check", flight, "--infra", layer, "--camera-clock-offset", "+02:00").Code);
    }

    [Fact]
    public void Synthetic_photo_folder_shares_one_clock_and_a_photo_without_gps_is_placed_by_it()
    {
        var flight = Flight();
        Photo("photos/DJI_0010.JPG", 60);
        Photo("photos/DJI_0011.JPG", 120);
        Photo("photos/DJI_0012.JPG", 410);
        Photo("photos/DJI_0013.JPG", 200, withPosition: false);
        Write("photos/notes.txt", "not a photo"u8.ToArray());

        var (code, json, err) = Run("check", flight, "--infra", Site(120), "--media", Path.Combine(_dir, "photos"), "--json");

        Assert.True(code == 0, err);
        foreach (var name in new[] { "DJI_0010.JPG", "DJI_0011.JPG", "DJI_0012.JPG", "DJI_0013.JPG" })
        {
            var m = Media(json, name);
            Assert.True(m.GetProperty("matched").GetBoolean(), name + ": " + m.GetProperty("reason").GetString());
            Assert.Equal("photo", m.GetProperty("format").GetString());
            Assert.Equal(7200, m.GetProperty("clockOffsetS").GetDouble(), 1.0);
        }

        Assert.Equal(JsonValueKind.Null, Media(json, "DJI_0013.JPG").GetProperty("residualM").ValueKind);
        Assert.Equal(SyntheticDecoder.Start.AddSeconds(200), DateTimeOffset.Parse(Media(json, "DJI_0013.JPG").GetProperty("firstUtc").GetString()!, CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        var capture = JsonDocument.Parse(json).RootElement.GetProperty("captures").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "photo" && c.GetProperty("mediaFile").ValueKind == JsonValueKind.String);
        Assert.Equal("DJI_0011.JPG", capture.GetProperty("mediaFile").GetString());
        Assert.Contains(JsonDocument.Parse(json).RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("1 file(s) that are neither", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_bad_media_are_reported_not_fatal()
    {
        var flight = Flight();
        var broken = Write("broken.SRT", "1\n00:00:00,000 --> 00:00:01,000\n<font>garbage [latitude: abc]\n"u8.ToArray());
        var empty = Write("empty.SRT", []);
        var noTime = Write("DJI_0099.JPG", Jpeg(null, null));
        var notMedia = Write("readme.txt", "hello"u8.ToArray());
        var late = Srt("DJI_0100.SRT", 100, 110, clockAheadSeconds: 3 * 86400);

        var (code, json, err) = Run("check", flight, "--infra", Site(120), "--media", broken, "--media", empty, "--media", noTime,
            "--media", notMedia, "--media", late, "--json");

        Assert.True(code == 0, err);
        var media = JsonDocument.Parse(json).RootElement.GetProperty("media").EnumerateArray().ToList();
        Assert.Equal(5, media.Count);
        Assert.All(media, m => Assert.False(m.GetProperty("matched").GetBoolean()));
        Assert.All(media, m => Assert.False(string.IsNullOrWhiteSpace(m.GetProperty("reason").GetString())));
        Assert.Contains("no time overlap", Media(json, "DJI_0100.SRT").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("no time", Media(json, "DJI_0099.JPG").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("not a DJI video subtitle", Media(json, "readme.txt").GetProperty("reason").GetString(), StringComparison.Ordinal);

        Assert.Equal(1, Run("check", flight, "--infra", Site(120), "--media", Path.Combine(_dir, "missing.SRT")).Code);
    }

    [Fact]
    public void Synthetic_dem_of_the_wrong_size_or_name_is_skipped_with_a_note_and_flat_ground()
    {
        var flight = Flight();
        var wrongSize = Write("N47E008.hgt", new byte[1000]);
        var (code, json, err) = Run("check", flight, "--infra", Site(120), "--dem", wrongSize, "--json");
        Assert.Equal(0, code);
        Assert.Contains("elevation model: N47E008.hgt not used: N47E008.hgt: 1000 bytes", json, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);

        var wrongName = Write("terrain.hgt", new byte[1201 * 1201 * 2]);
        (code, _, err) = Run("plot", flight, "-o", Path.Combine(_dir, "map.svg"), "--dem", wrongName);
        Assert.Equal(0, code);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);

        (code, _, err) = Run("check", flight, "--infra", Site(120), "--dem", Path.Combine(_dir, "no-such-folder"));
        Assert.Equal(1, code);
        Assert.Contains("--dem: no such file or folder", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_dem_gives_heights_above_ground_in_check()
    {
        // Flat 430 m tile: the flight's 80 m above takeoff become 80 m above ground, and the DEM is listed in the options.
        var bytes = new byte[1201 * 1201 * 2];
        for (var i = 0; i < bytes.Length; i += 2)
        {
            BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(i), 430);
        }

        var dem = Write("N47E008.hgt", bytes);
        var (code, json, err) = Run("check", Flight(), "--infra", Site(120), "--dem", dem, "--json");
        Assert.True(code == 0, err);
        var root = JsonDocument.Parse(json).RootElement;
        var pass = root.GetProperty("overflights").EnumerateArray().First();
        Assert.Equal(80, pass.GetProperty("minHeightAboveGroundM").GetDouble(), 1);
        Assert.Contains("N47E008.hgt", root.GetProperty("options").GetProperty("dem")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_report_lists_media_with_offset_and_residual()
    {
        var output = Path.Combine(_dir, "report.html");
        var (code, _, err) = Run("report", Flight(), "--infra", Site(120), "--media", Srt("DJI_0001.SRT", 100, 160), "--static", "-o", output);
        Assert.True(code == 0, err);
        var html = File.ReadAllText(output);
        Assert.Contains("DJI_0001.SRT", html, StringComparison.Ordinal);
        Assert.Contains("matched: camera clock +7200", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_report_embeds_the_exif_thumbnail_of_the_photo_that_captured_the_site()
    {
        // A stand-in JPEG (SOI, an APP0-like segment, a distinctive payload, EOI): the report embeds bytes, it does not decode them.
        byte[] thumbnail = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x06, 0x54, 0x48, 0x55, 0x4D, 0xFF, 0xD9];
        var flight = Flight();
        Photo("photos/DJI_0010.JPG", 60, thumbnail: [0xFF, 0xD8, 0x01, 0xFF, 0xD9]); // away from the site
        Photo("photos/DJI_0011.JPG", 120, thumbnail: thumbnail); // over the site
        Photo("photos/DJI_0012.JPG", 410);
        var output = Path.Combine(_dir, "report.html");

        var (code, _, err) = Run("report", flight, "--infra", Site(120), "--media", Path.Combine(_dir, "photos"), "--static", "-o", output);

        Assert.True(code == 0, err);
        var html = File.ReadAllText(output);
        var img = $"<img id=\"thumb-1\" alt=\"DJI_0011.JPG\" src=\"data:image/jpeg;base64,{Convert.ToBase64String(thumbnail)}\">";
        Assert.Contains(img, html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<img id=\"thumb-"));
        Assert.Contains("Thumbnails: 1 shown", html, StringComparison.Ordinal);

        const string manifestStart = "<script type=\"application/json\" id=\"ff-manifest\">";
        int m = html.IndexOf(manifestStart, StringComparison.Ordinal) + manifestStart.Length;
        using var manifest = JsonDocument.Parse(html[m..html.IndexOf("</script>", m, StringComparison.Ordinal)]);
        var part = Assert.Single(manifest.RootElement.GetProperty("parts").EnumerateArray(), p => p.TryGetProperty("sourcePhoto", out _));
        Assert.Equal("thumb-1", part.GetProperty("id").GetString());
        Assert.Equal("DJI_0011.JPG", part.GetProperty("sourcePhoto").GetString());
        Assert.Equal("site-1", part.GetProperty("featureId").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(thumbnail)), part.GetProperty("sha256").GetString());

        using var sidecar = JsonDocument.Parse(File.ReadAllBytes(output + ".provenance.json"));
        var listed = Assert.Single(sidecar.RootElement.GetProperty("thumbnails").EnumerateArray());
        Assert.Equal("DJI_0011.JPG", listed.GetProperty("sourcePhoto").GetString());
        Assert.Equal("site-1", listed.GetProperty("featureId").GetString());
    }

    [Fact]
    public void Synthetic_report_caps_thumbnails_at_50_in_photo_name_order_and_says_how_many_were_left_out()
    {
        var flight = Flight();
        for (var i = 0; i < 52; i++)
        {
            // Every photo over the site, each with its own thumbnail (its index in the payload).
            Photo(string.Create(CultureInfo.InvariantCulture, $"photos/DJI_{1000 + i}.JPG"), 118 + (i * 0.08), thumbnail: [0xFF, 0xD8, (byte)i, 0xFF, 0xD9]);
        }

        var output = Path.Combine(_dir, "report.html");
        var (code, _, err) = Run("report", flight, "--infra", Site(120), "--media", Path.Combine(_dir, "photos"), "--static", "-o", output);

        Assert.True(code == 0, err);
        var html = File.ReadAllText(output);
        var alts = System.Text.RegularExpressions.Regex.Matches(html, "<img id=\"thumb-[0-9]+\" alt=\"(DJI_[0-9]+[.]JPG)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(50, alts.Count);
        Assert.Equal(Enumerable.Range(1000, 50).Select(n => string.Create(CultureInfo.InvariantCulture, $"DJI_{n}.JPG")), alts);
        Assert.Contains("Thumbnails: 50 shown", html, StringComparison.Ordinal);
        Assert.Contains("2 more left out (at most 50)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_report_of_a_capturing_photo_without_a_thumbnail_says_so_and_embeds_none()
    {
        var flight = Flight();
        Photo("photos/DJI_0011.JPG", 120);
        var output = Path.Combine(_dir, "report.html");

        var (code, _, err) = Run("report", flight, "--infra", Site(120), "--media", Path.Combine(_dir, "photos"), "--static", "-o", output);

        Assert.True(code == 0, err);
        var html = File.ReadAllText(output);
        Assert.DoesNotContain("<img id=\"thumb-", html, StringComparison.Ordinal);
        Assert.Contains("1 capture(s) of a photo without a usable thumbnail", html, StringComparison.Ordinal);
    }

    [SampleFact]
    public void Real_srt_and_photo_samples_are_reported_as_not_overlapping_a_real_flight()
    {
        // No flight in shared/samples goes with these media (MANIFESTs): every one must be reported, none matched.
        var registry = CliApp.CreateRegistry();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var srtFolder = Path.Combine(Samples.Root!, "dji", "srt");
        var photos = Path.Combine(Samples.Root!, "dji-photos");
        var flight = Samples.Require("dji", "txt", "lvauvillier_test-data_test.txt");
        var layer = Samples.Require("geo", "andorra-infra.geojson");
        var code = CliApp.Run(["check", flight, "--infra", layer, "--media", srtFolder, "--media", photos,
            "--media", Path.Combine(srtFolder, "JuanIrache_broken_empty.SRT"), "--json"], stdout, stderr, registry: registry);

        Assert.True(code == 0, stderr.ToString());
        var media = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("media").EnumerateArray().ToList();
        var srtFiles = Directory.GetFiles(srtFolder, "*.SRT", SearchOption.TopDirectoryOnly).Concat(Directory.GetFiles(srtFolder, "*.srt")).Distinct().Count();
        // Every non-empty subtitle file and the four photos from the folders, plus the empty file named explicitly.
        Assert.Equal(srtFiles - 1 + 4 + 1, media.Count);
        Assert.All(media, m => Assert.False(m.GetProperty("matched").GetBoolean(), m.GetProperty("file").GetString()));
        Assert.Contains(media, m => m.GetProperty("reason").GetString()!.Contains("no time overlap", StringComparison.Ordinal));
    }
}
