using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Reporting.Html;

namespace FlightForensics.Application.Media;

/// <summary>
/// The report's thumbnails: for every photo that captured a feature, the photo's own EXIF thumbnail (the byte range
/// the photo decoder found), read again read-only from the evidence file. One per (photo, feature), sorted by photo
/// name then feature id, at most <c>max</c>.
/// </summary>
public static class ReportThumbnails
{
    public const int DefaultMax = 50;

    /// <summary>Thumbnails longer than this are not read (the photo decoder already refuses longer ones).</summary>
    private const long MaxBytes = 256 * 1024;

    public sealed record Selection(IReadOnlyList<ReportThumbnail> Thumbnails, int LeftOut, int PairsWithoutThumbnail, IReadOnlyList<string> Problems);

    public static Selection Collect(CheckResult result, IReadOnlyList<MediaInput> media, int max = DefaultMax)
    {
        // Captures name their photo by file name; a name given twice (two folders) cannot be told apart, so it is skipped.
        var photos = media.Where(m => m.Kind == "photo" && m.Log is not null)
            .GroupBy(m => m.File, StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single().Log!, StringComparer.Ordinal);
        var pairs = result.Captures
            .Where(c => c.Kind == "photo" && c.MediaFile is not null)
            .Select(c => (Photo: c.MediaFile!, FeatureId: c.Feature.FeatureId))
            .Distinct()
            .OrderBy(p => p.Photo, StringComparer.Ordinal)
            .ThenBy(p => p.FeatureId, StringComparer.Ordinal)
            .ToList();

        var thumbnails = new List<ReportThumbnail>();
        var problems = new List<string>();
        var cache = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        int leftOut = 0, without = 0;
        foreach (var (photo, featureId) in pairs)
        {
            if (!cache.TryGetValue(photo, out var data))
            {
                data = photos.TryGetValue(photo, out var log) ? Read(log, problems) : null;
                cache[photo] = data;
            }

            if (data is null)
            {
                without++;
            }
            else if (thumbnails.Count >= max)
            {
                leftOut++;
            }
            else
            {
                thumbnails.Add(new ReportThumbnail(photo, "image/jpeg", data) { FeatureId = featureId });
            }
        }

        return new Selection(thumbnails, leftOut, without, problems);
    }

    private static byte[]? Read(FlightLog log, List<string> problems)
    {
        var attachment = log.Attachments.FirstOrDefault(a => a.Name == Dji.Photo.PhotoDecoder.ThumbnailAttachmentName && a.MediaType == "image/jpeg");
        if (attachment is null)
        {
            return null;
        }

        if (attachment.Offset < 0 || attachment.Length < 2 || attachment.Length > MaxBytes || attachment.Offset + attachment.Length > log.Evidence.Bytes)
        {
            problems.Add($"{log.Evidence.FileName}: thumbnail range outside the file; not shown");
            return null;
        }

        try
        {
            using var stream = EvidenceFile.OpenRead(log.Evidence.FullPath);
            if (stream.Length != log.Evidence.Bytes)
            {
                problems.Add($"{log.Evidence.FileName}: the file changed size since it was hashed; thumbnail not shown");
                return null;
            }

            var data = new byte[attachment.Length];
            stream.Position = attachment.Offset;
            stream.ReadExactly(data);
            if (data[0] != 0xFF || data[1] != 0xD8)
            {
                problems.Add($"{log.Evidence.FileName}: thumbnail bytes no longer start with FF D8; not shown");
                return null;
            }

            return data;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{log.Evidence.FileName}: thumbnail could not be read ({ex.Message})");
            return null;
        }
    }
}
