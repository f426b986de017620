using System.Globalization;
using System.Text.RegularExpressions;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Dji.Photo;
using FlightForensics.Dji.Srt;
using FlightForensics.Geo.Analysis;

namespace FlightForensics.Application.Media;

/// <summary>
/// Loads <c>--media</c> files and folders (DJI video subtitles and photos, detected from content) into the telemetry
/// model for <see cref="MediaCorrelator"/>. Files named one by one are always reported, also when they are not media;
/// a folder contributes only the files detected as media (others are counted in <see cref="SkippedInFolders"/>).
/// </summary>
public sealed partial class MediaLoader(FlightLogReader reader, DecodeOptions decodeOptions, TimeSpan? cameraClockUtcOffset)
{
    /// <summary>Files a folder may contribute at most (a seized card can hold thousands of photos; more is a mistake).</summary>
    public const int MaxFilesPerFolder = 20_000;

    public int SkippedInFolders { get; private set; }

    public List<MediaInput> Load(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
    {
        var inputs = new List<MediaInput>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Order(StringComparer.Ordinal).Take(MaxFilesPerFolder + 1).ToList();
                if (files.Count > MaxFilesPerFolder)
                {
                    throw new UsageException($"--media {path}: more than {MaxFilesPerFolder} files; name a smaller folder");
                }

                foreach (var file in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Detect(file) is not null)
                    {
                        inputs.Add(LoadOne(file, cancellationToken));
                    }
                    else
                    {
                        SkippedInFolders++;
                    }
                }
            }
            else if (File.Exists(path))
            {
                inputs.Add(LoadOne(path, cancellationToken));
            }
            else
            {
                throw new UsageException($"--media: no such file or folder: {path}");
            }
        }

        return inputs;
    }

    /// <summary>The media format of a file from its first bytes (never its name), or null.</summary>
    private string? Detect(string path)
    {
        try
        {
            using var stream = EvidenceFile.OpenRead(path);
            var head = new byte[(int)Math.Min(FormatRegistry.ProbeBytes, Math.Max(0, stream.Length))];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var found = reader.Registry.Detect(head.AsSpan(0, read), stream.Length);
            return found?.Decoder.FormatId is SrtDecoder.Id or PhotoDecoder.Id ? found.Value.Decoder.FormatId : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private MediaInput LoadOne(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        EvidenceFile evidence;
        try
        {
            evidence = EvidenceFile.Open(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FlightLogException)
        {
            // An empty or unreadable file is reported like any other media that cannot be used.
            var sha = "";
            try
            {
                using var stream = EvidenceFile.OpenRead(path);
                sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
            }
            catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
            {
            }

            return new MediaInput { File = name, Sha256 = sha, Format = "unreadable", Problem = $"cannot be used: {ex.Message}" };
        }

        var format = Detect(path);
        if (format is null)
        {
            return new MediaInput { File = name, Sha256 = evidence.Sha256, Format = "unknown", Problem = "not a DJI video subtitle file (.SRT) or a photo (detected from content)" };
        }

        FlightLog log;
        try
        {
            // Without the examiner's offset, camera clocks (no time zone) are read as if they were UTC and the
            // correlation estimates the real offset; with it, they are converted and used as they are.
            log = reader.Read(path, decodeOptions with { CameraClockUtcOffset = cameraClockUtcOffset ?? TimeSpan.Zero, Strict = false }, cancellationToken);
        }
        catch (FlightLogException ex)
        {
            return new MediaInput { File = name, Sha256 = evidence.Sha256, Format = format, Problem = ex.Message };
        }

        var examiner = cameraClockUtcOffset is not null;
        var input = new MediaInput
        {
            File = name,
            Sha256 = evidence.Sha256,
            Format = format,
            Log = log,
            ExaminerOffset = examiner,
            ExaminerOffsetSeconds = cameraClockUtcOffset?.TotalSeconds,
        };
        if (log.Samples.Count == 0)
        {
            var why = log.Diagnostics.Where(d => d.Kind != DiagnosticKind.Note).Select(d => d.Message).FirstOrDefault() ?? "nothing decoded";
            return input with { Log = null, Problem = $"no samples decoded: {why}" };
        }

        if (format == SrtDecoder.Id)
        {
            return input with
            {
                Kind = "video-frame",
                ClockBasis = examiner
                    ? $"subtitle camera clock converted with the examiner's offset {Offset(cameraClockUtcOffset!.Value)}"
                    : "subtitle camera clock (no time zone) read as UTC",
                FocalLength35mm = SrtFocal(log),
            };
        }

        PhotoMetadata? metadata = null;
        try
        {
            using var stream = EvidenceFile.OpenRead(path);
            metadata = PhotoDecoder.ReadMetadata(stream);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The decoder already reported the damage; the pose then comes without a focal length.
        }

        var photo = log.Events.FirstOrDefault(e => e.Kind == FlightEventKind.Photo);
        var timeSource = photo is null ? null : TimeSource().Match(photo.Text) is { Success: true } m ? m.Groups[1].Value : null;
        return input with
        {
            Kind = "photo",
            // One camera's photos share one clock: group by camera serial, else by camera model within a folder.
            ClockGroup = "photo:" + (log.Vehicle.CameraSerial ?? $"{metadata?.CameraModel}|{Path.GetDirectoryName(Path.GetFullPath(path))}"),
            ClockBasis = timeSource switch
            {
                null => "photo time",
                _ when !examiner && timeSource.Contains("examiner", StringComparison.Ordinal) => "EXIF DateTimeOriginal (camera clock, no time zone) read as UTC",
                _ => $"photo time from {timeSource}",
            },
            FocalLength35mm = metadata?.FocalLength35mm,
            AspectRatio = metadata is { ImageWidth: int w, ImageHeight: int h } && w > 0 && h > 0 ? (double)w / h : null,
            ImageWidthPixels = metadata?.ImageWidth,
        };
    }

    /// <summary>The first focal length a subtitle's camera-settings events state (SrtCameraSettings.Describe: focal_len_mm=).</summary>
    private static double? SrtFocal(FlightLog log)
    {
        foreach (var e in log.Events)
        {
            if (FocalLength().Match(e.Text) is { Success: true } m
                && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0)
            {
                return f;
            }
        }

        return null;
    }

    public static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>--camera-clock-offset</c>: <c>+02:00</c>, <c>-05:30</c>, <c>+3600</c> (seconds) or <c>0</c>.</summary>
    public static TimeSpan ParseOffset(string text)
    {
        var t = text.Trim();
        var m = OffsetPattern().Match(t);
        if (m.Success)
        {
            var span = new TimeSpan(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), 0);
            if (span > TimeSpan.FromHours(14))
            {
                throw new UsageException("--camera-clock-offset must be within ±14:00");
            }

            return m.Groups[1].Value == "-" ? -span : span;
        }

        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) <= 14 * 3600)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        throw new UsageException("--camera-clock-offset must look like +02:00, -05:30 or a number of seconds within ±14 h");
    }

    [GeneratedRegex(@"^([+-]?)(\d{1,2}):(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"focal_len_mm=([0-9.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex FocalLength();

    [GeneratedRegex("time_source=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TimeSource();
}
