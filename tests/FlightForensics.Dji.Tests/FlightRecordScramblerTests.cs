using FlightForensics.Dji.FlightRecord;

namespace FlightForensics.Dji.Tests;

public class FlightRecordScramblerTests
{
    [Fact]
    public void Table_key_equals_the_CRC64_definition_for_every_type_seed_and_magic_version()
    {
        // The two-table key (CRC linearity) must equal the step-by-step CRC of dji-formats.md §2.4 everywhere.
        int mismatches = 0;
        foreach (byte magic in new byte[] { 0, 1, 255 })
        {
            for (int type = 0; type < 256; type++)
            {
                for (int seed = 0; seed < 256; seed++)
                {
                    if (FlightRecordScrambler.Key((byte)type, (byte)seed, magic) != FlightRecordScrambler.KeyByDefinition((byte)type, (byte)seed, magic))
                    {
                        mismatches++;
                    }
                }
            }
        }

        Assert.Equal(0, mismatches);
        Assert.NotEqual(FlightRecordScrambler.Key(1, 2), FlightRecordScrambler.Key(1, 3));
    }
}
