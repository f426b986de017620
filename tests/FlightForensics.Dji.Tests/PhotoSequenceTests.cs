using FlightForensics.Dji.Photo;
using FlightForensics.TestSupport;

namespace FlightForensics.Dji.Tests;

public sealed class PhotoSequenceTests
{
    [SampleFact]
    public void The_photo_folder_becomes_a_sequence_ordered_by_camera_clock()
    {
        var entries = PhotoSequence.ReadFolder(Samples.Require("dji-photos"));
        // reference/ and MANIFEST.md are not JPEGs: only the four photos remain.
        Assert.Equal(4, entries.Count);
        // DateTimeOriginal per exiftool: 2016-06-23 (FC300S), 2018-07-27 (XT2), 2021-05-28 (H20T), 2022-03-24 (H20N).
        Assert.Equal(
            ["pierotofy_brighton_DJI_0025.JPG", "thermalparser_DJI_XT2.jpg", "thermalparser_DJI_H20T.jpg", "thermalparser_H20N_DJI_0006_R.JPG"],
            entries.Select(e => Path.GetFileName(e.Path)));
        Assert.All(entries, e => Assert.True(e.Sample.HasPosition));
        Assert.All(entries, e => Assert.NotNull(e.Photo));
    }
}
