using System.Text.Json;

namespace FlightForensics.Reporting;

/// <summary>The browser libraries embedded at build time (see the csproj), read back for inlining.</summary>
internal static class ReportAssets
{
    private static readonly Lazy<Bundle?> s_bundle = new(Load);

    public static Bundle? Current => s_bundle.Value;

    /// <summary>The report's own script and style (always embedded).</summary>
    public static string ReportScript { get; } = ReadRequired("report/report.js");
    public static string ReportStyle { get; } = ReadRequired("report/report.css");

    private static string ReadRequired(string name)
    {
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    internal sealed record Bundle(string LeafletJs, string LeafletCss, string LeafletLicense, string LeafletVersion,
        string UplotJs, string UplotCss, string UplotLicense, string UplotVersion);

    private static Bundle? Load()
    {
        string? Read(string name)
        {
            using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream("web/" + name);
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        string Version(string? packageJson)
        {
            if (packageJson is null)
            {
                return "?";
            }

            using var doc = JsonDocument.Parse(packageJson);
            return doc.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
        }

        var leafletJs = Read("leaflet.js");
        var leafletCss = Read("leaflet.css");
        var uplotJs = Read("uPlot.iife.min.js");
        var uplotCss = Read("uPlot.min.css");
        if (leafletJs is null || leafletCss is null || uplotJs is null || uplotCss is null)
        {
            return null;
        }

        return new Bundle(leafletJs, leafletCss, Read("leaflet.LICENSE") ?? "", Version(Read("leaflet.package.json")),
            uplotJs, uplotCss, Read("uplot.LICENSE") ?? "", Version(Read("uplot.package.json")));
    }
}
