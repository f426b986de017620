using System.Security.Cryptography;
using System.Text;

namespace FlightForensics.Reporting.Html;

/// <summary>
/// The report's policy: nothing by default, each inline style and script allowed by the SHA-256 of its exact
/// text (CSP Level 2 hash sources: base64 of the digest of the UTF-8 content between the tags), no request of
/// any kind, images only from data: URIs (and https: tiles when the examiner gave a tile URL). Style attributes
/// are allowed (the map and chart libraries set them); style elements are not, unless hashed.
/// </summary>
public static class ContentSecurityPolicy
{
    public static string For(IEnumerable<string> styles, IEnumerable<string> scripts, bool tiles)
    {
        ArgumentNullException.ThrowIfNull(styles);
        ArgumentNullException.ThrowIfNull(scripts);
        var scriptSources = string.Join(' ', scripts.Select(Hash));
        return "default-src 'none'; "
            + $"img-src data:{(tiles ? " https:" : "")}; "
            + $"style-src {string.Join(' ', styles.Select(Hash))}; style-src-elem {string.Join(' ', styles.Select(Hash))}; "
            // Leaflet and uPlot position their elements with style attributes; an attribute cannot run code, and
            // with every request forbidden a style cannot send anything anywhere.
            + "style-src-attr 'unsafe-inline'; "
            + $"script-src {(scriptSources.Length == 0 ? "'none'" : scriptSources)}; "
            + "connect-src 'none'; font-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'";
    }

    /// <summary>The text as an HTML parser hands it on: CR LF and lone CR become LF (HTML §13.2.3.5).</summary>
    public static string AsParsed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    private static string Hash(string content) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}'";
}
