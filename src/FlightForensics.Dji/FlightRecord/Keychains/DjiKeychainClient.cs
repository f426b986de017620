using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FlightForensics.Dji.FlightRecord.Keychains;

/// <summary>Options of <see cref="DjiKeychainClient"/>.</summary>
public sealed record DjiKeychainClientOptions
{
    public static DjiKeychainClientOptions Default { get; } = new();

    /// <summary>DJI's keychain endpoint (dji-formats.md §2.5). Overridable so tests talk to a local fake service.</summary>
    public static Uri DefaultEndpoint { get; } = new("https://dev.dji.com/openapi/v1/flight-records/keychains");

    public Uri Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Whole request, connect to last byte.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A response larger than this is not a keychain answer; refused without reading it all.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;
}

/// <summary>Why a keychain fetch failed, in one line a user can act on.</summary>
public sealed class DjiKeychainException : Exception
{
    public DjiKeychainException() { }
    public DjiKeychainException(string message) : base(message) { }
    public DjiKeychainException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>The keychains DJI returned, and the response body exactly as received (to be stored for offline use).</summary>
public sealed record FetchedKeychains(FlightRecordKeychains Keychains, byte[] ResponseJson);

/// <summary>
/// Asks DJI's keychain service for the AES keys of a v13+ flight record: POST of the
/// <see cref="FlightRecordKeychainRequest"/> JSON with the developer key in the <c>Api-Key</c> header
/// (dji-formats.md §2.5). The only networking of the DJI module; the decoder never calls it, the CLI does,
/// and only when the user asks for it.
/// </summary>
public sealed class DjiKeychainClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly DjiKeychainClientOptions _options;

    public DjiKeychainClient(DjiKeychainClientOptions? options = null, HttpMessageHandler? handler = null)
    {
        _options = options ?? DjiKeychainClientOptions.Default;
        if (_options.Endpoint.Scheme == Uri.UriSchemeHttp && !_options.Endpoint.IsLoopback)
        {
            // The API key travels in a header: plain HTTP only to this machine (a local test service).
            throw new ArgumentException($"keychain endpoint {_options.Endpoint} is plain HTTP on another host; use https", nameof(options));
        }

        if (_options.Endpoint.Scheme != Uri.UriSchemeHttp && _options.Endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"keychain endpoint {_options.Endpoint} is not an http(s) URL", nameof(options));
        }

        _http = handler is null
            ? new HttpClient(new SocketsHttpHandler { UseProxy = !_options.Endpoint.IsLoopback, AllowAutoRedirect = false })
            : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // the per-call token enforces Options.Timeout
    }

    public Uri Endpoint => _options.Endpoint;

    /// <exception cref="DjiKeychainException">Refused key (HTTP 403), other HTTP status, service error code, timeout,
    /// no connection, or a response that is not a keychains document.</exception>
    public async Task<FetchedKeychains> FetchAsync(FlightRecordKeychainRequest request, string apiKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        using var message = new HttpRequestMessage(HttpMethod.Post, _options.Endpoint);
        message.Headers.TryAddWithoutValidation("Api-Key", apiKey.Trim());
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Content = new ByteArrayContent(request.ToJson());
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        byte[] body;
        HttpStatusCode status;
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = response.StatusCode;
            if (status == HttpStatusCode.Forbidden)
            {
                throw new DjiKeychainException($"{Host} refused the API key (HTTP 403): check DJI_API_KEY");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DjiKeychainException($"{Host} answered HTTP {(int)status} {response.ReasonPhrase}");
            }

            body = await ReadCappedAsync(response.Content, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DjiKeychainException($"{Host} did not answer within {_options.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            throw new DjiKeychainException($"cannot reach {Host}: {ex.Message}", ex);
        }

        return new FetchedKeychains(ParseResponse(body), body);
    }

    private string Host => _options.Endpoint.IsDefaultPort ? _options.Endpoint.Host : $"{_options.Endpoint.Host}:{_options.Endpoint.Port}";

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new DjiKeychainException($"{Host} sent {content.Headers.ContentLength} bytes, more than a keychain answer can be ({_options.MaxResponseBytes})");
        }

        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                throw new DjiKeychainException($"{Host} sent more than {_options.MaxResponseBytes} bytes; not a keychain answer");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Checks the service's answer <c>{"result": {"code", "msg"}, "data": [[{featurePoint, aesKey, aesIv}]]}</c>:
    /// code 0 and at least one usable key, else a <see cref="DjiKeychainException"/>.
    /// </summary>
    public static FlightRecordKeychains ParseResponse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DjiKeychainException("the keychain service's answer is not a JSON object");
            }

            if (root.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object
                && result.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                && (!code.TryGetInt64(out long c) || c != 0))
            {
                string msg = result.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
                throw new DjiKeychainException($"the keychain service refused the request: code {code.GetRawText()}{(msg.Length > 0 ? ", " + OneLine(msg) : "")}");
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new DjiKeychainException("the keychain service's answer has no \"data\" array");
            }
        }
        catch (JsonException ex)
        {
            throw new DjiKeychainException($"the keychain service's answer is not valid JSON ({ex.Message})", ex);
        }

        FlightRecordKeychains keychains;
        try
        {
            keychains = FlightRecordKeychains.Parse(json);
        }
        catch (InvalidDataException ex)
        {
            throw new DjiKeychainException($"the keychain service's answer is not a keychains document ({ex.Message})", ex);
        }

        if (keychains.Keychains.Sum(k => k.Count) == 0)
        {
            throw new DjiKeychainException("the keychain service's answer holds no usable key (32-byte aesKey, 16-byte aesIv)");
        }

        return keychains;
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    public void Dispose() => _http.Dispose();
}
