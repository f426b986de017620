using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlightForensics.Core;

namespace FlightForensics.Reporting.Html;

/// <summary>The ff-manifest: the SHA-256 of every embedded part, so an examiner can check that none was altered.</summary>
internal static class ReportManifest
{
    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.Default, Indented = false };

    /// <summary>Notes the SHA-256 of a part's UTF-8 bytes, exactly as embedded, for the manifest; returns the part.</summary>
    public static string HashedPart(List<ManifestPart> manifest, string id, string mediaType, string text)
    {
        manifest.Add(new ManifestPart(id, mediaType, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)))));
        return text;
    }

    /// <summary>
    /// The manifest of embedded parts (issue: evidence-grade robustness, Integrity): id of the element holding
    /// each part (its whole text content after the start tag's line break for a figure, after the start tag for
    /// a script), media type and SHA-256, so an examiner can check that no part was altered after the fact.
    /// </summary>
    public static void Write(TextWriter w, List<ManifestPart> manifest)
    {
        using var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer, s_json))
        {
            j.WriteStartObject();
            j.WriteString("tool", ToolInfo.NameAndVersion);
            j.WritePropertyName("parts");
            j.WriteStartArray();
            foreach (var (id, mediaType, sha, thumbnail) in manifest)
            {
                j.WriteStartObject();
                j.WriteString("id", id);
                j.WriteString("mediaType", mediaType);
                j.WriteString("sha256", sha);
                if (thumbnail is not null)
                {
                    // An img element's data: URI; the hash is over the decoded image bytes, the photo is named as given.
                    j.WriteString("encoding", "base64");
                    j.WriteNumber("bytes", thumbnail.Bytes);
                    j.WriteString("sourcePhoto", thumbnail.SourcePhoto);
                    if (thumbnail.FeatureId is { } featureId)
                    {
                        j.WriteString("featureId", featureId);
                    }
                }

                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        w.Write("<script type=\"application/json\" id=\"ff-manifest\">");
        w.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        w.Write("</script>\n");
    }
}
