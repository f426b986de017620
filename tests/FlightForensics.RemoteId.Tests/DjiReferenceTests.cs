using FlightForensics.TestSupport;

namespace FlightForensics.RemoteId.Tests;

/// <summary>DJI DroneID elements against the independent Python unpacking (reference/djidroneid_ref.py).</summary>
public sealed class DjiReferenceTests
{
    [SampleFact]
    public void Every_DroneID_element_matches_the_Python_reference()
    {
        var reference = ReferenceTsv.Load(Samples.Require("remoteid", "reference", "mavic_multiple_spoofed.pcapng.djidroneid.tsv"));
        var (records, _, _) = TestCapture.Frame(Samples.Require("remoteid", "mavic_multiple_spoofed.pcapng"));
        Assert.NotEmpty(reference.Rows);
        var byFrame = reference.Rows.GroupBy(reference.Frame).ToList();
        Assert.Equal(byFrame.Select(g => g.Key), records.Frames.Where(f => f.Value.Dji.Count > 0).Select(f => f.Key));
        Assert.All(byFrame, group =>
        {
            var rows = group.ToList();
            var dji = records.Frames[group.Key].Dji;
            Assert.Equal(rows.Count, dji.Count);
            for (int i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var m = dji[i];
                Assert.Equal(reference.Cell(row, "serial"), m.Serial);
                Assert.Equal(int.Parse(reference.Cell(row, "version"), System.Globalization.CultureInfo.InvariantCulture), m.Version);
                Assert.Equal(reference.Cell(row, "wlan_sa"), records.Frames[group.Key].Contexts[i].TransmitterText);
                // The reference prints degrees with 7 decimals: equal after the same rounding.
                Near(reference.Cell(row, "lat"), m.LatitudeDegrees);
                Near(reference.Cell(row, "lon"), m.LongitudeDegrees);
                Near(reference.Cell(row, "home_lat"), m.HomeLatitudeDegrees);
                Near(reference.Cell(row, "home_lon"), m.HomeLongitudeDegrees);
                if (reference.Cell(row, "pilot_lat").Length > 0)
                {
                    Near(reference.Cell(row, "pilot_lat"), m.PilotLatitudeDegrees!.Value);
                    Near(reference.Cell(row, "pilot_lon"), m.PilotLongitudeDegrees!.Value);
                }

                Assert.Equal(ReferenceTsv.Double(reference.Cell(row, "height_m")), m.HeightMeters, 1e-9);
            }
        });
    }

    private static void Near(string expected, double actual) =>
        Assert.Equal(expected, actual.ToString("F7", System.Globalization.CultureInfo.InvariantCulture));
}
