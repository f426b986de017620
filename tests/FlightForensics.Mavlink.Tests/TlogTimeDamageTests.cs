using System.Buffers.Binary;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;
using FlightForensics.TestSupport;

namespace FlightForensics.Mavlink.Tests;

/// <summary>
/// Issue #24 §2: one corrupted tlog timestamp stopped check/report with ArgumentOutOfRangeException, and whole
/// stretches shifted by +20 or −30 years were not damage. Edits of a real tlog, made here by walking its records
/// (an 8-byte big-endian µs time, then a MAVLink v1 0xFE or v2 0xFD packet), independently of the decoder.
/// </summary>
public sealed class TlogTimeDamageTests
{
    private const string Sample = "cuav_sitl_2018_flight.tlog";

    private static List<int> RecordStarts(byte[] b)
    {
        var starts = new List<int>();
        int i = 0;
        while (i + 10 < b.Length)
        {
            int size = b[i + 8] switch
            {
                0xFE => 8 + 6 + b[i + 9] + 2,
                0xFD => 8 + 10 + b[i + 9] + 2 + ((b[i + 10] & 1) != 0 ? 13 : 0),
                _ => 0,
            };
            if (size == 0)
            {
                i++;
                continue;
            }

            starts.Add(i);
            i += size;
        }

        return starts;
    }

    private static FlightLog Decode(byte[] bytes, bool strict = false)
    {
        var registry = new FormatRegistry();
        foreach (var d in MavlinkDecoders.All)
        {
            registry.Add(d);
        }

        var options = new DecodeOptions { Strict = strict };
        var found = registry.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, FormatRegistry.ProbeBytes)), bytes.Length)!.Value;
        var sink = new FlightLogBuilder(options);
        found.Decoder.Decode(new MemoryStream(bytes, writable: false), sink, options);
        return sink.Build(new Core.Evidence.EvidenceFile { FileName = Sample, FullPath = Sample, Bytes = bytes.Length, Sha256 = "" }, found.Decoder);
    }

    private static byte[] Edited(Action<byte[], List<int>> edit)
    {
        var bytes = File.ReadAllBytes(Samples.Require("mavlink", Sample));
        edit(bytes, RecordStarts(bytes));
        return bytes;
    }

    [SampleTheory]
    [InlineData(ulong.MaxValue)]
    [InlineData(2_000_000_000_000_000_000UL)]
    public void One_out_of_range_timestamp_is_one_time_jump_and_the_record_keeps_no_time(ulong stamp)
    {
        var original = Decode(File.ReadAllBytes(Samples.Require("mavlink", Sample)));
        int victim = -1;
        var bytes = Edited((b, starts) =>
        {
            victim = starts[starts.Count / 3];
            BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(victim), stamp);
        });

        var log = Decode(bytes);
        Assert.Equal(0, original.Damage.TimeJumps);
        Assert.Equal(1, log.Damage.TimeJumps);
        Assert.Contains(log.Diagnostics, d => d.Kind == DiagnosticKind.TimeJump && d.Offset == victim);
        Assert.Equal(original.StartUtc, log.StartUtc);
        Assert.InRange(log.Summary.DurationSeconds ?? 0, 0, (original.Summary.DurationSeconds ?? 0) + 1);
        var ex = Assert.Throws<Core.Evidence.FlightLogDamagedException>(() => Decode(bytes, strict: true));
        Assert.Equal(victim, ex.Offset);
    }

    [SampleTheory]
    [InlineData(20 * 365 * 86400L)]
    [InlineData(-30 * 365 * 86400L)]
    public void A_second_half_shifted_by_decades_is_damage(long shiftSeconds)
    {
        int firstShifted = -1;
        var bytes = Edited((b, starts) =>
        {
            firstShifted = starts[starts.Count / 2];
            foreach (var s in starts.Skip(starts.Count / 2))
            {
                ulong t = BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(s));
                BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(s), unchecked(t + (ulong)(shiftSeconds * 1_000_000)));
            }
        });

        var log = Decode(bytes);
        Assert.True(log.Damage.TimeJumps >= 1, "the jump is damage");
        Assert.True(log.Damage.Any);
        var first = log.Diagnostics.First(d => d.Kind == DiagnosticKind.TimeJump);
        Assert.True(first.Offset >= firstShifted, $"first time-jump at {first.Offset}, edit starts at {firstShifted}");
        Assert.Throws<Core.Evidence.FlightLogDamagedException>(() => Decode(bytes, strict: true));
    }
}
