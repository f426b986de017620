using System.Globalization;
using System.Buffers.Binary;

namespace FlightForensics.Tamper;

/// <summary>
/// Chooses edits for one tlog from a seed (deterministic) and makes them: a deleted stretch of 5–15 s, a clock shift of
/// 2–10 s either way, a position offset of 20–60 m in a random direction, two reordered blocks of 3–6 s, and (given a
/// second flight) a splice. Times are drawn from the middle 80 % of the stretch that has positions.
/// </summary>
public static class TamperPlan
{
    public static List<(InjectedEdit Edit, byte[] Bytes)> Make(string originalPath, string? splicePath, int seed)
    {
        ArgumentNullException.ThrowIfNull(originalPath);
        var name = Path.GetFileNameWithoutExtension(originalPath);
        var original = TlogFile.Parse(File.ReadAllBytes(originalPath));
        var times = PositionTimes(original);
        if (times.Count < 20)
        {
            return [];
        }

        var random = new Random(seed);
        double start = times[0], end = times[^1], span = end - start;
        double Pick(double room) => start + (0.1 * span) + (random.NextDouble() * Math.Max(0, (0.8 * span) - room));
        string Copy(string edit) => string.Create(CultureInfo.InvariantCulture, $"{name}.{edit}.s{seed}.tlog");
        var result = new List<(InjectedEdit, byte[])>();

        double deleteSeconds = 5 + (random.NextDouble() * 10), deleteAt = Pick(deleteSeconds);
        result.Add((new InjectedEdit(Copy("delete"), Path.GetFileName(originalPath), "delete", deleteAt, deleteAt + deleteSeconds, deleteSeconds, "records removed"),
            TlogEdits.Delete(original, deleteAt, deleteSeconds).ToBytes()));

        double shift = (2 + (random.NextDouble() * 8)) * (random.Next(2) == 0 ? -1 : 1);
        result.Add((new InjectedEdit(Copy("shift"), Path.GetFileName(originalPath), "shift", start, end, shift, "every timestamp moved"),
            TlogEdits.Shift(original, shift).ToBytes()));

        double meters = 20 + (random.NextDouble() * 40), bearing = random.NextDouble() * 360;
        double east = meters * Math.Sin(bearing * Math.PI / 180), north = meters * Math.Cos(bearing * Math.PI / 180);
        result.Add((new InjectedEdit(Copy("offset"), Path.GetFileName(originalPath), "offset", start, end, meters,
                string.Create(CultureInfo.InvariantCulture, $"bearing {bearing:0.#} deg; GLOBAL_POSITION_INT and GPS_RAW_INT rewritten, checksums recomputed")),
            TlogEdits.Offset(original, east, north).ToBytes()));

        double block = 3 + (random.NextDouble() * 3), reorderAt = Pick(2 * block);
        result.Add((new InjectedEdit(Copy("reorder"), Path.GetFileName(originalPath), "reorder", reorderAt, reorderAt + (2 * block), block, "two adjacent blocks swapped in file order"),
            TlogEdits.Reorder(original, reorderAt, block).ToBytes()));

        if (splicePath is not null)
        {
            var other = TlogFile.Parse(File.ReadAllBytes(splicePath));
            var otherTimes = PositionTimes(other);
            if (otherTimes.Count >= 20)
            {
                double cut = Pick(0), otherCut = otherTimes[0] + ((0.2 + (0.6 * random.NextDouble())) * (otherTimes[^1] - otherTimes[0]));
                result.Add((new InjectedEdit(Copy("splice"), Path.GetFileName(originalPath), "splice", cut, cut, 0,
                        "continues with " + Path.GetFileName(splicePath) + " from " + NumberFormatUtc(otherCut) + ", re-timed to follow on and given this vehicle's system id"),
                    TlogEdits.Splice(original, cut, other, otherCut).ToBytes()));
            }
        }

        return result;
    }

    /// <summary>Timestamps of GLOBAL_POSITION_INT records that carry a position (lat/lon not both zero).</summary>
    public static List<double> PositionTimes(TlogFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var times = new List<double>();
        foreach (var r in file.Records)
        {
            if (r.MessageId == 33 && r.PayloadLength >= 12 && r.Bytes.Length >= r.PayloadStart + 12
                && (BinaryPrimitives.ReadInt32LittleEndian(r.Bytes.AsSpan(r.PayloadStart + 4)) != 0 || BinaryPrimitives.ReadInt32LittleEndian(r.Bytes.AsSpan(r.PayloadStart + 8)) != 0)
                && (times.Count == 0 || r.UnixSeconds >= times[^1]))
            {
                times.Add(r.UnixSeconds);
            }
        }

        return times;
    }

    private static string NumberFormatUtc(double unixSeconds) =>
        FlightForensics.Reporting.Exports.NumberFormat.Utc(DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(unixSeconds * 1e7)));
}
