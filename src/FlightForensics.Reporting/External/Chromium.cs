using System.Globalization;

namespace FlightForensics.Reporting.External;

/// <summary>
/// Headless Chromium for printing the HTML report to PDF and for tests (screenshots, DOM after scripts).
/// Always a fresh profile and the flags that keep it from phoning home (no sync, no component update,
/// no background networking, no QUIC), so running it on evidence makes no network request of its own.
/// </summary>
public static class Chromium
{
    public const string MissingMessage =
        "PDF output needs Chromium, which is not installed. On Debian: apt-get install chromium (the HTML report works without it).";

    private static readonly string[] s_names = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

    public static string? Executable => Environment.GetEnvironmentVariable("FLIGHTFORENSICS_CHROMIUM") is { Length: > 0 } env && File.Exists(env)
        ? env : ExternalTool.Find(s_names);

    public static bool IsAvailable => Executable is not null;

    /// <summary>The fixed flags of every run (see research notes, "Chromium flags").</summary>
    public static IReadOnlyList<string> BaseArguments(string userDataDir) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        // Stops the network-time query that the flags above leave on (seen in a net log of Chromium 156).
        "--disable-features=NetworkTimeServiceQuerying",
        "--user-data-dir=" + userDataDir,
    ];

    /// <summary>Prints an HTML file to PDF (A4, no header/footer) with the page's own print styles.</summary>
    public static ToolOutcome TryPrintToPdf(string htmlPath, string pdfPath, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(htmlPath);
        ArgumentNullException.ThrowIfNull(pdfPath);
        var full = Path.GetFullPath(pdfPath);
        var result = Run(htmlPath, ["--print-to-pdf=" + full, "--no-pdf-header-footer", "--virtual-time-budget=5000"], timeout);
        if (!result.Success)
        {
            return result;
        }

        return File.Exists(full) && new FileInfo(full).Length > 0
            ? ToolOutcome.Ok($"wrote {full} with Chromium")
            : ToolOutcome.Failed("Chromium ran but wrote no PDF");
    }

    /// <summary>Takes a screenshot of an HTML file at a window size.</summary>
    public static ToolOutcome TryScreenshot(string htmlPath, string pngPath, int widthPixels = 1200, int heightPixels = 2400, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(pngPath);
        var full = Path.GetFullPath(pngPath);
        var result = Run(htmlPath, ["--screenshot=" + full, "--window-size=" + widthPixels.ToString(CultureInfo.InvariantCulture) + "," + heightPixels.ToString(CultureInfo.InvariantCulture), "--hide-scrollbars", "--virtual-time-budget=5000"], timeout);
        return result.Success && File.Exists(full) ? ToolOutcome.Ok(full) : result.Success ? ToolOutcome.Failed("Chromium wrote no screenshot") : result;
    }

    /// <summary>
    /// Loads a page, lets its scripts run, and returns the DOM; with <paramref name="extraArguments"/> a caller
    /// can add logging (the tests use --enable-logging=stderr and --log-net-log to see console errors and requests).
    /// </summary>
    public static (ToolOutcome Outcome, string Dom, string StdErr) DumpDom(string htmlPath, IEnumerable<string>? extraArguments = null, TimeSpan? timeout = null)
    {
        string dom = "", err = "";
        var outcome = Run(htmlPath, ["--dump-dom", "--virtual-time-budget=5000", .. extraArguments ?? []], timeout, (o, e) => { dom = o; err = e; });
        return (outcome, dom, err);
    }

    private static ToolOutcome Run(string htmlPath, IEnumerable<string> arguments, TimeSpan? timeout, Action<string, string>? output = null)
    {
        var exe = Executable;
        if (exe is null)
        {
            return ToolOutcome.Failed(MissingMessage);
        }

        var profile = Path.Combine(Path.GetTempPath(), "ff-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var url = new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri;
            var (code, stdout, stderr, timedOut) = ExternalTool.Run(exe, [.. BaseArguments(profile), .. arguments, url], timeout ?? TimeSpan.FromMinutes(2));
            output?.Invoke(stdout, stderr);
            if (timedOut)
            {
                return ToolOutcome.Failed("Chromium did not finish in time");
            }

            return code == 0 ? ToolOutcome.Ok("ok") : ToolOutcome.Failed($"Chromium failed (exit {code.ToString(CultureInfo.InvariantCulture)}): {LastLines(stderr, 5)}");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile file still held by a dying helper process; the temp folder is cleaned eventually.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static string LastLines(string text, int count) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(count)).Trim();
}
