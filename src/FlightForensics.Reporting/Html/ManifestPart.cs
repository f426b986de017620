namespace FlightForensics.Reporting.Html;

/// <summary>One entry of the ff-manifest: a text part (SVG, JSON) or an embedded thumbnail with the photo it came from.</summary>
internal sealed record ManifestPart(string Id, string MediaType, string Sha256, EmbeddedThumbnail? Thumbnail = null);
