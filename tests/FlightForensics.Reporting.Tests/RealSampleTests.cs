using System.Xml.Linq;
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
        var map = TrackPlot.RenderSvg(log, [], []);
        GoldenFile.Dump("real-cuav-map.svg", map);
        var doc = XDocument.Parse(map);
        var track = doc.Descendants().Single(e => (string?)e.Attribute("class") == "track");
        Assert.NotEmpty(track.Elements());
        // Either every position is drawn or the picture says how many were merged.
        bool noted = doc.Descendants().Any(e => (string?)e.Attribute("class") == "note" && e.Value.Contains($"of {positions} positions", StringComparison.Ordinal));
        int vertices = track.Elements().Sum(p => ((string?)p.Attribute("points"))?.Split(' ').Length ?? 1);
        Assert.True(noted || vertices >= positions, $"{vertices} vertices for {positions} positions, no note");
        GoldenFile.Dump("real-cuav-profile.svg", AltitudeProfile.RenderSvg(log, []));
        var html = HtmlReport.WriteToString(new ReportInput { Log = log });
        GoldenFile.Dump("real-cuav-report.html", html);
        Assert.Contains(log.Evidence.Sha256, html, StringComparison.Ordinal);
    }
}
