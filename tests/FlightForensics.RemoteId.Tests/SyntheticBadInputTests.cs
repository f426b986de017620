using FlightForensics.Core.Model;
using static FlightForensics.RemoteId.Tests.SyntheticCapture;

namespace FlightForensics.RemoteId.Tests;

/// <summary>Damaged and hostile captures: diagnostics with byte offsets, what is decodable kept, never a crash.</summary>
public sealed class SyntheticBadInputTests
{
    private static readonly byte[] Mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];

    private static byte[] Frame(double lat, double lon) =>
        Radiotap(Beacon(Mac, Pack(2, BasicId("SYNTH0001"), Location(lat, lon))));

    [Fact]
    public void Synthetic_pcap_both_byte_orders_and_ns_give_the_same_positions_and_times()
    {
        var t = Start.AddTicks(1234567);
        foreach (var (be, ns) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var (records, sink, _) = TestCapture.Frame(Pcap(127, [(t, Frame(47.1, 8.2))], be, ns));
            var frame = Assert.Single(records.Frames).Value;
            Assert.Equal(471_000_000, Assert.Single(frame.Locations).LatitudeE7);
            Assert.Equal("SYNTH0001", Assert.Single(frame.BasicIds).UasId);
            // µs files lose the sub-microsecond digit; ns files keep 100 ns ticks.
            var expected = ns ? t : Start.AddTicks(1234560);
            Assert.Equal(expected, frame.Contexts[0].TimeUtc);
            Assert.Empty(sink.Diagnostics);
        }
    }

    [Fact]
    public void Synthetic_truncated_pcap_record_keeps_earlier_frames_and_names_the_offset()
    {
        var whole = Pcap(127, [(Start, Frame(1, 2)), (Start.AddSeconds(1), Frame(1.1, 2))]);
        int secondRecord = 24 + 16 + Frame(1, 2).Length;
        var cut = whole[..(secondRecord + 30)];
        var (records, sink, _) = TestCapture.Frame(cut);
        Assert.Single(records.Frames);
        var d = Assert.Single(sink.Diagnostics);
        Assert.Equal(DiagnosticKind.Truncated, d.Kind);
        Assert.Equal(secondRecord, d.Offset);
    }

    [Fact]
    public void Synthetic_pcap_record_length_that_lies_stops_with_a_corrupt_diagnostic()
    {
        var whole = Pcap(127, [(Start, Frame(1, 2))]);
        var bytes = Concat(whole, Pcap(127, [(Start, Frame(1, 2))], capturedOverride: int.MaxValue)[24..]);
        var (records, sink, _) = TestCapture.Frame(bytes);
        Assert.Single(records.Frames);
        var d = Assert.Single(sink.Diagnostics);
        Assert.Equal(DiagnosticKind.Corrupt, d.Kind);
        Assert.Equal(whole.Length, d.Offset);
    }

    [Fact]
    public void Synthetic_pcapng_block_whose_trailing_length_differs_is_reported_at_its_offset()
    {
        var good = Concat(PcapngSection(), PcapngInterface(127), PcapngPacket(0, 1, Frame(1, 2)));
        var bad = PcapngPacket(0, 2, Frame(3, 4));
        bad[^1] = 0x7F;
        var (records, sink, _) = TestCapture.Frame(Concat(good, bad, PcapngPacket(0, 3, Frame(5, 6))));
        Assert.Single(records.Frames);
        var d = Assert.Single(sink.Diagnostics);
        Assert.Equal(DiagnosticKind.Corrupt, d.Kind);
        Assert.Equal(good.Length, d.Offset);
    }

    [Fact]
    public void Synthetic_pcapng_truncated_block_and_huge_stated_length_never_allocate_it()
    {
        var good = Concat(PcapngSection(), PcapngInterface(127), PcapngPacket(0, 1, Frame(1, 2)));
        var huge = PcapngPacket(0, 2, Frame(3, 4));
        BitConverterWrite(huge, 4, 0x7FFF_FFF0u);
        var (records, sink, _) = TestCapture.Frame(Concat(good, huge));
        Assert.Single(records.Frames);
        var d = Assert.Single(sink.Diagnostics);
        Assert.Equal(DiagnosticKind.Truncated, d.Kind);
        Assert.Equal(good.Length, d.Offset);

        var (_, sink2, _) = TestCapture.Frame(Concat(good, PcapngPacket(0, 2, Frame(3, 4))[..40]));
        Assert.Equal(good.Length, Assert.Single(sink2.Diagnostics).Offset);
    }

    [Fact]
    public void Synthetic_snap_length_shorter_than_the_frame_drops_only_the_cut_element()
    {
        var full = Frame(1, 2);
        var capture = Concat(PcapngSection(), PcapngInterface(127),
            PcapngPacket(0, 1, full[..(full.Length - 20)], original: full.Length),
            PcapngPacket(0, 2, full));
        var (records, sink, framer) = TestCapture.Frame(capture);
        Assert.Equal(2, framer.Frames);
        Assert.Equal(1, framer.FramesCut);
        Assert.Equal([2L], records.Frames.Keys);
        Assert.DoesNotContain(sink.Diagnostics, d => d.IsDamage);
    }

    [Fact]
    public void Synthetic_radiotap_with_unknown_bits_extensions_and_FCS_is_read_by_its_length()
    {
        var frame = Radiotap(Beacon(Mac, Pack(2, BasicId("SYNTH0002"), Location(-33.5, 151.25))), extensions: true, fcs: true);
        var (records, sink, _) = TestCapture.Frame(Pcap(127, [(Start, frame)]));
        var f = Assert.Single(records.Frames).Value;
        Assert.Equal(-335_000_000, Assert.Single(f.Locations).LatitudeE7);
        Assert.Equal(1_512_500_000, f.Locations[0].LongitudeE7);
        Assert.Empty(sink.Diagnostics);
    }

    [Fact]
    public void Synthetic_radiotap_length_beyond_the_frame_is_a_diagnostic_with_the_frame_offset()
    {
        var frame = Frame(1, 2);
        frame[2] = 0xFF;
        frame[3] = 0x7F;
        var (records, sink, _) = TestCapture.Frame(Pcap(127, [(Start, frame)]));
        Assert.Empty(records.Frames);
        var d = Assert.Single(sink.Diagnostics);
        Assert.Equal(24 + 16, d.Offset);
    }

    [Fact]
    public void Synthetic_message_pack_count_beyond_payload_decodes_what_fits()
    {
        var frame = Radiotap(Beacon(Mac, Pack(5, BasicId("SYNTH0003"), Location(10, 20))));
        var (records, sink, _) = TestCapture.Frame(Pcap(127, [(Start, frame)]));
        var f = Assert.Single(records.Frames).Value;
        Assert.Single(f.Locations);
        var d = Assert.Single(sink.Diagnostics);
        Assert.Equal(DiagnosticKind.Corrupt, d.Kind);
        Assert.Contains("states 5 messages, 2 fit", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_message_pack_count_above_the_maximum_is_skipped()
    {
        var frame = Radiotap(Beacon(Mac, Pack(70, BasicId("SYNTH0004"), Location(10, 20))));
        var (records, sink, _) = TestCapture.Frame(Pcap(127, [(Start, frame)]));
        Assert.Empty(records.Frames);
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Corrupt && d.Message.Contains("at most 9", StringComparison.Ordinal));
    }

    [Fact]
    public void Synthetic_authentication_page_out_of_range_is_a_diagnostic_and_counted_per_aircraft()
    {
        var frame = Radiotap(Beacon(Mac, Pack(3, BasicId("SYNTH0005"), AuthPage(0, lastPage: 1), AuthPage(7))));
        var contents = FlightForensics.RemoteId.RemoteIdCapture.Read(new MemoryStream(Pcap(127, [(Start, frame)])), new Core.Decoding.FlightLogSink());
        var aircraft = Assert.Single(contents.Aircraft);
        Assert.Equal(1, aircraft.AuthenticationPagesOutOfRange);
        Assert.Single(aircraft.AuthenticationPages);
        Assert.Null(aircraft.ReassembleAuthentication(1)); // page 1 was never heard
    }

    [Fact]
    public void Synthetic_authentication_pages_are_reassembled_in_page_order_to_the_stated_length()
    {
        var page0 = AuthPage(0, lastPage: 1);
        page0[3] = 30; // total length: 17 bytes from page 0, 13 from page 1
        for (int i = 8; i < 25; i++)
        {
            page0[i] = (byte)(i - 8);
        }

        var page1 = AuthPage(1);
        for (int i = 2; i < 25; i++)
        {
            page1[i] = (byte)(100 + i - 2);
        }

        // Page 1 heard before page 0: order on the air does not matter.
        var frame = Radiotap(Beacon(Mac, Pack(3, BasicId("SYNTH0006"), page1, page0)));
        var contents = FlightForensics.RemoteId.RemoteIdCapture.Read(new MemoryStream(Pcap(127, [(Start, frame)])), new Core.Decoding.FlightLogSink());
        byte[] expected = [.. Enumerable.Range(0, 17).Select(i => (byte)i), .. Enumerable.Range(100, 13).Select(i => (byte)i)];
        Assert.Equal(expected, Assert.Single(contents.Aircraft).ReassembleAuthentication(1));
    }

    [Fact]
    public void Synthetic_cut_BLE_PDU_is_reported_and_does_not_throw()
    {
        // nRF Sniffer v3 header, LE 1M, legacy ADV_NONCONN_IND whose length claims more than was captured.
        var adv = new List<byte> { 0xD6, 0xBE, 0x89, 0x8E, 0x02, 37 };
        adv.AddRange([0x55, 0x44, 0x33, 0x22, 0x11, 0x02]);
        adv.AddRange([30, 0x16, 0xFA, 0xFF, 0x0D, 0x01]);
        adv.AddRange(Location(5, 6)[..10]);
        byte[] nordic = [0x03, 0, 0, 0x03, 0, 0, 0x02, 10, 0x01, 37, 50, 0, 0, 0, 0, 0, 0, .. adv];
        var (records, sink, _) = TestCapture.Frame(Pcap(272, [(Start, nordic)]));
        Assert.Contains(sink.Diagnostics, d => d.Kind == DiagnosticKind.Truncated);
        Assert.Empty(records.Frames.Values.SelectMany(f => f.Locations));
    }

    [Fact]
    public void Synthetic_pcapng_several_interfaces_resolutions_and_comments()
    {
        var capture = Concat(PcapngSection(), PcapngInterface(105), PcapngInterface(127, tsresol: 9),
            PcapngPacket(1, (ulong)(Start - DateTimeOffset.UnixEpoch).Ticks * 100, Frame(1, 2), comment: "seized at gate 3"),
            PcapngPacket(0, (ulong)(Start - DateTimeOffset.UnixEpoch).Ticks / 10, Beacon(Mac, Pack(1, Location(3, 4)))));
        var (records, sink, _) = TestCapture.Frame(capture);
        Assert.Equal([1L, 2L], records.Frames.Keys);
        Assert.All(records.Frames.Values, f => Assert.Equal(Start, f.Contexts[0].TimeUtc));
        Assert.Equal(["seized at gate 3"], records.Comments);
        Assert.Empty(sink.Diagnostics);
    }

    [Fact]
    public void Synthetic_simple_packet_block_uses_interface_0_and_has_no_time()
    {
        var frame = Frame(12.5, -3.25);
        byte[] body = [.. BitConverter.GetBytes((uint)frame.Length), .. frame, .. new byte[(4 - frame.Length % 4) % 4]];
        var (records, sink, _) = TestCapture.Frame(Concat(PcapngSection(), PcapngInterface(127), Block(3, body)));
        var f = Assert.Single(records.Frames).Value;
        Assert.Equal(125_000_000, Assert.Single(f.Locations).LatitudeE7);
        Assert.Null(f.Contexts[0].TimeUtc);
        Assert.Empty(sink.Diagnostics);
    }

    [Fact]
    public void Synthetic_many_frames_without_Remote_ID_are_counted_without_diagnostics()
    {
        const int count = 200_000;
        var beacon = Radiotap(Beacon(Mac, [], withOdid: false));
        var capture = Pcap(127, Enumerable.Range(0, count).Select(i => (Start.AddMilliseconds(i), beacon)));
        var (records, sink, framer) = TestCapture.Frame(capture);
        Assert.Equal(count, framer.Frames);
        Assert.Equal(0, framer.FramesWithRemoteId);
        Assert.Empty(records.Frames);
        Assert.Empty(sink.Diagnostics);
    }

    [Fact]
    public void Synthetic_garbage_and_empty_inputs_do_not_throw()
    {
        var random = new Random(17);
        for (int i = 0; i < 300; i++)
        {
            var good = i % 2 == 0 ? Pcap(127, [(Start, Frame(1, 2)), (Start, Frame(3, 4))]) : Concat(PcapngSection(), PcapngInterface(272), PcapngPacket(0, 5, Frame(1, 2)));
            int flips = 1 + random.Next(8);
            for (int k = 0; k < flips; k++)
            {
                good[24 + random.Next(good.Length - 24)] = (byte)random.Next(256);
            }

            TestCapture.Frame(good[..random.Next(good.Length)]);
            TestCapture.Frame(good);
        }
    }

    private static void BitConverterWrite(byte[] b, int at, uint v) => System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
}
