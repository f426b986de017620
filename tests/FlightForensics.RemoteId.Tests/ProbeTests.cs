using FlightForensics.TestSupport;
using static FlightForensics.RemoteId.Tests.SyntheticCapture;

namespace FlightForensics.RemoteId.Tests;

public sealed class ProbeTests
{
    private static readonly RemoteIdCaptureDecoder Decoder = new();

    [SampleTheory]
    [InlineData("odid_wifi_bcn_sample.pcap")]
    [InlineData("odid_wifi_sample.pcap")]
    [InlineData("odid_bt5_lr_sample.pcapng")]
    [InlineData("parrot_anafi4_real.pcapng")]
    [InlineData("mavic_multiple_spoofed.pcapng")]
    public void Every_sample_is_recognised_with_high_confidence(string file)
    {
        var bytes = File.ReadAllBytes(Samples.Require("remoteid", file));
        Assert.Equal(90, Decoder.Probe(bytes.AsSpan(0, Math.Min(bytes.Length, 65536)), bytes.Length).Confidence);
    }

    [Fact]
    public void Synthetic_Ethernet_captures_are_only_weak_matches()
    {
        var pcap = Pcap(1, [(Start, new byte[60])]);
        var pcapng = Concat(PcapngSection(), PcapngInterface(1), PcapngPacket(0, 1, new byte[60]));
        Assert.Equal(20, Decoder.Probe(pcap, pcap.Length).Confidence);
        Assert.Equal(20, Decoder.Probe(pcapng, pcapng.Length).Confidence);
        Assert.False(Decoder.Probe(new byte[64], 64).IsMatch);
    }
}
