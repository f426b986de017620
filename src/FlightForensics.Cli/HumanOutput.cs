using System.Globalization;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Exports;
using FlightForensics.Reporting.Text;
using Spectre.Console;

namespace FlightForensics.Cli;

/// <summary>Tables for people, on stderr, so that stdout stays clean for pipes.</summary>
public static class HumanOutput
{
    /// <summary>
    /// Text from the evidence or a layer, ready for a Spectre table: control and bidi characters made visible
    /// (<see cref="TerminalText"/>), then markup escaped.
    /// </summary>
    public static string Escape(string? text) => Markup.Escape(TerminalText.Safe(text));

    /// <summary>Line width used off a terminal: wide enough that no table cell of ours wraps.</summary>
    public const int UnwrappedWidth = 4096;

    public static IAnsiConsole ConsoleFor(TextWriter writer)
    {
        bool isTerminal = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal && Environment.GetEnvironmentVariable("NO_COLOR") is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Off a terminal there is no screen to fit: an 80-column wrap would split a SHA-256 or a time over two
            // lines of a log file (issue #24 §3). Tables only take the width their cells need.
            console.Profile.Width = UnwrappedWidth;
        }

        return console;
    }

    public static void WriteInfo(TextWriter writer, FlightLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var console = ConsoleFor(writer);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        void Row(string k, string? v)
        {
            if (v is not null)
            {
                table.AddRow(Escape(k), Escape(v));
            }
        }

        var s = log.Summary;
        Row("file", log.Evidence.FileName);
        Row("bytes", log.Evidence.Bytes.ToString(CultureInfo.InvariantCulture));
        Row("sha256", log.Evidence.Sha256);
        Row("format", log.FormatVersion is null ? log.FormatId : $"{log.FormatId} (version {log.FormatVersion})");
        Row("decoder", $"{log.DecoderName} {log.DecoderVersion}");
        foreach (var (k, v) in log.Vehicle.KnownFields())
        {
            Row(k, v);
        }

        Row("start (UTC)", log.StartUtc is { } st ? NumberFormat.Utc(st) : "unknown");
        Row("duration", s.DurationSeconds is double d ? Duration(d) : "unknown");
        Row("samples", $"{s.Count.ToString(CultureInfo.InvariantCulture)} ({s.WithPosition.ToString(CultureInfo.InvariantCulture)} with position)");
        if (s.Bounds is GeoBounds b)
        {
            Row("bounds", $"{NumberFormat.Coordinate(b.MinLatitude)},{NumberFormat.Coordinate(b.MinLongitude)} .. {NumberFormat.Coordinate(b.MaxLatitude)},{NumberFormat.Coordinate(b.MaxLongitude)}");
        }

        if (log.Home is { } h)
        {
            Row("home", $"{NumberFormat.Coordinate(h.LatitudeDegrees)},{NumberFormat.Coordinate(h.LongitudeDegrees)}");
        }

        if (s.MaxHeightAboveTakeoffMeters is double mh)
        {
            Row("max height above takeoff", $"{NumberFormat.Measure(mh)} m");
        }

        Row("events", log.Events.Count.ToString(CultureInfo.InvariantCulture));
        Row("damage", DamageLine(log.Damage));
        console.Write(table);
        WriteFirstDiagnostics(console, log, 5);
    }

    /// <summary>The damage counters in one line, or "none found".</summary>
    public static string DamageLine(DamageCounters dmg)
    {
        ArgumentNullException.ThrowIfNull(dmg);
        return dmg.Any || dmg.UnknownRecords > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{dmg.CrcFailures} crc, {dmg.Resyncs} resyncs ({dmg.ResyncSkippedBytes} bytes skipped), {dmg.TruncatedBytes} truncated bytes, {dmg.UnknownRecords} unknown records, {dmg.TimeBackwards} time reversals, {dmg.TimeJumps} time jumps")
            : "none found";
    }

    /// <summary>The first <paramref name="count"/> diagnostics, escaped, and how many more there are.</summary>
    public static void WriteFirstDiagnostics(IAnsiConsole console, FlightLog log, int count)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(log);
        foreach (var diag in log.Diagnostics.Take(count))
        {
            console.MarkupLine($"[yellow]{Escape(diag.Kind.ToName())}[/] at byte {diag.Offset.ToString(CultureInfo.InvariantCulture)}: {Escape(diag.Message)}");
        }

        long more = log.Diagnostics.Count + log.DiagnosticsNotStored - count;
        if (more > 0)
        {
            console.MarkupLine($"... and {more.ToString(CultureInfo.InvariantCulture)} more diagnostics (inspect --json lists them)");
        }
    }

    /// <summary>Hours, minutes, seconds and tenths; hours count on past 24 (93,784.9 s is 26:03:04.9, not 02:03:04.9).</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        var t = TimeSpan.FromSeconds(Math.Abs(seconds));
        var text = string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds / 100}");
        return seconds < 0 ? "-" + text : text;
    }
}
