using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace FlightForensics.Reporting.Exports;

/// <summary>
/// Areal WGS84 geometries (X longitude, Y latitude) as GeoJSON geometry objects (RFC 7946 §3.1): a Polygon, or a
/// MultiPolygon when there are several parts. Exterior rings are written counter-clockwise and holes clockwise (§3.1.6),
/// whatever order the geometry holds; coordinates are rounded to 7 decimals (about 1 cm).
/// </summary>
public static class GeoJsonGeometry
{
    private const int Decimals = 7;

    /// <summary>Writes the property <paramref name="name"/>: the geometry, or null when it has no areal part.</summary>
    public static void WriteAreal(Utf8JsonWriter w, string name, Geometry? geometry)
    {
        ArgumentNullException.ThrowIfNull(w);
        var polygons = Polygons(geometry);
        if (polygons.Count == 0)
        {
            w.WriteNull(name);
            return;
        }

        w.WriteStartObject(name);
        if (polygons.Count == 1)
        {
            w.WriteString("type", "Polygon");
            w.WriteStartArray("coordinates");
            Rings(w, polygons[0]);
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("type", "MultiPolygon");
            w.WriteStartArray("coordinates");
            foreach (var p in polygons)
            {
                w.WriteStartArray();
                Rings(w, p);
                w.WriteEndArray();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static List<Polygon> Polygons(Geometry? geometry)
    {
        var list = new List<Polygon>();
        if (geometry is null)
        {
            return list;
        }

        for (var i = 0; i < geometry.NumGeometries; i++)
        {
            switch (geometry.GetGeometryN(i))
            {
                case Polygon { IsEmpty: false } p:
                    list.Add(p);
                    break;
                case GeometryCollection c when !ReferenceEquals(c, geometry):
                    list.AddRange(Polygons(c));
                    break;
            }
        }

        return list;
    }

    private static void Rings(Utf8JsonWriter w, Polygon p)
    {
        Ring(w, p.ExteriorRing.Coordinates, counterClockwise: true);
        foreach (var hole in p.InteriorRings)
        {
            Ring(w, hole.Coordinates, counterClockwise: false);
        }
    }

    private static void Ring(Utf8JsonWriter w, Coordinate[] ring, bool counterClockwise)
    {
        // A ring of fewer than four points, or of no area, has no orientation to correct.
        var reverse = ring.Length >= 4 && Area.OfRingSigned(ring) != 0 && Orientation.IsCCW(ring) != counterClockwise;
        w.WriteStartArray();
        for (var i = 0; i < ring.Length; i++)
        {
            var c = ring[reverse ? ring.Length - 1 - i : i];
            w.WriteStartArray();
            w.WriteNumberValue(Math.Round(c.X, Decimals));
            w.WriteNumberValue(Math.Round(c.Y, Decimals));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
