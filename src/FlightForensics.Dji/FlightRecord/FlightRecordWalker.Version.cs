using System.Buffers.Binary;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.FlightRecord;

internal sealed partial class FlightRecordWalker
{
    // One representative version per layout family: header size, length width, XOR layer, details position.
    private static readonly byte[] s_families = [5, 6, 11, 12, 14];

    /// <summary>
    /// Checks the version byte against the structure: when the records do not frame under the stated version but
    /// do under another layout family, the byte is damaged and the family that frames is used (with a diagnostic).
    /// </summary>
    private void CheckVersionAgainstStructure(long length)
    {
        // A family with the XOR layer that frames as well as one without is the better fit: its check byte
        // passes by chance only once in 256 records.
        int Rank(byte version, int score) => (score * 2) + (version >= 7 ? 1 : 0);

        int stated = FramingScore(_prefix, length);
        int statedRank = Rank(_prefix.Version, stated);
        byte best = 0;
        int bestScore = 0, bestRank = -1;
        foreach (byte family in s_families)
        {
            if (Family(family) == Family(_prefix.Version))
            {
                continue;
            }

            int score = FramingScore(_prefix with { Version = family, MagicVersion = 0 }, length);
            if (Rank(family, score) > bestRank)
            {
                best = family;
                bestScore = score;
                bestRank = Rank(family, score);
            }
        }

        if (bestScore >= 4 && bestRank > statedRank)
        {
            _sink.AddDiagnostic(10, DiagnosticKind.Corrupt,
                $"version byte says {_prefix.Version}, but the records frame only as version {FamilyName(best)}; decoding as version {best}");
            _prefix = _prefix with { Version = best, MagicVersion = 0 };
            _version = best;
        }
    }

    private static int Family(int version) => version switch
    {
        <= 5 => 5,
        6 => 6,
        <= 11 => 11,
        12 => 12,
        _ => 14,
    };

    private static string FamilyName(byte family) => family switch
    {
        5 => "1–5",
        11 => "7–11",
        14 => "13–14",
        _ => family.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>How many consecutive records (up to 16) frame from where this layout puts the first one.</summary>
    private int FramingScore(FlightRecordPrefix prefix, long length)
    {
        long pos;
        if (prefix.Version >= 13)
        {
            // Records follow the two auxiliary blocks at 100.
            var aux = _window.Get(FlightRecordPrefix.LongLength, 3);
            if (aux.Length < 3 || aux[0] != 0)
            {
                return 0;
            }

            long second = FlightRecordPrefix.LongLength + 3 + BinaryPrimitives.ReadUInt16LittleEndian(aux[1..]);
            var aux2 = _window.Get(second, 3);
            if (aux2.Length < 3 || aux2[0] != 1)
            {
                return 0;
            }

            pos = second + 3 + BinaryPrimitives.ReadUInt16LittleEndian(aux2[1..]);
        }
        else
        {
            pos = prefix.Version == 12 ? FlightRecordPrefix.LongLength + 436 : prefix.Length;
        }

        int header = prefix.WideLength ? 3 : 2;
        int score = 0;
        while (score < 16 && pos + header < length)
        {
            var head = _window.Get(pos, header);
            int recordLength = prefix.WideLength ? BinaryPrimitives.ReadUInt16LittleEndian(head[1..]) : head[1];
            var record = _window.Get(pos, header + recordLength + 1);
            if (record.Length < header + recordLength + 1 || record[^1] != 0xFF || !FlightRecordType.IsKnown(head[0]))
            {
                break;
            }

            if (prefix.Scrambled && !FlightRecordScrambler.CheckMatches(head[0], record.Slice(header, recordLength), prefix.MagicVersion))
            {
                break;
            }

            score++;
            pos += header + recordLength + 1;
        }

        return score;
    }
}
