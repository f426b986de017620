using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FlightForensics.Dji.FlightRecord;
using FlightForensics.Synthesis.Dji;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// decode --fetch-keychains against a fake keychain service on 127.0.0.1: the request is the documented
/// one, the answer is saved beside the output, the track decrypts; every failure is one line and the
/// unencrypted parts are still decoded. The synthetic v13 file is written with the project's own writer.
/// </summary>
public sealed class KeychainFetchTests : IDisposable
{
    private const string ApiKey = "test-api-key-123";
    private const int Frames = 40;
    private const int SectionAt = 25; // a KEY_STORAGE_RECOVER here: two keychains

    private readonly string _dir = Directory.CreateTempSubdirectory("ff-keychains-").FullName;
    private readonly string _evidenceDir;
    private readonly string _outputDir;
    private readonly string _evidence;
    private readonly FlightRecordKeychains _keys;
    // What the fake "service" knows: which key stands behind which key-storage ciphertext (as DJI's does).
    private readonly Dictionary<string, (FeaturePoint Point, byte[] Key, byte[] Iv)> _byCiphertext = new(StringComparer.Ordinal);
    private readonly List<List<(FeaturePoint Point, string Ciphertext)>> _expectedRequest = [];

    public KeychainFetchTests()
    {
        _evidenceDir = Directory.CreateDirectory(Path.Combine(_dir, "evidence")).FullName;
        _outputDir = Directory.CreateDirectory(Path.Combine(_dir, "out")).FullName;
        var random = new Random(1313);
        var keychains = new List<IReadOnlyList<FeaturePointKey>>();
        for (int section = 0; section < 2; section++)
        {
            var list = new List<FeaturePointKey>();
            var expected = new List<(FeaturePoint, string)>();
            foreach (var point in new[] { FeaturePoint.Base, FeaturePoint.DjiFlyCustom })
            {
                var key = new byte[32];
                var iv = new byte[16];
                var blob = new byte[48];
                random.NextBytes(key);
                random.NextBytes(iv);
                random.NextBytes(blob);
                list.Add(new FeaturePointKey(point, key, iv));
                _byCiphertext[Convert.ToBase64String(blob)] = (point, key, iv);
                expected.Add((point, Convert.ToBase64String(blob)));
            }

            keychains.Add(list);
            _expectedRequest.Add(expected);
        }

        _keys = new FlightRecordKeychains(keychains);
        _evidence = Path.Combine(_evidenceDir, "DJIFlightRecord_2024-05-17_[09-30-00].txt");
        File.WriteAllBytes(_evidence, BuildV13());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static double Lat(int i) => 47.3769 + (i * 1e-5);
    private static double Lon(int i) => 8.5417 + (i * 2e-5);

    private byte[] BuildV13()
    {
        using var stream = new MemoryStream();
        using (var writer = new FlightRecordWriter(stream, new FlightRecordWriterOptions { Version = 13, Keychains = _keys }))
        {
            for (int i = 0; i < Frames; i++)
            {
                if (i == 0 || i == SectionAt)
                {
                    if (i == SectionAt)
                    {
                        writer.WriteKeychainSeparator();
                    }

                    foreach (var (point, ciphertext) in _expectedRequest[i == 0 ? 0 : 1])
                    {
                        writer.WriteKeyStorage(point, Convert.FromBase64String(ciphertext));
                    }
                }

                writer.WriteOsd(new FlightRecordOsd { LatitudeDegrees = Lat(i), LongitudeDegrees = Lon(i), HeightAboveTakeoffMeters = i / 10.0, GpsUsed = true, Satellites = 12 });
                writer.WriteCustom(new DateTimeOffset(2024, 5, 17, 9, 30, 0, TimeSpan.Zero).AddMilliseconds(100 * i));
            }

            writer.Complete(new FlightRecordDetails
            {
                RecordLineCount = Frames,
                StartTimeMilliseconds = new DateTimeOffset(2024, 5, 17, 9, 30, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
                LatitudeDegrees = Lat(0),
                LongitudeDegrees = Lon(0),
                ProductTypeCode = 77,
                AircraftName = "Synthetic Mavic 3",
                AircraftSerial = "SYNTH13SERIAL",
                AppPlatformCode = 6,
                AppVersion = "1.9.0",
            });
        }

        return stream.ToArray();
    }

    /// <summary>Answers like DJI's service: the key behind each ciphertext, per keychain, in request order.</summary>
    private FakeHttpAnswer ServiceAnswer(ReceivedHttpRequest request)
    {
        using var doc = JsonDocument.Parse(request.Body);
        var data = new StringBuilder("[");
        bool firstChain = true;
        foreach (var chain in doc.RootElement.GetProperty("keychainsArray").EnumerateArray())
        {
            data.Append(firstChain ? "[" : ",[");
            firstChain = false;
            bool first = true;
            foreach (var entry in chain.EnumerateArray())
            {
                var (point, key, iv) = _byCiphertext[entry.GetProperty("aesCiphertext").GetString()!];
                data.Append(first ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $$"""{"featurePoint":"{{FeaturePoints.JsonName(point)}}","aesKey":"{{Convert.ToBase64String(key)}}","aesIv":"{{Convert.ToBase64String(iv)}}"}""");
                first = false;
            }

            data.Append(']');
        }

        data.Append(']');
        return new FakeHttpAnswer(200, $$"""{"result":{"code":0,"msg":"success"},"data":{{data}}}""");
    }

    private static (int Code, string Out, string Err) Run(Dictionary<string, string> environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr, environment: name => environment.GetValueOrDefault(name));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static Dictionary<string, string> Env(Uri? url, string? apiKey = ApiKey)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (apiKey is not null)
        {
            env["DJI_API_KEY"] = apiKey;
        }

        if (url is not null)
        {
            env["DJI_KEYCHAIN_URL"] = url.ToString();
        }

        return env;
    }

    private static List<string[]> CsvRows(string path) =>
        [.. File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))];

    private string SavedKeychains => Path.Combine(_outputDir, "DJIFlightRecord_2024-05-17_[09-30-00].keychains.json");

    [Fact]
    public void Synthetic_v13_fetch_sends_the_documented_request_saves_beside_the_output_and_decodes_the_track()
    {
        using var service = new FakeHttpService(ServiceAnswer);
        var csv = Path.Combine(_outputDir, "track.csv");
        var (code, _, err) = Run(Env(service.Url()), "decode", _evidence, "--fetch-keychains", "-o", csv);

        Assert.Equal(0, code);
        var request = Assert.Single(service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/openapi/v1/flight-records/keychains", request.Path);
        Assert.Equal(ApiKey, request.Headers["Api-Key"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        // Body: exactly version, department, keychainsArray (dji-formats.md §2.5); nothing else of the file.
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(["version", "department", "keychainsArray"], body.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(4, body.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(3, body.RootElement.GetProperty("department").GetInt32()); // the writer's version block: DJI Fly
        var chains = body.RootElement.GetProperty("keychainsArray").EnumerateArray().ToList();
        Assert.Equal(_expectedRequest.Count, chains.Count);
        for (int k = 0; k < chains.Count; k++)
        {
            var entries = chains[k].EnumerateArray().ToList();
            Assert.Equal(_expectedRequest[k].Count, entries.Count);
            for (int e = 0; e < entries.Count; e++)
            {
                Assert.Equal(["featurePoint", "aesCiphertext"], entries[e].EnumerateObject().Select(p => p.Name).ToArray());
                Assert.Equal(FeaturePoints.JsonName(_expectedRequest[k][e].Point), entries[e].GetProperty("featurePoint").GetString());
                Assert.Equal(_expectedRequest[k][e].Ciphertext, entries[e].GetProperty("aesCiphertext").GetString());
            }
        }

        var bodyText = Encoding.UTF8.GetString(request.Body);
        Assert.DoesNotContain("SYNTH13SERIAL", bodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Synthetic", bodyText, StringComparison.Ordinal);

        // Saved beside the output, never beside the evidence; stderr says where and how to reuse it.
        Assert.True(File.Exists(SavedKeychains));
        Assert.Equal([Path.GetFileName(_evidence)!], Directory.GetFiles(_evidenceDir).Select(f => Path.GetFileName(f)!).ToArray());
        Assert.Contains(SavedKeychains, err, StringComparison.Ordinal);
        Assert.Contains("--keychains", err, StringComparison.Ordinal);

        var rows = CsvRows(csv);
        Assert.Equal(Frames, rows.Count);
        for (int i = 0; i < Frames; i++)
        {
            Assert.Equal(Lat(i), double.Parse(rows[i][2], CultureInfo.InvariantCulture), 7);
            Assert.Equal(Lon(i), double.Parse(rows[i][3], CultureInfo.InvariantCulture), 7);
            Assert.Equal(i / 10.0, double.Parse(rows[i][5], CultureInfo.InvariantCulture), 1);
        }

        // The next run is offline: the saved file decrypts the same track without asking again.
        var offline = Path.Combine(_outputDir, "offline.csv");
        var (code2, _, _) = Run(Env(service.Url()), "decode", _evidence, "--keychains", SavedKeychains, "-o", offline);
        Assert.Equal(0, code2);
        Assert.Single(service.Requests);
        Assert.Equal(rows.Select(r => r[2] + "," + r[3]), CsvRows(offline).Select(r => r[2] + "," + r[3]));
    }

    [Fact]
    public void Synthetic_v13_with_the_api_key_but_without_the_opt_in_sends_nothing_and_says_how()
    {
        using var service = new FakeHttpService(ServiceAnswer);
        var csv = Path.Combine(_outputDir, "track.csv");
        var (code, _, err) = Run(Env(service.Url()), "decode", _evidence, "-o", csv);
        Assert.Equal(0, code);
        Assert.Empty(service.Requests);
        Assert.Contains("--fetch-keychains", err, StringComparison.Ordinal);
        Assert.Empty(CsvRows(csv));
        Assert.False(File.Exists(SavedKeychains));
    }

    [Fact]
    public void Synthetic_fetch_without_the_api_key_is_a_usage_error()
    {
        var (code, _, err) = Run(Env(null, apiKey: null), "decode", _evidence, "--fetch-keychains", "-o", Path.Combine(_outputDir, "t.csv"));
        Assert.Equal(1, code);
        Assert.Contains("DJI_API_KEY", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_plain_http_to_another_host_is_refused_before_anything_is_sent()
    {
        var env = Env(new Uri("http://192.0.2.1/keychains"));
        var (code, _, err) = Run(env, "decode", _evidence, "--fetch-keychains", "-o", Path.Combine(_outputDir, "t.csv"));
        Assert.Equal(1, code);
        Assert.Contains("https", err, StringComparison.Ordinal);
    }

    public static TheoryData<int, string, string> ServiceFailures => new()
    {
        { 403, """{"result":{"code":403,"msg":"forbidden"}}""", "HTTP 403" },
        { 500, "oops", "HTTP 500" },
        { 200, """{"result":{"code":1,"msg":"invalid key storage"},"data":null}""", "code 1, invalid key storage" },
        { 200, """{"result":{"code":0,"msg":"ok"},"data":[[{"featurePoint":""", "not valid JSON" },
        { 200, """{"result":{"code":0,"msg":"ok"}}""", "no \"data\" array" },
        { 200, """{"result":{"code":0,"msg":"ok"},"data":[[{"featurePoint":"FR_Standardization_Feature_Base_1","aesKey":"AAAA","aesIv":"AAAA"}]]}""", "no usable key" },
    };

    [Theory]
    [MemberData(nameof(ServiceFailures))]
    public void Synthetic_service_failure_is_one_line_and_the_unencrypted_summary_is_still_decoded(int status, string answer, string expected)
    {
        using var service = new FakeHttpService(_ => new FakeHttpAnswer(status, answer));
        AssertFailureStillDecodesSummary(Env(service.Url()), expected);
        Assert.Single(service.Requests);
    }

    [Fact]
    public void Synthetic_no_network_is_one_line_and_the_unencrypted_summary_is_still_decoded()
    {
        // A port that was free a moment ago: nothing listens there.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        AssertFailureStillDecodesSummary(Env(new Uri($"http://127.0.0.1:{port}/keychains")), "cannot reach 127.0.0.1");
    }

    private void AssertFailureStillDecodesSummary(Dictionary<string, string> env, string expected)
    {
        var json = Path.Combine(_outputDir, "flight.json");
        var (code, _, err) = Run(env, "decode", _evidence, "--fetch-keychains", "--format", "json", "-o", json);
        Assert.Equal(0, code);
        var failure = Assert.Single(err.Split('\n'), l => l.Contains("fetch failed", StringComparison.Ordinal));
        Assert.Contains(expected, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(File.Exists(SavedKeychains));

        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        Assert.Equal("SYNTH13SERIAL", doc.RootElement.GetProperty("vehicle").GetProperty("aircraftSerial").GetString());
        Assert.Equal(0, doc.RootElement.GetProperty("samples").GetArrayLength());
    }
}
