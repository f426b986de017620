using FlightForensics.Core.Model;
using static FlightForensics.Reporting.Html.HtmlReport;

namespace FlightForensics.Reporting.Html;

/// <summary>The report's "Vehicle" section: the identity fields the log states.</summary>
internal static class VehicleSection
{
    public static void Write(TextWriter w, VehicleIdentity vehicle)
    {
        w.Write("<section id=\"vehicle\">\n<h2>Vehicle</h2>\n");
        var fields = vehicle.KnownFields().ToList();
        if (fields.Count == 0)
        {
            w.Write("<p class=\"muted\">The log states no vehicle identity.</p>\n</section>\n");
            return;
        }

        w.Write("<dl class=\"kv\">\n");
        foreach (var (key, value) in fields)
        {
            w.Write($"<dt>{H(key)}</dt><dd><bdi>{H(value)}</bdi></dd>\n");
        }

        w.Write("</dl>\n</section>\n");
    }
}
