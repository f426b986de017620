using System.Text.Json;
using FlightForensics.Core.Model;
using FlightForensics.Geo.Analysis;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.TestSupport;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// The three synthetic tracks per feed in reference/*.eval.json (inside the band, above the ceiling, far away),
/// checked with the zones read from the same feed. Which zones the track enters is the reference's answer. The
/// vertical verdict is not: that parser never compares heights, so the expectation is computed here from the zone
/// limits in reference/*.zones.json and the track's stated heights (height above ground for AGL limits, altitude
/// AMSL for AMSL ones, flight levels as FL × 100 ft against AMSL with the documented ±600 m pressure tolerance).
/// </summary>
public sealed class AirspaceCheckTests
{
    private const double Foot = 0.3048;

    public static TheoryData<string> EvaluatedFeeds => new()
    {
        "callmarcus_aixm51-gb.xml",
        "callmarcus_ed269-ch.json",
        "callmarcus_ed269-fi.json",
        "callmarcus_ed318-ie.json",
        "callmarcus_faa-uasfm.json",
        "interuss_cis_source_sample_ed318.json",
    };

    /// <summary>Zones whose published ceiling is a no-ceiling sentinel (MANIFEST: the Swiss 99999 m, in both formats; AIXM FL 999).</summary>
    private static bool NoCeiling(string file, string zoneId) =>
        zoneId is "CH-GT9990" or "CH-AGL-NOCAP" or "EGD901" || file.StartsWith("interuss_cis_source_sample_ed318", StringComparison.Ordinal);

    [SampleTheory]
    [MemberData(nameof(EvaluatedFeeds))]
    public void EnteredZonesMatchTheReferenceAndVerdictsFollowTheLimits(string file)
    {
        var layer = LayerReader.Read(Samples.Require("airspace", file));
        using var evalDoc = JsonDocument.Parse(File.ReadAllBytes(Samples.Require("airspace", "reference", file + ".eval.json")));
        using var zonesDoc = JsonDocument.Parse(File.ReadAllBytes(Samples.Require("airspace", "reference", file + ".zones.json")));
        var zones = zonesDoc.RootElement.GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("id").GetString()!);
        var extra = evalDoc.RootElement.TryGetProperty("extra_tracks", out var e) ? e.EnumerateArray().ToList() : [];
        var tracks = evalDoc.RootElement.GetProperty("tracks").EnumerateArray().Concat(extra)
            .Where(t => t.TryGetProperty("points", out _)).ToList();
        Assert.NotEmpty(tracks);

        foreach (var track in tracks)
        {
            var points = track.GetProperty("points").EnumerateArray().ToList();
            var result = InfrastructureCheck.Run(Log(points), [layer], new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } });
            var entered = track.GetProperty("entered_zone_ids").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(entered, result.Airspace.Select(a => a.Feature.FeatureId).Distinct().Order(StringComparer.Ordinal).ToList());
            Assert.Empty(result.Overflights); // zones are judged as airspace, not as sites

            foreach (var finding in result.Airspace)
            {
                var (verdict, margin) = Expected(file, zones[finding.Feature.FeatureId], points);
                Assert.True(verdict == finding.Verdict, $"{file} {track.GetProperty("name").GetString()} {finding.Feature.FeatureId}: expected {verdict}, got {finding.Verdict} ({finding.VerdictNote})");
                if (margin is { } m)
                {
                    Assert.Equal(m, finding.VerticalMarginMeters!.Value, 1e-6);
                }

                Assert.Equal(points.Count == 0 ? 0 : 20, finding.DurationSeconds!.Value, 1e-6);
            }
        }
    }

    /// <summary>The verdict from the reference's limits and the track's heights, written independently of AirspaceCheck.</summary>
    private static (string Verdict, double? Margin) Expected(string file, JsonElement zone, List<JsonElement> points)
    {
        var agl = points.Select(p => p.GetProperty("height_agl_m").GetDouble()).ToList();
        var amsl = points.Select(p => p.GetProperty("alt_amsl_m").GetDouble()).ToList();

        (double Value, double Tolerance)? Limit(JsonElement l) => l.ValueKind == JsonValueKind.Null ? null
            : l.GetProperty("unit").GetString() == "FL" ? (l.GetProperty("value").GetDouble() * 100 * Foot, 600) : (l.GetProperty("value_m").GetDouble(), 0);
        List<double> Heights(JsonElement l) => l.GetProperty("reference").GetString() == "AGL" ? agl : amsl;

        bool? upperOk = null, lowerOk = null;
        double? upperMargin = null, lowerMargin = null;
        var upper = zone.GetProperty("upper");
        if (NoCeiling(file, zone.GetProperty("id").GetString()!))
        {
            upperOk = true;
        }
        else if (Limit(upper) is { } u)
        {
            upperMargin = u.Value - Heights(upper).Max();
            upperOk = upperMargin >= u.Tolerance ? true : upperMargin < -u.Tolerance ? false : null;
        }

        var lower = zone.GetProperty("lower");
        if (Limit(lower) is { } lo)
        {
            if (lo.Value == 0 && lower.GetProperty("reference").GetString() == "AGL")
            {
                lowerOk = true;
            }
            else
            {
                lowerMargin = Heights(lower).Min() - lo.Value;
                lowerOk = lowerMargin >= lo.Tolerance ? true : lowerMargin < -lo.Tolerance ? false : null;
            }
        }

        return (upperOk, lowerOk) switch
        {
            (false, _) => ("above", upperMargin),
            (_, false) => ("below", lowerMargin),
            (true, true) => ("inside", new[] { upperMargin, lowerMargin }.OfType<double>().DefaultIfEmpty(double.NaN).Min() is var m && double.IsNaN(m) ? null : m),
            _ => ("unknown", null),
        };
    }

    [SampleFact]
    public void VerdictsWhereTheReferenceOnlySaysEntered()
    {
        var options = new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } };
        (string Verdict, double? Margin) Run(string file, string track)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Samples.Require("airspace", "reference", file + ".eval.json")));
            var points = doc.RootElement.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("name").GetString() == track).GetProperty("points").EnumerateArray().Select(p => p.Clone()).ToList();
            var finding = Assert.Single(InfrastructureCheck.Run(Log(points), [LayerReader.Read(Samples.Require("airspace", file))], options).Airspace);
            return (finding.Verdict, finding.VerticalMarginMeters);
        }

        // 50 m over T901's 3000 ft AMSL ceiling (914.4 m): the reference lists the zone as entered, nothing more.
        Assert.Equal(("above", -50.0), (Run("callmarcus_ed318-ie.json", "above_upper").Verdict, Math.Round(Run("callmarcus_ed318-ie.json", "above_upper").Margin!.Value, 6)));
        // FAA cell with a 0 ft ceiling: on the ground is inside (margin 0); 50 m up needs an authorisation the map does not give.
        Assert.Equal(("inside", 0.0), Run("callmarcus_faa-uasfm.json", "inside"));
        Assert.Equal("above", Run("callmarcus_faa-uasfm.json", "above_upper").Verdict);
        // 100,049 m AGL "above" the Swiss 99999 m: that value is the no-ceiling sentinel, so the track is inside the zone.
        Assert.Equal("inside", Run("interuss_cis_source_sample_ed318.json", "above_upper").Verdict);
        // 30 m above FL 50 by altitude MSL: within the ±600 m a pressure altitude could differ, so no verdict.
        Assert.Equal("unknown", Run("callmarcus_aixm51-gb.xml", "inside").Verdict);
        // A zone published without limits (FI-N-KESKUSPUISTO) cannot be judged vertically.
        Assert.Equal("unknown", Run("callmarcus_ed269-fi.json", "inside").Verdict);
    }

    [SampleFact]
    public void AZoneOutsideItsScheduleIsNotReportedAndAPassIsCutAtTheWindowEnd()
    {
        // T901 applies 2026-08-05 11:00-22:59 UTC (and 08-29). A day later nothing; across 22:59 only the part before.
        var layer = LayerReader.Read(Samples.Require("airspace", "callmarcus_ed318-ie.json"));
        var options = new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } };
        var dayAfter = Samples3(new DateTimeOffset(2026, 8, 6, 16, 59, 30, TimeSpan.Zero));
        Assert.Empty(InfrastructureCheck.Run(SyntheticFrame.Log(dayAfter), [layer], options).Airspace);

        var acrossEnd = Samples3(new DateTimeOffset(2026, 8, 5, 22, 58, 50, TimeSpan.Zero));
        var finding = Assert.Single(InfrastructureCheck.Run(SyntheticFrame.Log(acrossEnd), [layer], options).Airspace);
        Assert.Equal(new DateTimeOffset(2026, 8, 5, 22, 58, 50, TimeSpan.Zero), finding.EntryUtc);
        Assert.Equal(new DateTimeOffset(2026, 8, 5, 22, 59, 0, TimeSpan.Zero), finding.ExitUtc);
        Assert.Equal("window", finding.Schedule);
        Assert.Equal("inside", finding.Verdict);

        static List<TelemetrySample> Samples3(DateTimeOffset t0) =>
            [.. Enumerable.Range(0, 3).Select(i => new TelemetrySample
            {
                TimeUtc = t0.AddSeconds(10 * i), LatitudeDegrees = 53.335, LongitudeDegrees = -6.2301 + (0.0001 * i),
                HeightAboveTakeoffMeters = 30, HeightAboveGroundMeters = 30, AltitudeMslMeters = 130,
            })];
    }

    [SampleFact]
    public void WithoutHeightAboveGroundAglLimitsUseHeightAboveTakeoffAndSaySo()
    {
        // Synthetic heights over the real FAA cell UASFM-2 (ceiling 200 ft AGL = 60.96 m): 70 m above takeoff.
        var layer = LayerReader.Read(Samples.Require("airspace", "callmarcus_faa-uasfm.json"));
        var t0 = new DateTimeOffset(2026, 8, 20, 12, 0, 0, TimeSpan.Zero);
        var samples = Enumerable.Range(0, 3).Select(i => new TelemetrySample
        {
            TimeUtc = t0.AddSeconds(i), LatitudeDegrees = 40.77, LongitudeDegrees = -73.915 + (0.001 * i), HeightAboveTakeoffMeters = 70,
        });
        var result = InfrastructureCheck.Run(SyntheticFrame.Log(samples), [layer], new CheckOptions { Camera = CameraOptions.Default with { Enabled = false } });

        var finding = Assert.Single(result.Airspace);
        Assert.Equal("above", finding.Verdict);
        Assert.Equal((200 * Foot) - 70, finding.VerticalMarginMeters!.Value, 1e-9);
        Assert.Equal("height-above-takeoff", finding.HeightSource);
        Assert.Equal("AGL", finding.FlightReference);
        Assert.Contains(result.Notes, n => n.Contains("height above takeoff", StringComparison.Ordinal));
    }

    private static FlightLog Log(List<JsonElement> points) => SyntheticFrame.Log(points.Select(p => new TelemetrySample
    {
        TimeUtc = DateTimeOffset.Parse(p.GetProperty("utc").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
        LatitudeDegrees = p.GetProperty("lat").GetDouble(),
        LongitudeDegrees = p.GetProperty("lon").GetDouble(),
        // The reference's scenario: take-off from the ground under the track, ground 100 m AMSL.
        HeightAboveTakeoffMeters = p.GetProperty("height_agl_m").GetDouble(),
        HeightAboveGroundMeters = p.GetProperty("height_agl_m").GetDouble(),
        AltitudeMslMeters = p.GetProperty("alt_amsl_m").GetDouble(),
    }));
}
