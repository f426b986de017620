using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;
using Xunit;

namespace FlightForensics.Geo.Tests;

/// <summary>
/// Synthetic broken zone feeds: each bad zone gives a diagnostic that names its identifier, the good zones are
/// kept, nothing throws past the reader (a file that is no feed at all is one unreadable-layer line).
/// </summary>
public sealed class AirspaceBadInputTests
{
    private const string Square = "[[[8.0,47.0],[8.01,47.0],[8.01,47.01],[8.0,47.01],[8.0,47.0]]]";

    private static string Zone(string id, string projection, string limits = "\"uomDimensions\":\"M\",\"lowerLimit\":0,\"lowerVerticalReference\":\"AGL\",\"upperLimit\":120,\"upperVerticalReference\":\"AGL\"", string applicability = "[{\"permanent\":\"YES\"}]") =>
        $$"""{"identifier":"{{id}}","name":"{{id}}","restriction":"PROHIBITED","applicability":{{applicability}},"geometry":[{{{limits}},"horizontalProjection":{{projection}}}]}""";

    private static InfrastructureLayer ReadFeed(params string[] zones)
    {
        using var files = new TempFiles();
        var path = files.Write("zones.json", "{\"features\":[" + string.Join(",", zones) + "]}");
        return LayerReader.Read(path);
    }

    [Fact]
    public void SyntheticBrokenZonesAreDiagnosedByIdAndTheRestIsKept()
    {
        var layer = ReadFeed(
            Zone("GOOD", $"{{\"type\":\"Polygon\",\"coordinates\":{Square}}}"),
            Zone("BOWTIE", "{\"type\":\"Polygon\",\"coordinates\":[[[8.0,47.0],[8.01,47.01],[8.01,47.0],[8.0,47.01],[8.0,47.0]]]}"),
            Zone("OPEN", "{\"type\":\"Polygon\",\"coordinates\":[[[8.0,47.0],[8.01,47.0],[8.01,47.01],[8.0,47.01]]]}"),
            Zone("ZERO-RADIUS", "{\"type\":\"Circle\",\"center\":[8.0,47.0],\"radius\":0}"),
            Zone("HUGE-RADIUS", "{\"type\":\"Circle\",\"center\":[8.0,47.0],\"radius\":5e7}"),
            Zone("CIRCLE", "{\"type\":\"Circle\",\"center\":[8.0,47.0],\"radius\":500}"),
            Zone("YARDS", $"{{\"type\":\"Polygon\",\"coordinates\":{Square}}}", "\"uomDimensions\":\"YD\",\"lowerLimit\":0,\"lowerVerticalReference\":\"AGL\",\"upperLimit\":100,\"upperVerticalReference\":\"AGL\""),
            Zone("QFE", $"{{\"type\":\"Polygon\",\"coordinates\":{Square}}}", "\"uomDimensions\":\"M\",\"lowerLimit\":0,\"lowerVerticalReference\":\"QFE\",\"upperLimit\":100,\"upperVerticalReference\":\"AGL\""),
            Zone("INVERTED", $"{{\"type\":\"Polygon\",\"coordinates\":{Square}}}", "\"uomDimensions\":\"M\",\"lowerLimit\":300,\"lowerVerticalReference\":\"AGL\",\"upperLimit\":100,\"upperVerticalReference\":\"AGL\""),
            Zone("BADTIME", $"{{\"type\":\"Polygon\",\"coordinates\":{Square}}}", applicability: "[{\"permanent\":\"NO\",\"startDateTime\":\"yesterday\"}]"),
            Zone("BADDAY", $"{{\"type\":\"Polygon\",\"coordinates\":{Square}}}", applicability: "[{\"permanent\":\"NO\",\"dailyPeriod\":[{\"day\":[\"FUNDAY\"],\"startTime\":\"25:99\",\"endTime\":\"10:00\"}]}]"),
            "42",
            "{\"identifier\":\"NOGEOM\",\"restriction\":\"PROHIBITED\",\"geometry\":[{\"uomDimensions\":\"M\"}]}");

        Assert.Equal("ed269", layer.Format);
        string[] kept = ["GOOD", "BOWTIE", "OPEN", "CIRCLE", "YARDS", "QFE", "INVERTED", "BADTIME", "BADDAY"];
        Assert.Equal(kept.Order(StringComparer.Ordinal), layer.Features.Select(f => f.Id).Order(StringComparer.Ordinal));
        foreach (var id in new[] { "BOWTIE", "OPEN", "ZERO-RADIUS", "HUGE-RADIUS", "YARDS", "QFE", "INVERTED", "BADTIME", "BADDAY", "NOGEOM" })
        {
            Assert.Contains(layer.Diagnostics, d => d.Location.Contains($"id {id}", StringComparison.Ordinal));
        }

        Assert.Null(layer.Features.Single(f => f.Id == "YARDS").Airspace!.Upper.Meters);
        Assert.Equal(VerticalReference.Unknown, layer.Features.Single(f => f.Id == "QFE").Airspace!.Lower.Reference);
        var inverted = layer.Features.Single(f => f.Id == "INVERTED").Airspace!;
        Assert.Null(inverted.Lower.Meters);
        Assert.Null(inverted.Upper.Meters);
        Assert.True(layer.Features.Single(f => f.Id == "BADTIME").Airspace!.Schedule.IsUnreadable);
        Assert.True(layer.Features.Single(f => f.Id == "BADDAY").Airspace!.Schedule.IsUnreadable);
        // 500 m circle: its extent north-south is 1000 m, i.e. 1000 / 111,195 ° on a 6371 km sphere (±0.5 % for the ellipsoid).
        var circle = layer.Features.Single(f => f.Id == "CIRCLE").Geometry.EnvelopeInternal;
        Assert.InRange(circle.Height, 1000 / 111_195.0 * 0.995, 1000 / 111_195.0 * 1.005);
        Assert.True(layer.Features.Single(f => f.Id == "BOWTIE").Geometry.IsValid);
    }

    [Fact]
    public void SyntheticViewerMasksAreSkippedNotTakenForZones()
    {
        // A world polygon with a country-sized hole, and a feature an ED-318 viewer hides: neither is a zone to judge.
        const string world = "[[[-180,-85],[180,-85],[180,85],[-180,85],[-180,-85]],[[8.0,47.0],[9.0,47.0],[9.0,48.0],[8.0,48.0],[8.0,47.0]]]";
        var layer = ReadFeed(Zone("GOOD", $"{{\"type\":\"Polygon\",\"coordinates\":{Square}}}"), Zone("OUTSIDE-CH", $"{{\"type\":\"Polygon\",\"coordinates\":{world}}}"));
        Assert.Equal("GOOD", Assert.Single(layer.Features).Id);
        Assert.Contains(layer.Diagnostics, d => d.Location.Contains("id OUTSIDE-CH", StringComparison.Ordinal) && d.Message.Contains("world-spanning", StringComparison.Ordinal));

        using var files = new TempFiles();
        var ed318 = LayerReader.Read(files.Write("ed318.json",
            "{\"type\":\"FeatureCollection\",\"features\":[" +
            "{\"type\":\"Feature\",\"properties\":{\"identifier\":\"SHOWN\",\"type\":\"PROHIBITED\",\"zoneAuthority\":[]},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + Square
            + ",\"layer\":{\"upper\":120,\"upperReference\":\"AGL\",\"lower\":0,\"lowerReference\":\"AGL\",\"uom\":\"m\"}}}," +
            "{\"type\":\"Feature\",\"properties\":{\"identifier\":\"MASK\",\"type\":\"PROHIBITED\",\"hidden\":true,\"zoneAuthority\":[]},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + Square + "}}]}"));
        Assert.Equal("ed318", ed318.Format);
        Assert.Equal("SHOWN", Assert.Single(ed318.Features).Id);
        Assert.Contains(ed318.Diagnostics, d => d.Location.Contains("id MASK", StringComparison.Ordinal));
    }

    [Fact]
    public void SyntheticJsonThatIsNoFeedIsOneUnreadableLine()
    {
        using var files = new TempFiles();
        var ex = Assert.Throws<LayerUnreadableException>(() => LayerReader.Read(files.Write("not-a-feed.json", "{\"zones\":\"none\"}")));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Throws<LayerUnreadableException>(() => LayerReader.Read(files.Write("cut.json", "{\"UASZoneList\":[{\"identifier\":\"X\",\"geometry\":[")));
    }

    [Fact]
    public void SyntheticAixmWithBadRadiusAndMissingBorderKeepsTheGoodAirspace()
    {
        static string Airspace(string designator, string segments) => $"""
            <message:hasMember><aixm:Airspace gml:id="{designator}"><aixm:timeSlice><aixm:AirspaceTimeSlice gml:id="{designator}ts">
            <aixm:type>P</aixm:type><aixm:designator>{designator}</aixm:designator>
            <aixm:geometryComponent><aixm:AirspaceGeometryComponent><aixm:theAirspaceVolume><aixm:AirspaceVolume>
            <aixm:upperLimit uom="FT">400</aixm:upperLimit><aixm:upperLimitReference>SFC</aixm:upperLimitReference>
            <aixm:lowerLimit uom="FT">0</aixm:lowerLimit><aixm:lowerLimitReference>SFC</aixm:lowerLimitReference>
            <aixm:horizontalProjection><aixm:Surface srsName="urn:ogc:def:crs:EPSG::4326"><gml:patches><gml:PolygonPatch><gml:exterior><gml:Ring>
            {segments}
            </gml:Ring></gml:exterior></gml:PolygonPatch></gml:patches></aixm:Surface></aixm:horizontalProjection>
            </aixm:AirspaceVolume></aixm:theAirspaceVolume></aixm:AirspaceGeometryComponent></aixm:geometryComponent>
            </aixm:AirspaceTimeSlice></aixm:timeSlice></aixm:Airspace></message:hasMember>
            """;
        static string Circle(string radius) => $"""<gml:curveMember><gml:Curve><gml:segments><gml:CircleByCenterPoint><gml:pointProperty><aixm:Point><gml:pos>51.0 -1.0</gml:pos></aixm:Point></gml:pointProperty><gml:radius uom="[nmi_i]">{radius}</gml:radius></gml:CircleByCenterPoint></gml:segments></gml:Curve></gml:curveMember>""";
        var xml = """<?xml version="1.0"?><message:AIXMBasicMessage xmlns:aixm="http://www.aixm.aero/schema/5.1" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:message="http://www.aixm.aero/schema/5.1/message" xmlns:xlink="http://www.w3.org/1999/xlink">"""
            + Airspace("EGOK", Circle("1")) + Airspace("EGZERO", Circle("0")) + Airspace("EGNAN", Circle("abc"))
            + Airspace("EGBORDER", """<gml:curveMember xlink:href="urn:uuid:00000000-0000-0000-0000-000000000000"/>""")
            + "</message:AIXMBasicMessage>";
        using var files = new TempFiles();
        var layer = LayerReader.Read(files.Write("uk.xml", xml));

        Assert.Equal("aixm51", layer.Format);
        var ok = Assert.Single(layer.Features);
        Assert.Equal("EGOK", ok.Id);
        Assert.Equal(400 * 0.3048, ok.Airspace!.Upper.Meters!.Value, 1e-9);
        foreach (var id in new[] { "EGZERO", "EGNAN", "EGBORDER" })
        {
            Assert.Contains(layer.Diagnostics, d => d.Location.Contains($"id {id}", StringComparison.Ordinal));
        }
    }
}
