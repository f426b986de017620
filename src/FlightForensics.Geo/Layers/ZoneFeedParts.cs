using System.Globalization;
using System.Text.Json;
using FlightForensics.Geo.Model;

namespace FlightForensics.Geo.Layers;

/// <summary>
/// The parts every drone-zone feed shares: vertical limits with unit and datum, restriction words, schedules,
/// multilingual texts. Every value a zone cannot use becomes a diagnostic naming the zone; the zone is kept.
/// </summary>
/// <remarks>
/// Vocabulary from EUROCAE ED-269 (UASZone: <c>uomDimensions</c> M/FT, <c>lower/upperVerticalReference</c>
/// AGL/AMSL/WGS84, <c>restriction</c> PROHIBITED/REQ_AUTHORISATION/CONDITIONAL/NO_RESTRICTION, <c>applicability</c>
/// with <c>dailyPeriod</c>) and ED-318 (<c>layer { upper, lower, uom, upperReference, lowerReference }</c>,
/// <c>limitedApplicability</c>), as published in the interuss/monitoring test data and the national feeds in
/// shared/samples/airspace; AIXM 5.1 codes (SFC, MSL, STD; FT, FL, M; UNL, GND) from the AIXM 5.1 data dictionary.
/// </remarks>
internal static class ZoneFeedParts
{
    public const double MetersPerFoot = 0.3048;

    /// <summary>Values at or above these are the feeds' "no ceiling" sentinels (Swiss ED-269 99999 m; AIXM FL 999).</summary>
    private const double SentinelValue = 99_999;
    private const double SentinelFlightLevel = 999;

    /// <summary>No drone zone reaches 100 km up: a larger stated limit is a unit or typing error.</summary>
    private const double AbsurdMeters = 100_000;

    /// <summary>Reads one limit; <paramref name="value"/> may be a number, a numeric string, UNL/GND, null or absent.</summary>
    public static VerticalLimit Limit(JsonElement? value, string? unit, string? reference, bool upper, LayerBuilder builder, string location)
    {
        var which = upper ? "upper" : "lower";
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return VerticalLimit.NotStated;
        }

        string text;
        if (v.ValueKind == JsonValueKind.Number)
        {
            text = v.GetRawText();
        }
        else if (v.ValueKind == JsonValueKind.String)
        {
            // A string limit ("0") is what the interuss ED-269 sample holds: the number is as good as a JSON number.
            text = v.GetString()!.Trim();
        }
        else
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, $"{which} limit is a JSON {v.ValueKind}, not a number: not used");
            return VerticalLimit.NotStated with { Published = v.GetRawText() };
        }

        return Limit(text, unit, reference, upper, builder, location);
    }

    /// <summary>Reads one limit from its text (a number, UNL, GND), unit and datum words.</summary>
    public static VerticalLimit Limit(string text, string? unit, string? reference, bool upper, LayerBuilder builder, string location)
    {
        var which = upper ? "upper" : "lower";
        var u = (unit ?? string.Empty).Trim().ToUpperInvariant();
        var r = (reference ?? string.Empty).Trim().ToUpperInvariant();
        var published = u == "FL" ? $"FL {text}" : $"{text} {unit?.Trim()} {reference?.Trim()}".Trim();
        var datum = ParseReference(u == "FL" ? "STD" : r);
        if (text.Equals("UNL", StringComparison.OrdinalIgnoreCase) || text.Equals("UNLIMITED", StringComparison.OrdinalIgnoreCase))
        {
            return new VerticalLimit(null, datum, published, Unlimited: upper);
        }

        if (text.Equals("GND", StringComparison.OrdinalIgnoreCase) || text.Equals("SFC", StringComparison.OrdinalIgnoreCase))
        {
            return new VerticalLimit(0, VerticalReference.Agl, published);
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, $"{which} limit '{text}' is not a number: not used");
            return new VerticalLimit(null, datum, published);
        }

        double? factor = u switch
        {
            "M" or "METRE" or "METRES" or "METER" or "METERS" => 1,
            "FT" or "FEET" or "FOOT" => MetersPerFoot,
            "FL" => 100 * MetersPerFoot,
            _ => null,
        };
        if (factor is null)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, $"{which} limit {text}: unit '{unit}' is not m, ft or FL: not used");
            return new VerticalLimit(null, datum, published);
        }

        if (datum == VerticalReference.Unknown)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, $"{which} limit {text} {unit}: reference '{reference}' is not AGL/SFC, AMSL/MSL, WGS84 or STD: not compared");
        }

        if (u == "FL" ? number >= SentinelFlightLevel : number >= SentinelValue)
        {
            if (upper)
            {
                return new VerticalLimit(null, datum, published, Unlimited: true);
            }

            builder.Diagnose(LayerDiagnosticKind.Note, location, $"lower limit {published} is a no-ceiling sentinel: not used");
            return new VerticalLimit(null, datum, published);
        }

        var meters = number * factor.Value;
        if (meters < -1000 || meters > AbsurdMeters)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, string.Create(CultureInfo.InvariantCulture, $"{which} limit {published} ({meters:0} m) is not a plausible height: not used"));
            return new VerticalLimit(null, datum, published);
        }

        return new VerticalLimit(meters, datum, published);
    }

    /// <summary>A floor above its ceiling in the same datum cannot be judged: both are kept as text only, with a diagnostic.</summary>
    public static (VerticalLimit Lower, VerticalLimit Upper) CheckBand(VerticalLimit lower, VerticalLimit upper, LayerBuilder builder, string location)
    {
        if (lower.Meters is { } lo && upper.Meters is { } hi && lower.Reference == upper.Reference && lo > hi)
        {
            builder.Diagnose(LayerDiagnosticKind.Note, location, $"lower limit {lower.Published} is above upper limit {upper.Published}: band not used");
            return (lower with { Meters = null }, upper with { Meters = null });
        }

        return (lower, upper);
    }

    public static VerticalReference ParseReference(string word) => word switch
    {
        "AGL" or "SFC" or "GND" => VerticalReference.Agl,
        "AMSL" or "MSL" or "ALT" => VerticalReference.Amsl,
        "WGS84" or "W84" or "ELLIPSOID" => VerticalReference.Wgs84,
        "STD" or "FL" => VerticalReference.Std,
        _ => VerticalReference.Unknown,
    };

    /// <summary>The ED-269/ED-318 restriction word; an unknown one is kept as information and said.</summary>
    public static AirspaceRestriction Restriction(string? word, LayerBuilder builder, string location)
    {
        switch ((word ?? string.Empty).Trim().ToUpperInvariant())
        {
            case "PROHIBITED":
                return AirspaceRestriction.Prohibited;
            case "REQ_AUTHORISATION" or "REQ_AUTHORIZATION":
                return AirspaceRestriction.AuthorisationRequired;
            case "CONDITIONAL":
                return AirspaceRestriction.Conditional;
            case "NO_RESTRICTION":
                return AirspaceRestriction.Information;
            default:
                builder.Diagnose(LayerDiagnosticKind.Note, location, $"restriction '{word}' is not one of PROHIBITED, REQ_AUTHORISATION, CONDITIONAL, NO_RESTRICTION: kept as information");
                return AirspaceRestriction.Information;
        }
    }

    /// <summary>Words in a zone's reason or conditions by which feeds say that aerial imaging is forbidden (French "prise de vue").</summary>
    private static readonly string[] s_imagingWords = ["PRISE DE VUE", "PRISES DE VUE", "PHOTOGRAPH", "IMAGING", "FILMING", "NO_PHOTO", "PHOTO_PROHIBITED"];

    public static bool SaysImagingProhibited(params string?[] texts) =>
        texts.Any(t => t is not null && s_imagingWords.Any(w => t.Contains(w, StringComparison.OrdinalIgnoreCase)));

    /// <summary>A text member: a string, an object with <c>text</c>, or a multilingual list (en-GB, else any English, else the first).</summary>
    public static string? Text(JsonElement? element)
    {
        if (element is not { } e)
        {
            return null;
        }

        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return e.GetString();
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return e.GetRawText();
            case JsonValueKind.Object:
                return e.TryGetProperty("text", out var t) ? Text(t) : null;
            case JsonValueKind.Array:
                string? first = null, english = null;
                var strings = new List<string>();
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        strings.Add(item.GetString()!);
                        continue;
                    }

                    if (item.ValueKind != JsonValueKind.Object || Text(item) is not { } text)
                    {
                        continue;
                    }

                    first ??= text;
                    var lang = item.TryGetProperty("lang", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() ?? string.Empty : string.Empty;
                    if (lang.Equals("en-GB", StringComparison.OrdinalIgnoreCase))
                    {
                        return text;
                    }

                    if (english is null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase))
                    {
                        english = text;
                    }
                }

                return english ?? first ?? (strings.Count > 0 ? string.Join(",", strings) : null);
            default:
                return null;
        }
    }

    public static JsonElement? Member(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind is not JsonValueKind.Null ? v : null;

    public static string? String(JsonElement obj, string name) => Member(obj, name) is { } v ? Text(v) : null;

    /// <summary>Zone authorities as "name (service)" joined by "; ".</summary>
    public static string? Authorities(JsonElement zone)
    {
        if (Member(zone, "zoneAuthority") is not { ValueKind: JsonValueKind.Array } list)
        {
            return null;
        }

        var names = list.EnumerateArray()
            .Select(a => (Name: String(a, "name"), Service: String(a, "service")))
            .Where(a => a.Name is not null || a.Service is not null)
            .Select(a => a.Name is null ? a.Service! : a.Service is null ? a.Name : $"{a.Name} ({a.Service})")
            .ToList();
        return names.Count == 0 ? null : string.Join("; ", names);
    }
}
