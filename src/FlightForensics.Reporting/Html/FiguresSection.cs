using FlightForensics.Reporting.Plots;

namespace FlightForensics.Reporting.Html;

/// <summary>
/// The report's "Map" and "Height profile" sections: the static SVGs (each noted in the manifest), and the places the
/// interactive map and chart are drawn into when Leaflet and uPlot are inlined.
/// </summary>
internal static class FiguresSection
{
    public static void Write(TextWriter w, ReportInput input, FlightSeries series, IReadOnlyList<ReportFinding> findings, ReportOptions options, ReportAssets.Bundle? assets, List<ManifestPart> manifest)
    {
        var log = input.Log;
        var mapSvg = TrackPlot.Render(log, series, input.Features, findings, options.Plot).ToSvg("map");
        var profileSvg = AltitudeProfile.Render(log, series, findings, options.Plot).ToSvg("profile");
        w.Write("<section id=\"map\">\n<h2>Map</h2>\n");
        if (assets is not null)
        {
            w.Write("<div id=\"ff-map\" class=\"interactive\" hidden></div>\n");
        }

        w.Write("<p id=\"ff-map-note\" class=\"note\" hidden></p>\n<figure class=\"static-fallback\" id=\"static-map\">\n");
        w.Write(ReportManifest.HashedPart(manifest, "static-map", "image/svg+xml", mapSvg));
        w.Write("</figure>\n</section>\n");
        w.Write("<section id=\"profile\">\n<h2>Height profile</h2>\n");
        if (assets is not null)
        {
            w.Write("<div id=\"ff-chart\" class=\"interactive\" hidden></div>\n");
        }

        w.Write("<p id=\"ff-chart-note\" class=\"note\" hidden></p>\n<figure class=\"static-fallback\" id=\"static-profile\">\n");
        w.Write(ReportManifest.HashedPart(manifest, "static-profile", "image/svg+xml", profileSvg));
        w.Write("</figure>\n</section>\n");
        if (assets is null && options.Interactive)
        {
            w.Write("<p class=\"note\">This build of the tool carries no Leaflet/uPlot; the static map and profile above are the whole picture.</p>\n");
        }
    }
}
