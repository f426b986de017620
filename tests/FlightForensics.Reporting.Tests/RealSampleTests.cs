using FlightForensics.Core.Decoding;
using FlightForensics.Reporting.Html;
using FlightForensics.Reporting.Plots;
using FlightForensics.TestSupport;

namespace FlightForensics.Reporting.Tests;

public class RealSampleTests
{
    private static Core.Model.FlightLog Read(string file)
    {
        var registry = new FormatRegistry();
        foreach (var d in Mavlink.MavlinkDecoders.All)
        {
            registry.Add(d);
        }

        return new FlightLogReader(registry).Read(Samples.Require("mavlink", file));
    }

    [SampleFact]
    public void Real_tlog_map_profile_and_report_draw_the_whole_track()
    {
        var log = Read("cuav_sitl_2018_flight.tlog");
        int positions = log.Samples.Count(s => s.HasPosition);
        Assert.True(positions > 100, $"{positions} positions");
        var map = TrackPlot.Render(log, [], []);
        GoldenFile.Dump("real-cuav-map.png", map.ToPng());
        var track = map.Plot.GetPlottables<ScottPlot.Plottables.Scatter>().Where(s => s.LineWidth > 2 && s.LineWidth < 3).ToList();
        Assert.NotEmpty(track);
        // Either every position is drawn or the picture says how many were merged.
        bool noted = map.Notes.Any(n => n.Contains($"of {positions} positions", StringComparison.Ordinal));
        int vertices = track.Sum(s => s.Data.GetScatterPoints().Count);
        Assert.True(noted || vertices >= positions, $"{vertices} vertices for {positions} positions, no note");
        GoldenFile.Dump("real-cuav-profile.png", AltitudeProfile.Render(log, []).ToPng());
        var html = HtmlReport.WriteToString(new ReportInput { Log = log });
        GoldenFile.Dump("real-cuav-report.html", html);
        Assert.Contains(log.Evidence.Sha256, html, StringComparison.Ordinal);
    }
}
