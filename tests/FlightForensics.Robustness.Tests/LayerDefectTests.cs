using System.Text;
using FlightForensics.Geo.Layers;
using FlightForensics.Geo.Model;

namespace FlightForensics.Robustness.Tests;

/// <summary>Defects the layer fuzz run found, each pinned by a small synthetic input.</summary>
public sealed class LayerDefectTests
{
    private static InfrastructureLayer ReadSynthetic(byte[] bytes)
    {
        var dir = Directory.CreateTempSubdirectory("ff-layer-defect-");
        try
        {
            var path = Path.Combine(dir.FullName, "layer.dat");
            File.WriteAllBytes(path, bytes);
            return LayerReader.Read(path);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Synthetic_GeoJSON_with_invalid_UTF8_or_wrong_value_types_skips_those_features_with_a_diagnostic()
    {
        // Fuzz finding (InsertBytes on andorra-infra.geojson): JsonDocument checks UTF-8 inside a string only when
        // the string is read, so GetString threw InvalidOperationException out of LayerReader.Read.
        var good = "{\"type\":\"Feature\",\"properties\":{\"name\":\"ok\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,42.5]}}"u8;
        byte[] badUtf8 = [.. "{\"type\":\"Feature\",\"properties\":{\"name\":\""u8, 0xC3, 0x28, .. "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,42.5]}}"u8];
        var wrongType = "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":5,\"coordinates\":[1.5,42.5]}}"u8;
        byte[] json = [.. "{\"type\":\"FeatureCollection\",\"features\":["u8, .. good, .. ","u8, .. badUtf8, .. ","u8, .. wrongType, .. ","u8, .. good, .. "]}"u8];
        var layer = ReadSynthetic(json);
        Assert.Equal(2, layer.Features.Count);
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Skipped && d.Location.StartsWith("features[1]", StringComparison.Ordinal));
        Assert.Contains(layer.Diagnostics, d => d.Kind == LayerDiagnosticKind.Skipped && d.Location.StartsWith("features[2]", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_Overpass_JSON_with_wrong_value_types_skips_those_elements_with_a_diagnostic()
    {
        var json = Encoding.UTF8.GetBytes("""
            {"version":0.6,"elements":[
              {"type":"node","id":1,"lat":47.1,"lon":9.5,"tags":{"power":"substation","name":"A"}},
              {"type":"node","id":2,"lat":"x","lon":9.5,"tags":{"power":"substation"}},
              {"type":"way","id":3,"nodes":5,"tags":{"power":"line"}},
              {"type":"relation","id":4,"members":[{"type":7,"ref":1}],"tags":{"power":"plant"}}
            ]}
            """);
        var layer = ReadSynthetic(json);
        Assert.Single(layer.Features);
        Assert.Equal(3, layer.Diagnostics.Count(d => d.Kind == LayerDiagnosticKind.Skipped && d.Message.StartsWith("malformed element", StringComparison.Ordinal)));
    }

    [Fact]
    public void Synthetic_WKT_and_CSV_lines_with_a_non_ASCII_character_are_skipped_with_a_diagnostic()
    {
        // Fuzz finding (BitFlips on WKT/CSV derived from andorra-infra.geojson): NTS's WKT tokenizer threw
        // IndexOutOfRangeException on a character above U+00FF.
        var wkt = Encoding.UTF8.GetBytes("POINT (1.5 42.5)\nPOINT (1.5 42\u20AC.5)\nPOLYGON ((1 42, 1.1 42, 1.1 42.1, 1 42\uFFFD, 1 42))\nPOINT (1.6 42.6)\n");
        var layer = ReadSynthetic(wkt);
        Assert.Equal(2, layer.Features.Count);
        Assert.Equal(2, layer.Diagnostics.Count(d => d.Kind == LayerDiagnosticKind.Skipped && d.Message.Contains("non-ASCII", StringComparison.Ordinal)));

        var csv = Encoding.UTF8.GetBytes("id,name,wkt\n1,a,\"POINT (1.5 42.5)\"\n2,b,\"POINT (1.5\u0394 42.5)\"\n");
        var csvLayer = ReadSynthetic(csv);
        Assert.Single(csvLayer.Features);
        Assert.Contains(csvLayer.Diagnostics, d => d.Message.Contains("non-ASCII", StringComparison.Ordinal));
    }
}
