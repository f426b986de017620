using System.Globalization;
using System.Text.Json;
using FlightForensics.Geo.Model;
using NetTopologySuite.Geometries;

namespace FlightForensics.Geo.Layers;

/// <summary>GeoJSON (RFC 7946), Overpass API JSON and the JSON drone-zone feeds (<see cref="ZoneFeedReader"/>), read with System.Text.Json into NTS geometries.</summary>
internal static class JsonLayerReader
{
    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 256, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static InfrastructureLayer Read(LayerFile file, LayerReadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return ReadDocument(file, options, cancellationToken);
        }
        catch (Exception ex) when (IsMalformedValue(ex))
        {
            throw new FormatException($"malformed JSON value: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// What JsonElement accessors throw when a value is not what its name promises: a member of the wrong JSON
    /// type, a missing member, invalid UTF-8 inside a string (JsonDocument checks it only when the string is read),
    /// a number out of range.
    /// </summary>
    private static bool IsMalformedValue(Exception ex) => ex is InvalidOperationException or KeyNotFoundException or FormatException;

    private static InfrastructureLayer ReadDocument(LayerFile file, LayerReadOptions options, CancellationToken cancellationToken)
    {
        using var doc = JsonDocument.Parse(ReadAllSkippingBom(file), s_options);
        var root = doc.RootElement;
        var builder = new LayerBuilder(file.FileName, options);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("elements", out var elements) && elements.ValueKind == JsonValueKind.Array)
        {
            ReadOverpass(elements, builder, cancellationToken);
            return builder.Build(file, "overpass-json", InfrastructureLayer.OsmAttribution);
        }

        // Drone-zone feeds are JSON too: their content (not the file name) tells them apart from plain GeoJSON.
        if (ZoneFeedReader.Detect(root) is { } zoneFormat)
        {
            ZoneFeedReader.Read(root, zoneFormat, builder, cancellationToken);
            return builder.Build(file, zoneFormat, null);
        }

        ReadGeoJson(root, builder, cancellationToken);
        var osmDerived = builder.Features.Any(f => f.Tags.ContainsKey("@id")) || MentionsOpenStreetMap(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(root));
        return builder.Build(file, "geojson", osmDerived ? InfrastructureLayer.OsmAttribution : null);
    }

    /// <summary>
    /// The file in one array of its exact size: parsing from a stream grows a pooled buffer by doubling and copying,
    /// which on a national layer cost more in page faults than the parse.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadAllSkippingBom(LayerFile file)
    {
        using var stream = file.OpenRead();
        if (stream.Length > Array.MaxLength)
        {
            throw new FormatException($"{stream.Length} bytes of JSON: over the {Array.MaxLength} a JSON document can hold; split the layer");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        // JsonDocument.Parse(Stream) skips a UTF-8 byte order mark; parsing from memory does not.
        return bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsMemory(3) : bytes;
    }

    /// <summary>Whether the UTF-8 text names OpenStreetMap in any letter case (searched in place: a layer can be hundreds of MB).</summary>
    internal static bool MentionsOpenStreetMap(ReadOnlySpan<byte> utf8)
    {
        var name = "openstreetmap"u8;
        for (var i = utf8.IndexOfAny((byte)'o', (byte)'O'); i >= 0 && utf8.Length - i >= name.Length;)
        {
            if (System.Text.Ascii.EqualsIgnoreCase(utf8.Slice(i, name.Length), name))
            {
                return true;
            }

            var next = utf8[(i + 1)..].IndexOfAny((byte)'o', (byte)'O');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static void ReadGeoJson(JsonElement root, LayerBuilder builder, CancellationToken cancellationToken)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("not GeoJSON: the top level is not an object with a 'type'");
        }

        if (root.TryGetProperty("crs", out var crs))
        {
            var name = crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("name", out var n) ? n.ToString() : crs.ToString();
            var wgs84 = name.Contains("CRS84", StringComparison.OrdinalIgnoreCase) || name.EndsWith(":4326", StringComparison.Ordinal);
            builder.Diagnose(LayerDiagnosticKind.Ignored, "crs", wgs84
                ? $"'crs' member ({name}) ignored: RFC 7946 coordinates are WGS84 longitude/latitude"
                : $"'crs' member names {name}: only WGS84 longitude/latitude is read; features outside that range are dropped");
        }

        switch (typeElement.GetString())
        {
            case "FeatureCollection":
                if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException("FeatureCollection without a 'features' array");
                }

                var index = 0;
                foreach (var feature in features.EnumerateArray())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        ReadFeature(feature, index, builder);
                    }
                    catch (Exception ex) when (IsMalformedValue(ex))
                    {
                        builder.Diagnose(LayerDiagnosticKind.Skipped, string.Create(CultureInfo.InvariantCulture, $"features[{index}]"), $"malformed feature: {ex.Message}");
                    }

                    index++;
                    if (builder.Full)
                    {
                        break;
                    }
                }

                builder.Count("features", index);
                break;
            case "Feature":
                ReadFeature(root, 0, builder);
                builder.Count("features");
                break;
            default:
                var geometry = ReadGeometry(root, builder, "geometry");
                var tags = InfrastructureFeature.EmptyTags;
                builder.Add(null, null, builder.ClassifyUser(tags), geometry, tags, "geometry");
                builder.Count("features");
                break;
        }
    }

    private static void ReadFeature(JsonElement feature, int index, LayerBuilder builder)
    {
        var location = string.Create(CultureInfo.InvariantCulture, $"features[{index}]");
        if (feature.ValueKind != JsonValueKind.Object)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, "not a JSON object");
            return;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in properties.EnumerateObject())
            {
                tags[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        var id = builder.IdFromProperty(tags);
        if (id is null && feature.TryGetProperty("id", out var idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number)
        {
            id = idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : idElement.GetRawText();
        }

        // osmium export -a type,id writes the OSM identity as properties.
        if (id is null && tags.TryGetValue("@type", out var osmType) && tags.TryGetValue("@id", out var osmId))
        {
            id = $"{osmType}/{osmId}";
        }

        if (id is not null)
        {
            location = $"{location} id {id}";
        }

        Geometry? geometry = null;
        if (feature.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object)
        {
            geometry = ReadGeometry(g, builder, location);
        }

        builder.Add(id, builder.NameOf(tags), builder.ClassifyUser(tags), geometry, tags, location);
    }

    internal static Geometry? ReadGeometry(JsonElement g, LayerBuilder builder, string location)
    {
        var f = LayerBuilder.Factory;
        var type = g.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "GeometryCollection")
        {
            if (!g.TryGetProperty("geometries", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var list = parts.EnumerateArray().Select(p => ReadGeometry(p, builder, location)).Where(x => x is not null && !x.IsEmpty).ToArray();
            return f.CreateGeometryCollection(list!);
        }

        if (!g.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array)
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"geometry '{type}' without coordinates");
            return null;
        }

        switch (type)
        {
            case "Point":
                return Position(c) is { } p ? f.CreatePoint(p) : null;
            case "MultiPoint":
                return f.CreateMultiPoint([.. Positions(c).Select(f.CreatePoint)]);
            case "LineString":
                return Line(c);
            case "MultiLineString":
                return f.CreateMultiLineString([.. c.EnumerateArray().Select(Line).OfType<LineString>()]);
            case "Polygon":
                return Polygon(c, builder, location);
            case "MultiPolygon":
                return f.CreateMultiPolygon([.. c.EnumerateArray().Select(p => Polygon(p, builder, location)).OfType<Polygon>()]);
            default:
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, $"unknown geometry type '{type}'");
                return null;
        }

        LineString? Line(JsonElement coords)
        {
            var pts = Positions(coords);
            if (pts.Length < 2)
            {
                builder.Diagnose(LayerDiagnosticKind.Skipped, location, "line with fewer than 2 positions");
                return null;
            }

            return f.CreateLineString(pts);
        }
    }

    private static Polygon? Polygon(JsonElement rings, LayerBuilder builder, string location)
    {
        if (rings.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<LinearRing>();
        foreach (var ring in rings.EnumerateArray())
        {
            var r = builder.Ring(Positions(ring), location);
            if (r is null && list.Count == 0)
            {
                return null;
            }

            if (r is not null)
            {
                list.Add(r);
            }
        }

        return list.Count == 0 ? null : LayerBuilder.Factory.CreatePolygon(list[0], [.. list.Skip(1)]);
    }

    private static Coordinate[] Positions(JsonElement array)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        // Sized once from the array: a national layer has millions of positions, LINQ's growing buffers cost more than the parse.
        var positions = new Coordinate[array.GetArrayLength()];
        var count = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (Position(element) is { } c)
            {
                positions[count++] = c;
            }
        }

        return count == positions.Length ? positions : positions[..count];
    }

    private static Coordinate? Position(JsonElement p)
    {
        if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2)
        {
            return null;
        }

        var x = p[0];
        var y = p[1];
        return x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number ? new Coordinate(x.GetDouble(), y.GetDouble()) : null;
    }

    private static void ReadOverpass(JsonElement elements, LayerBuilder builder, CancellationToken cancellationToken)
    {
        var osm = new OsmAssembler(builder);
        var index = 0;
        // Nodes first: ways may reference nodes listed after them ("out body; >; out skel;").
        foreach (var pass in new[] { "node", "way", "relation" })
        {
            index = 0;
            foreach (var e in elements.EnumerateArray())
            {
                cancellationToken.ThrowIfCancellationRequested();
                index++;
                try
                {
                    ReadOverpassElement(e, pass, index - 1, osm, builder);
                }
                catch (Exception ex) when (IsMalformedValue(ex))
                {
                    builder.Diagnose(LayerDiagnosticKind.Skipped, string.Create(CultureInfo.InvariantCulture, $"elements[{index - 1}]"), $"malformed element: {ex.Message}");
                }
            }
        }

        builder.Count("elements", index);
        osm.Finish();
    }

    private static void ReadOverpassElement(JsonElement e, string pass, int index, OsmAssembler osm, LayerBuilder builder)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != pass)
        {
            return;
        }

        if (!e.TryGetProperty("id", out var idElement) || !idElement.TryGetInt64(out var id))
        {
            builder.Diagnose(LayerDiagnosticKind.Skipped, string.Create(CultureInfo.InvariantCulture, $"elements[{index}]"), "element without a numeric id");
            return;
        }

        var tags = Tags(e);
        switch (pass)
        {
            case "node":
                if (e.TryGetProperty("lat", out var lat) && e.TryGetProperty("lon", out var lon))
                {
                    osm.AddNode(id, lat.GetDouble(), lon.GetDouble(), tags);
                }

                break;
            case "way":
                var refs = e.TryGetProperty("nodes", out var nodes) ? nodes.EnumerateArray().Select(n => n.GetInt64()).ToArray() : [];
                if (e.TryGetProperty("geometry", out var geom) && geom.ValueKind == JsonValueKind.Array && geom.GetArrayLength() == refs.Length)
                {
                    // "out geom": coordinates inline, registered under the node ids they belong to.
                    var k = 0;
                    foreach (var pt in geom.EnumerateArray())
                    {
                        if (pt.ValueKind == JsonValueKind.Object)
                        {
                            osm.AddNode(refs[k], pt.GetProperty("lat").GetDouble(), pt.GetProperty("lon").GetDouble(), null);
                        }

                        k++;
                    }
                }

                osm.AddWay(id, refs, tags);
                break;
            default:
                var members = new List<(char, long, string)>();
                if (e.TryGetProperty("members", out var ms) && ms.ValueKind == JsonValueKind.Array)
                {
                    foreach (var m in ms.EnumerateArray())
                    {
                        var mt = m.GetProperty("type").GetString() ?? "";
                        members.Add((mt.Length > 0 ? mt[0] : '?', m.GetProperty("ref").GetInt64(), m.TryGetProperty("role", out var role) ? role.GetString() ?? "" : ""));
                    }
                }

                osm.AddRelation(id, members, tags);
                break;
        }
    }

    private static Dictionary<string, string>? Tags(JsonElement e)
    {
        if (!e.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in tags.EnumerateObject())
        {
            d[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        }

        return d;
    }
}
