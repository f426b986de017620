using System.Buffers.Binary;
using FlightForensics.Mavlink.Codec;
using FlightForensics.Mavlink.Definitions;

namespace FlightForensics.Tamper;

/// <summary>
/// The edits a forger might make to a tlog. Each returns a new file and leaves its input untouched. Edited packets get
/// their checksum recomputed (CRC-16/MCRF4XX with the message's CRC_EXTRA, as the MAVLink serialisation defines it), so
/// the decoder accepts them: the edits are the careful kind, not the kind a checksum reveals.
/// </summary>
public static class TlogEdits
{
    /// <summary>MAVLink GLOBAL_POSITION_INT: lat int32 at payload byte 4, lon at 8 (degrees × 1e7; common.xml field order by size).</summary>
    private const uint GlobalPositionInt = 33;

    /// <summary>MAVLink GPS_RAW_INT: lat int32 at payload byte 8, lon at 12 (after the uint64 time_usec).</summary>
    private const uint GpsRawInt = 24;

    private const double EarthRadiusMeters = 6_371_008.8;

    /// <summary>Removes every record stamped in [from, from + seconds).</summary>
    public static TlogFile Delete(TlogFile file, double fromUnixSeconds, double seconds) =>
        new([.. file.Records.Where(r => r.UnixSeconds < fromUnixSeconds || r.UnixSeconds >= fromUnixSeconds + seconds).Select(Copy)]);

    /// <summary>Moves every record's timestamp by <paramref name="seconds"/> (the clock of the whole source shifted).</summary>
    public static TlogFile Shift(TlogFile file, double seconds)
    {
        var copy = file.Records.Select(Copy).ToList();
        long delta = (long)Math.Round(seconds * 1e6);
        foreach (var r in copy)
        {
            r.Micros = (ulong)((long)r.Micros + delta);
        }

        return new TlogFile(copy);
    }

    /// <summary>Moves every GLOBAL_POSITION_INT and GPS_RAW_INT position by metres east and north, checksums recomputed.</summary>
    public static TlogFile Offset(TlogFile file, double eastMeters, double northMeters)
    {
        var copy = file.Records.Select(Copy).ToList();
        foreach (var r in copy)
        {
            int latAt = r.MessageId switch
            {
                GlobalPositionInt => 4,
                GpsRawInt => 8,
                _ => -1,
            };

            if (latAt < 0 || r.PayloadLength < latAt + 8 || r.Bytes.Length < r.PayloadStart + r.PayloadLength + 2)
            {
                continue;
            }

            var payload = r.Bytes.AsSpan(r.PayloadStart, r.PayloadLength);
            int lat = BinaryPrimitives.ReadInt32LittleEndian(payload[latAt..]), lon = BinaryPrimitives.ReadInt32LittleEndian(payload[(latAt + 4)..]);
            if (lat == 0 && lon == 0)
            {
                continue; // "no fix" stays "no fix"
            }

            double latDeg = lat / 1e7;
            double newLat = latDeg + (northMeters / EarthRadiusMeters * 180 / Math.PI);
            double newLon = (lon / 1e7) + (eastMeters / (EarthRadiusMeters * Math.Cos(latDeg * Math.PI / 180)) * 180 / Math.PI);
            BinaryPrimitives.WriteInt32LittleEndian(payload[latAt..], (int)Math.Round(newLat * 1e7));
            BinaryPrimitives.WriteInt32LittleEndian(payload[(latAt + 4)..], (int)Math.Round(newLon * 1e7));
            FixChecksum(r);
        }

        return new TlogFile(copy);
    }

    /// <summary>Swaps the records of [from, from + block) with those of [from + block, from + 2 × block) in file order.</summary>
    public static TlogFile Reorder(TlogFile file, double fromUnixSeconds, double blockSeconds)
    {
        var records = file.Records.Select(Copy).ToList();
        var first = records.Where(r => r.UnixSeconds >= fromUnixSeconds && r.UnixSeconds < fromUnixSeconds + blockSeconds).ToList();
        var second = records.Where(r => r.UnixSeconds >= fromUnixSeconds + blockSeconds && r.UnixSeconds < fromUnixSeconds + (2 * blockSeconds)).ToList();
        int at = records.FindIndex(r => r.UnixSeconds >= fromUnixSeconds);
        var moved = new HashSet<TlogRecord>(first.Concat(second));
        var rest = records.Where(r => !moved.Contains(r)).ToList();
        int insertAt = rest.FindIndex(r => r.UnixSeconds >= fromUnixSeconds);
        rest.InsertRange(insertAt < 0 ? rest.Count : insertAt, [.. second, .. first]);
        return at < 0 ? new TlogFile(records) : new TlogFile(rest);
    }

    /// <summary>
    /// The records of <paramref name="head"/> before <paramref name="cutHead"/>, then those of <paramref name="tail"/> from
    /// <paramref name="cutTail"/> on, made to look like one recording: the tail's vehicle takes the head's system id
    /// (checksums recomputed) and its clock is moved to continue one median record interval after the cut.
    /// </summary>
    public static TlogFile Splice(TlogFile head, double cutHead, TlogFile tail, double cutTail)
    {
        var first = head.Records.Where(r => r.UnixSeconds < cutHead).Select(Copy).ToList();
        var second = tail.Records.Where(r => r.UnixSeconds >= cutTail).Select(Copy).ToList();
        if (first.Count == 0 || second.Count == 0)
        {
            return new TlogFile([.. first, .. second]);
        }

        byte? headSystem = VehicleSystem(head), tailSystem = VehicleSystem(tail);
        long delta = (long)first[^1].Micros + 100_000 - (long)second[0].Micros;
        foreach (var r in second)
        {
            r.Micros = (ulong)((long)r.Micros + delta);
            if (headSystem is byte h && tailSystem is byte t && h != t && r.SystemId == t && MavlinkDialect.Find(r.MessageId) is not null)
            {
                r.SystemId = h;
                FixChecksum(r);
            }
        }

        return new TlogFile([.. first, .. second]);
    }

    /// <summary>The system id of the first GLOBAL_POSITION_INT: the vehicle, as the decoder picks it.</summary>
    private static byte? VehicleSystem(TlogFile file) => file.Records.FirstOrDefault(r => r.MessageId == GlobalPositionInt)?.SystemId;

    private static TlogRecord Copy(TlogRecord r) => new([.. r.Bytes]);

    private static void FixChecksum(TlogRecord r)
    {
        var info = MavlinkDialect.Find(r.MessageId) ?? throw new InvalidOperationException($"message {r.MessageId} is not in the dialect");
        int end = r.PayloadStart + r.PayloadLength;

        // The checksum covers everything after the start marker up to the end of the payload, then CRC_EXTRA.
        ushort crc = MavlinkCrc.Compute(r.Bytes.AsSpan(9, end - 9), info.CrcExtra);
        BinaryPrimitives.WriteUInt16LittleEndian(r.Bytes.AsSpan(end), crc);
    }
}
