using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using FlightForensics.TestSupport;
using NetTopologySuite.Geometries;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// The real layers in shared/samples/geo. Expected figures come from the MANIFEST (osmium fileinfo, ogrinfo,
/// the authors' counts) or were counted independently here with python3's json module, grep and
/// osmium tags-filter 1.15 — never from this reader's own output.
/// </summary>
public sealed class LayerSampleTests
{
    private static InfrastructureLayer Read(string name) => LayerReader.Read(Samples.Require("geo", name));

    private static int Count(InfrastructureLayer layer, string category, string? subcategory = null, char? osmType = null) =>
        layer.Features.Count(f => f.Category == category && (subcategory is null || f.Subcategory == subcategory)
            && (osmType is null || f.Id.StartsWith(osmType.Value switch { 'n' => "node/", 'w' => "way/", _ => "relation/" }, StringComparison.Ordinal)));

    [SampleFact]
    public void AndorraPbfElementCountsMatchOsmiumFileinfo()
    {
        var layer = Read("andorra-2023-05-02.osm.pbf");

        Assert.Equal("osm-pbf", layer.Format);
        // MANIFEST / osmium fileinfo -e: 370,798 nodes, 18,909 ways, 496 relations.
        Assert.Equal(370_798, layer.SourceCounts["nodes"]);
        Assert.Equal(18_909, layer.SourceCounts["ways"]);
        Assert.Equal(496, layer.SourceCounts["relations"]);
        Assert.Equal(InfrastructureLayer.OsmAttribution, layer.Attribution);
        Assert.DoesNotContain(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Damaged);
    }

    [SampleFact]
    public void AndorraPbfCategoriesMatchOsmiumTagsFilterCounts()
    {
        var layer = Read("andorra-2023-05-02.osm.pbf");

        // osmium tags-filter -R on the same file: w/power=line,minor_line,cable → 21 ways; n/power=tower,pole → 408 nodes;
        // nwr/power=substation → 2 ways; nwr/power=plant → 1 way; nwr/amenity=prison → 1 way;
        // nwr/man_made=wastewater_plant → 2 ways; nwr/amenity=police → 7 nodes + 2 ways; nwr/amenity=fire_station → 4 ways;
        // nwr/man_made=mast,communications_tower nwr/tower:type=communication nwr/telecom=exchange,data_center → 13 nodes + 1 way.
        Assert.Equal(21, Count(layer, "energy", "line"));
        Assert.Equal(408, Count(layer, "energy", "tower"));
        Assert.Equal(2, Count(layer, "energy", "substation"));
        Assert.Equal(1, Count(layer, "energy", "plant"));
        Assert.Equal(1, Count(layer, "security", "prison"));
        Assert.Equal(2, Count(layer, "water", "wastewater"));
        Assert.Equal(9, Count(layer, "emergency", "police"));
        Assert.Equal(7, Count(layer, "emergency", "police", 'n'));
        Assert.Equal(4, Count(layer, "emergency", "fire"));
        Assert.Equal(14, Count(layer, "telecom"));
        Assert.Equal(13, Count(layer, "telecom", osmType: 'n'));
        var prison = Assert.Single(layer.Features, f => f.Subcategory == "prison");
        Assert.StartsWith("way/", prison.Id, StringComparison.Ordinal);
        Assert.Equal(GeometryKind.Polygon, prison.Kind);
    }

    [SampleFact]
    public void AndorraPbfAndOsmiumGeoJsonExportAgreeOnIdsAndGeometry()
    {
        // andorra-infra.geojson was exported from the same PBF by osmium (independent assembler): every feature our
        // PBF reader keeps in a category the osmium filter covered (power, waterway, military, prison, police, fire,
        // hospital, emergency; not office=diplomatic) must be there with the same id and the same area.
        var pbf = Read("andorra-2023-05-02.osm.pbf");
        var geojson = Read("andorra-infra.geojson");
        var exported = geojson.Features.ToDictionary(f => f.Id, StringComparer.Ordinal);
        var compared = 0;
        var missingNodes = new List<string>();
        foreach (var f in pbf.Features.Where(f => f.Category is "energy" or "dam" or "security" or "emergency" && f.Subcategory is not "government" and not "embassy"))
        {
            if (!exported.TryGetValue(f.Id, out var other) && f.Kind == GeometryKind.Point)
            {
                missingNodes.Add(f.Id);
                continue;
            }

            Assert.True(other is not null, $"{f.Id} ({f.Category}/{f.Subcategory}) is missing from the osmium export");
            if (f.Kind == GeometryKind.Polygon && other.Kind == GeometryKind.Polygon)
            {
                Assert.Equal(other.Geometry.Area, f.Geometry.Area, 1e-10);
                compared++;
            }
            else if (f.Kind == GeometryKind.Point)
            {
                Assert.Equal(other.Geometry.Coordinate.X, f.Geometry.Coordinate.X, 7);
                Assert.Equal(other.Geometry.Coordinate.Y, f.Geometry.Coordinate.Y, 7);
            }
        }

        Assert.True(compared >= 10, $"only {compared} polygons compared");
        // Checked with osmium getid: the export lacks two power=tower nodes (v1, no user) n1855341030 and n1855341200,
        // and n5764355409 is healthcare=hospital, a tag the export's filter did not select.
        Assert.Equal(["node/1855341030", "node/1855341200", "node/5764355409"], missingNodes.Order(StringComparer.Ordinal));
    }

    [SampleFact]
    public void AndorraGeoJsonHas1036FeaturesWithOsmIds()
    {
        var layer = Read("andorra-infra.geojson");

        Assert.Equal("geojson", layer.Format);
        Assert.Equal(1036, layer.Features.Count); // MANIFEST and python json: 1,036 features
        Assert.Equal(486, layer.Features.Count(f => f.Kind == GeometryKind.Point)); // python: 486 Point
        Assert.Equal(456, layer.Features.Count(f => f.Kind == GeometryKind.Line)); // 456 LineString
        Assert.Equal(94, layer.Features.Count(f => f.Kind == GeometryKind.Polygon)); // 94 MultiPolygon
        Assert.All(layer.Features, f => Assert.Matches("^(node|way|relation)/[0-9]+$", f.Id));
        Assert.Equal(InfrastructureLayer.OsmAttribution, layer.Attribution);
    }

    [SampleFact]
    public void LiechtensteinOverpassJsonElementsAndClassifiedObjects()
    {
        var layer = Read("liechtenstein-infra.overpass.json");

        Assert.Equal("overpass-json", layer.Format);
        // MANIFEST: 1,131 elements; python json: 951 nodes, 178 ways, 2 relations; tagged: 287 nodes, 178 ways, 2 relations.
        Assert.Equal(1131, layer.SourceCounts["elements"]);
        Assert.Equal(951, layer.SourceCounts["nodes"]);
        Assert.Equal(178, layer.SourceCounts["ways"]);
        Assert.Equal(2, layer.SourceCounts["relations"]);
        // Every tagged object is either a feature or counted as skipped (no category applies).
        Assert.Equal(287 + 178 + 2, layer.Features.Count + layer.SkippedObjects + layer.Diagnostics.Count(d => d.Kind == LayerDiagnosticKind.Skipped && !d.Location.StartsWith("node", StringComparison.Ordinal) && d.Message.Contains("dropped", StringComparison.Ordinal)));
        Assert.Contains(layer.Features, f => f.Category == "rail");
        Assert.Contains(layer.Features, f => f.Category == "aviation");
    }

    [SampleFact]
    public void GermanOpenAirHas658AirspacesIncludingNuclearRestrictedAreas()
    {
        var layer = Read("germany-openair-2021-05.txt");

        Assert.Equal("openair", layer.Format);
        Assert.Equal(658, layer.SourceCounts["airspaces"]); // MANIFEST and grep -c '^AC ': 658
        Assert.Equal(658, layer.Features.Count);
        var biblis = Assert.Single(layer.Features, f => f.Name is not null && f.Name.Contains("Biblis", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("airspace", biblis.Category);
        Assert.Equal("restricted", biblis.Subcategory);
        Assert.All(layer.Features, f => Assert.Equal(GeometryKind.Polygon, f.Kind));
    }

    [SampleFact]
    public void UsMilitaryShapefileHas328PolygonsWithDbfNames()
    {
        var layer = Read("us_military.shp");

        Assert.Equal("shapefile", layer.Format);
        Assert.Equal(328, layer.Features.Count); // MANIFEST and ogrinfo: Feature Count 328
        Assert.All(layer.Features, f => Assert.Equal(GeometryKind.Polygon, f.Kind));
        Assert.Contains(layer.Features, f => f.Name is not null && f.Name.StartsWith("Laughlin", StringComparison.Ordinal));
        Assert.All(layer.Features, f => Assert.StartsWith("OBJECTID/", f.Id, StringComparison.Ordinal));
        Assert.Equal(3, layer.Companions.Count);
        // ogrinfo extent: (-158.151060, 13.547979) - (144.956976, 64.877888)
        var env = new Envelope();
        foreach (var f in layer.Features)
        {
            env.ExpandToInclude(f.Geometry.EnvelopeInternal);
        }

        Assert.Equal(-158.151060, env.MinX, 5);
        Assert.Equal(144.956976, env.MaxX, 5);
        Assert.Equal(13.547979, env.MinY, 5);
        Assert.Equal(64.877888, env.MaxY, 5);
    }

    [SampleFact]
    public void PentagonKmlPolygonWithHole()
    {
        var layer = Read("pentagon-inner-boundary.kml");

        Assert.Equal("kml", layer.Format);
        var pentagon = Assert.Single(layer.Features);
        var polygon = Assert.IsType<Polygon>(pentagon.Geometry);
        Assert.Equal(1, polygon.NumInteriorRings);
        Assert.Equal("The Pentagon", pentagon.Name);
        Assert.Equal(6, polygon.ExteriorRing.NumPoints);
        Assert.Equal(6, polygon.GetInteriorRingN(0).NumPoints);
    }

    [SampleFact]
    public void ArduPilotCmacFenceIsOnePolygonAroundSitlHome()
    {
        var layer = Read("ardupilot-CMAC-fence.txt");

        Assert.Equal("ardupilot-fence", layer.Format);
        var fence = Assert.Single(layer.Features);
        // 6 lines: a return point and 5 vertices (the last repeats the first), see the file.
        Assert.Equal(6, layer.SourceCounts["points"]);
        Assert.True(fence.Geometry.Covers(LayerBuilder.Factory.CreatePoint(new Coordinate(149.165230, -35.363261))), "CMAC SITL home inside the fence");
    }
}
