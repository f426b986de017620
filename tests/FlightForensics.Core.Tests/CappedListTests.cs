using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.Core.Tests;

public sealed class CappedListTests
{
    [Fact]
    public void Keeps_the_first_items_and_counts_the_rest()
    {
        var list = new CappedList<int>(3);
        bool[] kept = Enumerable.Range(1, 5).Select(list.Add).ToArray();
        Assert.Equal([true, true, true, false, false], kept);
        Assert.Equal([1, 2, 3], list);
        Assert.Equal(2, list.NotStored);
    }

    [Fact]
    public void A_negative_capacity_keeps_nothing_and_counts_everything()
    {
        var list = new CappedList<string>(-4);
        list.Add("a");
        Assert.Empty(list);
        Assert.Equal(1, list.NotStored);
    }

    [Fact]
    public void The_sink_stores_through_the_cap_and_still_counts_damage()
    {
        var sink = new FlightLogSink(new DecodeOptions { MaxStoredDiagnostics = 2 });
        for (int i = 0; i < 5; i++)
        {
            Report(sink, new Diagnostic(i, DiagnosticKind.Crc, "bad checksum"));
        }

        Assert.Equal(2, sink.Diagnostics.Count);
        Assert.Equal(3, sink.DiagnosticsNotStored);
        Assert.Equal(5, sink.Damage.CrcFailures);

        // As a record reader sees the sink.
        static void Report(IDiagnosticSink target, Diagnostic diagnostic) => target.AddDiagnostic(diagnostic);
    }
}
