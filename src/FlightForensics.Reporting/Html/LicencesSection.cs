using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Licences of embedded components" section.</summary>
internal static class LicencesSection
{
    public static void Write(TextWriter w, ReportAssets.Bundle? assets, bool osm)
    {
        w.Write("<section id=\"licences\">\n<h2>Licences of embedded components</h2>\n");
        if (osm)
        {
            w.Write("<p>Infrastructure features © OpenStreetMap contributors, available under the Open Database Licence (ODbL).</p>\n");
        }

        if (assets is null)
        {
            w.Write("<p class=\"muted\">No third-party code is embedded in this report.</p>\n</section>\n");
            return;
        }

        w.Write($"<details><summary>Leaflet {H(assets.LeafletVersion)} — BSD-2-Clause</summary><pre>{H(assets.LeafletLicense)}</pre></details>\n");
        w.Write($"<details><summary>uPlot {H(assets.UplotVersion)} — MIT</summary><pre>{H(assets.UplotLicense)}</pre></details>\n");
        w.Write("</section>\n");
    }
}
