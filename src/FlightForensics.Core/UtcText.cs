using System.Globalization;

namespace FlightForensics.Core;

/// <summary>
/// The one text form of a UTC instant in every output (CONTRACT.md <c>time_utc</c>): ISO 8601 with milliseconds and
/// Z, invariant culture. Written once here so that the check JSON, the exports and the analysis notes cannot drift.
/// </summary>
public static class UtcText
{
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);
}
