using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlightForensics.Reporting.External;

namespace FlightForensics.Reporting.Tests;

/// <summary>
/// Drives headless Chromium over the DevTools protocol (a WebSocket, no extra packages) so a test can see
/// what the PAGE did: every request it made (Network.requestWillBeSent), every console error, uncaught
/// exception and browser log error (CSP violations arrive there), evaluate expressions and take a screenshot.
/// Chromium's own background traffic is not the page's and is not visible on the page's session.
/// </summary>
internal sealed class ChromiumHarness : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonObject>> _pending = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _nextId;
    private string? _session;

    public List<string> Requests { get; } = [];
    public List<string> ConsoleErrors { get; } = [];
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromiumHarness(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<ChromiumHarness> StartAsync(int width, int height)
    {
        var exe = Chromium.Executable ?? throw new InvalidOperationException(Chromium.MissingMessage);
        var profile = Path.Combine(Path.GetTempPath(), "ff-cdp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(exe) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in Chromium.BaseArguments(profile))
        {
            info.ArgumentList.Add(a);
        }

        info.ArgumentList.Add("--remote-debugging-port=0");
        info.ArgumentList.Add("--window-size=" + width.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add("about:blank");
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var harness = new ChromiumHarness(process, profile);
        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                await harness.DisposeAsync();
                throw new InvalidOperationException("Chromium did not open its DevTools port");
            }

            await Task.Delay(100);
        }

        var lines = (await File.ReadAllLinesAsync(portFile)).Where(l => l.Length > 0).ToArray();
        await harness._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0]}{lines[1]}"), CancellationToken.None);
        harness._reader = Task.Run(harness.ReadLoop);
        var target = await harness.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, browserLevel: true);
        var attach = await harness.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, browserLevel: true);
        harness._session = attach["sessionId"]!.GetValue<string>();
        foreach (var domain in new[] { "Network.enable", "Runtime.enable", "Log.enable", "Page.enable" })
        {
            await harness.SendAsync(domain, []);
        }

        await harness.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        return harness;
    }

    public async Task NavigateAsync(string path, TimeSpan timeout)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(path)).AbsoluteUri });
        await _loaded.Task.WaitAsync(timeout);
    }

    /// <summary>Evaluates an expression in the page and returns its JSON value.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        return result["result"]?["value"];
    }

    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters, bool browserLevel = false)
    {
        var tcs = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_gate)
        {
            id = ++_nextId;
            _pending[id] = tcs;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (!browserLevel && _session is not null)
        {
            message["sessionId"] = _session;
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (reply["error"] is JsonNode error)
        {
            throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        }

        return reply["result"] as JsonObject ?? [];
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 20];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage)
                {
                    continue;
                }

                var node = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                Dispatch(node);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    private void Dispatch(JsonObject node)
    {
        if (node["id"] is JsonNode idNode)
        {
            TaskCompletionSource<JsonObject>? tcs;
            lock (_gate)
            {
                _pending.Remove(idNode.GetValue<int>(), out tcs);
            }

            tcs?.TrySetResult(node);
            return;
        }

        var method = node["method"]?.GetValue<string>();
        var p = node["params"];
        lock (_gate)
        {
            switch (method)
            {
                case "Network.requestWillBeSent":
                    Requests.Add(p!["request"]!["url"]!.GetValue<string>());
                    break;
                case "Runtime.consoleAPICalled" when p!["type"]!.GetValue<string>() is "error" or "assert" or "warning":
                    ConsoleErrors.Add("console." + p["type"]!.GetValue<string>() + ": " + p["args"]!.ToJsonString());
                    break;
                case "Runtime.exceptionThrown":
                    ConsoleErrors.Add("exception: " + p!["exceptionDetails"]!.ToJsonString());
                    break;
                case "Log.entryAdded" when p!["entry"]!["level"]!.GetValue<string>() is "error" or "warning":
                    ConsoleErrors.Add("log: " + p["entry"]!["text"]!.GetValue<string>() + " " + (p["entry"]!["url"]?.GetValue<string>() ?? ""));
                    break;
                case "Page.loadEventFired":
                    _loaded.TrySetResult();
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _socket.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when no Chromium is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsAvailable)
        {
            Skip = "needs headless Chromium (Debian package chromium), which this machine does not have";
        }
    }
}
