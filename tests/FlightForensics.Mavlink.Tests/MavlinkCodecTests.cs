using System.Text;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;
using FlightForensics.Synthesis.Mavlink;

namespace FlightForensics.Mavlink.Tests;

public sealed class MavlinkCodecTests
{
    [Fact]
    public void Crc_matches_the_catalogue_check_value_of_CRC16_MCRF4XX()
    {
        // CRC catalogue check: CRC-16/MCRF4XX over "123456789" is 0x6F91.
        Assert.Equal(0x6F91, MavlinkCrc.Accumulate(MavlinkCrc.Initial, Encoding.ASCII.GetBytes("123456789")));
    }

    [Theory]
    // Values from research/mavlink-formats.md §3 (computed there by an independent implementation).
    [InlineData("HEARTBEAT", 50, 9, 9)]
    [InlineData("SYS_STATUS", 124, 31, 43)]
    [InlineData("GPS_RAW_INT", 24, 30, 52)]
    [InlineData("ATTITUDE", 39, 28, 28)]
    [InlineData("GLOBAL_POSITION_INT", 104, 28, 28)]
    [InlineData("MISSION_ITEM", 254, 37, 38)]
    [InlineData("MISSION_COUNT", 221, 4, 9)]
    [InlineData("MISSION_ITEM_INT", 38, 37, 38)]
    [InlineData("VFR_HUD", 20, 20, 20)]
    [InlineData("BATTERY_STATUS", 154, 36, 54)]
    [InlineData("MOUNT_STATUS", 134, 14, 15)]
    [InlineData("CAMERA_FEEDBACK", 52, 45, 47)]
    [InlineData("HOME_POSITION", 104, 52, 60)]
    [InlineData("STATUSTEXT", 83, 51, 54)]
    [InlineData("CAMERA_IMAGE_CAPTURED", 133, 255, 255)]
    [InlineData("GIMBAL_DEVICE_ATTITUDE_STATUS", 137, 40, 49)]
    [InlineData("PROTOCOL_VERSION", 217, 22, 22)]
    public void Generated_table_has_the_published_crc_extra_and_lengths(string name, int crcExtra, int minLength, int maxLength)
    {
        var info = MavlinkDialect.Find(name);
        Assert.NotNull(info);
        Assert.Equal(crcExtra, info.CrcExtra);
        Assert.Equal(minLength, info.MinLength);
        Assert.Equal(maxLength, info.MaxLength);
    }

    [Fact]
    public void Generated_table_covers_the_ardupilotmega_closure()
    {
        // research §3: 325 messages, 135 with id > 255, 82 with extensions.
        Assert.Equal(325, MavlinkDialect.Messages.Count);
        Assert.Equal(135, MavlinkDialect.Messages.Count(m => m.Id > 255));
        Assert.Equal(82, MavlinkDialect.Messages.Count(m => m.Fields.Any(f => f.IsExtension)));
        Assert.Equal("GLOBAL_POSITION_INT", MavlinkDialect.Find(33)?.Name);
        Assert.Equal("MAV_TYPE_QUADROTOR", MavlinkDialect.EnumName("MAV_TYPE", 2));
    }

    [Fact]
    public void Synthetic_v2_packet_round_trips_and_is_truncated_and_zero_filled()
    {
        var battery = MavlinkPayloadBuilder.For("BATTERY_STATUS").Set("current_consumed", 1234).Set("voltages", 15800, 0)
            .Set("battery_remaining", 77);
        Span<byte> packet = stackalloc byte[MavlinkFrame.MaxPacketLength];
        int length = MavlinkPacketWriter.WriteV2(packet, battery.Message, battery.Payload, 7, 1, 1);

        Assert.Equal(MavlinkFrameStatus.Valid, MavlinkFrameParser.TryParse(packet[..length], out var frame));
        Assert.True(frame.PayloadLength < battery.Message.MaxLength, "trailing zero bytes are stripped");
        var view = new BatteryStatusView(frame.Payload);
        Assert.Equal(1234, view.CurrentConsumed);
        Assert.Equal(15800, view.GetVoltages(0));
        Assert.Equal(77, view.BatteryRemaining);
        Assert.Equal(0u, view.FaultBitmask); // an extension beyond the sent bytes reads as zero
        Assert.Equal(7, frame.Sequence);
        Assert.Equal(MavlinkVersion.V2, frame.Version);
    }

    [Fact]
    public void Synthetic_v1_packet_round_trips()
    {
        var gpi = MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("lat", -158403272).Set("lon", -479262136).Set("alt", 1050630);
        Span<byte> packet = stackalloc byte[300];
        int length = MavlinkPacketWriter.WriteV1(packet, gpi.Message, gpi.Payload, 1, 10, 1);
        Assert.Equal(8 + 28, length);
        Assert.Equal(MavlinkFrameStatus.Valid, MavlinkFrameParser.TryParse(packet[..length], out var frame));
        Assert.Equal(MavlinkVersion.V1, frame.Version);
        Assert.Equal(-158403272, new GlobalPositionIntView(frame.Payload).Lat);
        Assert.Equal(10, frame.SystemId);
    }

    [Fact]
    public void Flipped_bit_fails_the_checksum()
    {
        var gpi = MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("lat", 1).Set("lon", 2);
        var packet = new byte[300];
        int length = MavlinkPacketWriter.WriteV2(packet, gpi.Message, gpi.Payload, 1, 1, 1);
        for (int bit = 8; bit < (length - 2) * 8; bit += 5)
        {
            var damaged = packet.AsSpan(0, length).ToArray();
            damaged[bit / 8] ^= (byte)(1 << (bit % 8));
            var status = MavlinkFrameParser.TryParse(damaged, out _);
            Assert.NotEqual(MavlinkFrameStatus.Valid, status);
        }
    }

    [Fact]
    public void By_name_access_reads_every_field()
    {
        var gpi = MavlinkPayloadBuilder.For("GLOBAL_POSITION_INT").Set("lat", 483861421).Set("vz", -25).Set("hdg", 9000);
        var packet = new byte[300];
        int length = MavlinkPacketWriter.WriteV2(packet, gpi.Message, gpi.Payload, 1, 1, 1);
        MavlinkFrameParser.TryParse(packet.AsSpan(0, length), out var frame);
        Assert.True(MavlinkFields.TryGetDouble(frame, "lat", out var lat));
        Assert.Equal(483861421, lat);
        Assert.True(MavlinkFields.TryGetDouble(frame, "vz", out var vz));
        Assert.Equal(-25, vz);
        Assert.False(MavlinkFields.TryGetDouble(frame, "no_such_field", out _));
        var described = MavlinkFields.Describe(frame);
        Assert.Equal(gpi.Message.Fields.Count, described.Count);
        Assert.Contains(new KeyValuePair<string, string>("hdg", "9000"), described);
        Assert.Contains(new KeyValuePair<string, string>("relative_alt", "0"), described);
    }

    [Fact]
    public void Signature_verifies_with_the_right_key_only()
    {
        var key = MavlinkSigning.KeyFromPassphrase("evidence");
        var text = MavlinkPayloadBuilder.For("STATUSTEXT").Set("severity", 6).SetText("text", "signed");
        var packet = new byte[300];
        var time = new DateTimeOffset(2021, 12, 8, 17, 59, 48, 250, TimeSpan.Zero);
        int length = MavlinkPacketWriter.WriteV2(packet, text.Message, text.Payload, 1, 255, 190,
            new MavlinkSigningParameters(key, 220, MavlinkSigningParameters.TimestampFor(time)));
        Assert.Equal(MavlinkFrameStatus.Valid, MavlinkFrameParser.TryParse(packet.AsSpan(0, length), out var frame));
        Assert.True(frame.IsSigned);
        Assert.Equal(220, frame.SignatureLinkId);
        Assert.Equal(time, frame.SignatureTimeUtc);
        Assert.True(MavlinkSigning.Verify(frame, key));
        Assert.False(MavlinkSigning.Verify(frame, MavlinkSigning.KeyFromPassphrase("other")));
    }

    [Fact]
    public void Unknown_incompatibility_flags_discard_a_packet_with_a_valid_crc()
    {
        var hb = MavlinkPayloadBuilder.For("HEARTBEAT").Set("type", 2);
        var packet = new byte[300];
        int length = MavlinkPacketWriter.WriteV2(packet, hb.Message, hb.Payload, 1, 1, 1);
        packet[2] = 0x02;
        var crc = MavlinkCrc.Compute(packet.AsSpan(1, 9 + packet[1]), hb.Message.CrcExtra);
        packet[10 + packet[1]] = (byte)crc;
        packet[11 + packet[1]] = (byte)(crc >> 8);
        Assert.Equal(MavlinkFrameStatus.UnsupportedIncompatFlags, MavlinkFrameParser.TryParse(packet.AsSpan(0, length), out _));
    }
}

public sealed class MavlinkCrcSlicingTests
{
    [Fact]
    public void Sliced_crc_equals_the_bytewise_form_for_every_length_and_seed()
    {
        var random = new Random(17);
        var data = new byte[300];
        random.NextBytes(data);
        for (int length = 0; length <= data.Length; length++)
        {
            ushort seed = (ushort)random.Next(65536);
            Assert.Equal(MavlinkCrc.AccumulateBytewise(seed, data.AsSpan(0, length)), MavlinkCrc.Accumulate(seed, data.AsSpan(0, length)));
        }
    }
}
