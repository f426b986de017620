using System.Text;
using System.Text.Json;
using FlightForensics.Dji.FlightRecord;
using FlightForensics.Dji.FlightRecord.Keychains;
using FlightForensics.TestSupport;
using static FlightForensics.Dji.Tests.FlightRecordTestSupport;

namespace FlightForensics.Dji.Tests;

/// <summary>The keychain request built from a file, and the keychain client's failure modes (fake service on 127.0.0.1).</summary>
public class KeychainRequestTests
{
    public static TheoryData<string> EncryptedSamples => new()
    {
        "DJI_V132_DJIFlightRecord_2020-06-18_[19-01-24]",
        "droptc_DJIFlightRecord_2024-11-10_[03-09-29]",
        "droptc_DJIFlightRecord_2025-06-27_[03-31-40]",
        "Electio_sample-flightlog",
    };

    [SampleTheory]
    [MemberData(nameof(EncryptedSamples))]
    public void Request_of_a_real_v14_log_equals_the_reference_decoders_request(string stem)
    {
        FlightRecordKeychainRequest? request;
        using (var stream = File.OpenRead(SamplePath(stem + ".txt")))
        {
            request = FlightRecordKeychainRequest.Read(stream);
        }

        using var summary = JsonDocument.Parse(File.ReadAllBytes(ReferencePath(stem + ".summary.json")));
        var expected = summary.RootElement.GetProperty("keychainRequest");
        Assert.NotNull(request);
        Assert.Equal(expected.GetProperty("version").GetInt32(), request.Version);
        Assert.Equal(expected.GetProperty("department").GetInt32(), request.Department);
        Assert.Equal(expected.GetProperty("keychainCount").GetInt32(), request.Keychains.Count);
        Assert.Equal(
            expected.GetProperty("featurePointsPerKeychain").EnumerateArray().Select(e => e.GetInt32()),
            request.Keychains.Select(k => k.Count));
        Assert.All(request.Keychains.SelectMany(k => k), e => Assert.NotEmpty(e.Ciphertext));
    }

    [SampleFact]
    public void Bad_input_cut_or_flipped_v14_logs_give_a_partial_request_or_none_never_an_exception()
    {
        var bytes = File.ReadAllBytes(SamplePath("Electio_sample-flightlog.txt"));
        var random = new Random(20261121);
        int requests = 0;
        foreach (int cut in new[] { 0, 11, 100, 500, 809, 900, 5000, bytes.Length / 2, bytes.Length - 1 })
        {
            using var stream = new MemoryStream(bytes, 0, Math.Min(cut, bytes.Length), writable: false);
            var request = FlightRecordKeychainRequest.Read(stream);
            requests += request is null ? 0 : 1;
            Assert.True(request is null || request.Keychains.Sum(k => k.Count) <= 10);
        }

        for (int round = 0; round < 20; round++)
        {
            var damaged = (byte[])bytes.Clone();
            for (int flip = 0; flip < 50; flip++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            }

            using var stream = new MemoryStream(damaged, writable: false);
            _ = FlightRecordKeychainRequest.Read(stream);
        }

        using (var zeros = new MemoryStream(new byte[4096]))
        {
            Assert.Null(FlightRecordKeychainRequest.Read(zeros));
        }

        // Cut after the auxiliary blocks: version and department are known, so a request exists.
        Assert.True(requests >= 4, $"{requests} requests");
    }

    [SampleFact]
    public void Request_of_a_plain_log_is_null()
    {
        using var stream = File.OpenRead(SamplePath("chrisvm_mavic2_0.txt"));
        Assert.Null(FlightRecordKeychainRequest.Read(stream));
    }

    [Fact]
    public void Synthetic_request_json_has_the_documented_shape()
    {
        var request = new FlightRecordKeychainRequest(4, 6, [[new KeyStorageEntry(FeaturePoint.Base, [1, 2, 3])], []]);
        Assert.Equal(
            """{"version":4,"department":6,"keychainsArray":[[{"featurePoint":"FR_Standardization_Feature_Base_1","aesCiphertext":"AQID"}],[]]}""",
            Encoding.UTF8.GetString(request.ToJson()));
    }

    [Fact]
    public async Task Synthetic_silent_service_times_out_with_one_line()
    {
        using var service = new FakeHttpService(_ => new FakeHttpAnswer(200, "", NeverAnswer: true));
        using var client = new DjiKeychainClient(new DjiKeychainClientOptions { Endpoint = service.Url(), Timeout = TimeSpan.FromSeconds(1) });
        var request = new FlightRecordKeychainRequest(4, 3, [[new KeyStorageEntry(FeaturePoint.Base, new byte[48])]]);
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<DjiKeychainException>(() => client.FetchAsync(request, "key"));
        Assert.Contains("did not answer within 1 s", ex.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Synthetic_oversized_answer_is_refused()
    {
        using var service = new FakeHttpService(_ => new FakeHttpAnswer(200, new string(' ', 5000)));
        using var client = new DjiKeychainClient(new DjiKeychainClientOptions { Endpoint = service.Url(), MaxResponseBytes = 1000 });
        var request = new FlightRecordKeychainRequest(4, 3, [[new KeyStorageEntry(FeaturePoint.Base, new byte[48])]]);
        var ex = await Assert.ThrowsAsync<DjiKeychainException>(() => client.FetchAsync(request, "key"));
        Assert.Contains("more than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_plain_http_to_another_host_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new DjiKeychainClient(new DjiKeychainClientOptions { Endpoint = new Uri("http://example.invalid/k") }));
    }

    [Fact]
    public void Synthetic_answer_keys_decrypt_what_the_writer_encrypted()
    {
        var keys = FlightRecordSynthetic.Keys(7);
        var answer = keys.ToJson();
        var parsed = DjiKeychainClient.ParseResponse(Encoding.UTF8.GetBytes(answer));
        var bytes = FlightRecordSynthetic.Build(14, 30, keys);
        var log = DecodeBytes(bytes, decoderOptions: new FlightRecordDecoderOptions { Keychains = parsed });
        Assert.Equal(30, log.Samples.Count);
        Assert.Equal(FlightRecordSynthetic.Latitude(29), log.Samples[^1].LatitudeDegrees!.Value, 7);
    }
}
