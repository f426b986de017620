using System.Globalization;

namespace FlightForensics.Verification;

/// <summary>Explanations are written in the invariant culture, like every figure in the result.</summary>
internal static class Words
{
    public static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string When(SourceTrack t, int i) =>
        t.Utc(i) is DateTimeOffset utc ? utc.UtcDateTime.ToString("HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) : F($"{t.Time[i]:0.###} s");
}
