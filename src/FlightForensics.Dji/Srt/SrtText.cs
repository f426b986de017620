using System.Buffers.Text;

namespace FlightForensics.Dji.Srt;

/// <summary>Allocation-free helpers over ASCII subtitle lines.</summary>
internal static class SrtText
{
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && IsSpace(s[a]))
        {
            a++;
        }

        while (b > a && IsSpace(s[b - 1]))
        {
            b--;
        }

        return s[a..b];
    }

    public static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xA0;

    public static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    public static bool AllDigits(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses a number at the start of <paramref name="s"/> (leading spaces and a '+' allowed).</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> s, out double value, out int consumed)
    {
        int skip = 0;
        while (skip < s.Length && IsSpace(s[skip]))
        {
            skip++;
        }

        var rest = s[skip..];
        int sign = 0;
        if (!rest.IsEmpty && rest[0] == (byte)'+')
        {
            sign = 1;
            rest = rest[1..];
        }

        if (rest.IsEmpty || !(IsDigit(rest[0]) || rest[0] == (byte)'-' || rest[0] == (byte)'.'))
        {
            value = 0;
            consumed = 0;
            return false;
        }

        if (Utf8Parser.TryParse(rest, out value, out int used) && double.IsFinite(value))
        {
            consumed = skip + sign + used;
            return true;
        }

        value = 0;
        consumed = 0;
        return false;
    }

    /// <summary>Parses the whole (trimmed) span as a number.</summary>
    public static bool TryParseWhole(ReadOnlySpan<byte> s, out double value)
    {
        s = Trim(s);
        return TryParseNumber(s, out value, out int used) && used == s.Length;
    }

    /// <summary>Parses <c>1/640.0</c>, <c>-1/3</c> or a plain number.</summary>
    public static bool TryParseFraction(ReadOnlySpan<byte> s, out double value, out bool wasFraction)
    {
        s = Trim(s);
        wasFraction = false;
        int slash = s.IndexOf((byte)'/');
        if (slash > 0 && TryParseWhole(s[..slash], out double num) && TryParseWhole(s[(slash + 1)..], out double den) && den != 0)
        {
            value = num / den;
            wasFraction = true;
            return double.IsFinite(value);
        }

        return TryParseWhole(s, out value);
    }

    /// <summary>Reads digits as an integer (at most 9), returning how many were read.</summary>
    public static int ReadInt(ReadOnlySpan<byte> s, int start, out int value)
    {
        value = 0;
        int i = start;
        while (i < s.Length && i - start < 9 && IsDigit(s[i]))
        {
            value = (value * 10) + (s[i] - '0');
            i++;
        }

        return i - start;
    }

    /// <summary>Parses a timing line <c>hh:mm:ss,fff --&gt; hh:mm:ss,fff</c>; returns the start in seconds.</summary>
    public static bool TryParseTiming(ReadOnlySpan<byte> line, out double startSeconds)
    {
        startSeconds = 0;
        int arrow = line.IndexOf("-->"u8);
        if (arrow < 0)
        {
            return false;
        }

        return TryParseTimecode(Trim(line[..arrow]), out startSeconds);
    }

    private static bool TryParseTimecode(ReadOnlySpan<byte> s, out double seconds)
    {
        seconds = 0;
        int i = 0;
        int n = ReadInt(s, i, out int h);
        if (n == 0 || i + n >= s.Length || s[i + n] != (byte)':')
        {
            return false;
        }

        i += n + 1;
        n = ReadInt(s, i, out int m);
        if (n == 0 || i + n >= s.Length || s[i + n] != (byte)':')
        {
            return false;
        }

        i += n + 1;
        n = ReadInt(s, i, out int sec);
        if (n == 0)
        {
            return false;
        }

        i += n;
        double fraction = 0;
        if (i < s.Length && (s[i] == (byte)',' || s[i] == (byte)'.'))
        {
            int digits = ReadInt(s, i + 1, out int f);
            fraction = digits == 0 ? 0 : f / Math.Pow(10, digits);
        }

        seconds = (h * 3600.0) + (m * 60.0) + sec + fraction;
        return true;
    }

    /// <summary>
    /// Finds a camera-clock date-time anywhere in the line: <c>YYYY-MM-DD hh:mm:ss</c>, <c>YYYY.M.D hh:mm:ss</c>,
    /// optionally followed by <c>,mmm[,µµµ]</c> (milliseconds, microseconds) or <c>.fff</c> (decimal fraction).
    /// The result has no time zone (<see cref="DateTimeKind.Unspecified"/>).
    /// </summary>
    public static bool TryFindDateTime(ReadOnlySpan<byte> line, out DateTime value, out bool invalid)
    {
        value = default;
        invalid = false;
        for (int i = 0; i + 14 <= line.Length; i++)
        {
            if (!IsDigit(line[i]) || (i > 0 && IsDigit(line[i - 1])))
            {
                continue;
            }

            int p = i;
            if (ReadInt(line, p, out int year) != 4)
            {
                continue;
            }

            p += 4;
            if (p >= line.Length || (line[p] != (byte)'-' && line[p] != (byte)'.' && line[p] != (byte)'/'))
            {
                continue;
            }

            byte sep = line[p++];
            int n = ReadInt(line, p, out int month);
            if (n is < 1 or > 2 || p + n >= line.Length || line[p + n] != sep)
            {
                continue;
            }

            p += n + 1;
            n = ReadInt(line, p, out int day);
            if (n is < 1 or > 2)
            {
                continue;
            }

            p += n;
            int q = p;
            while (q < line.Length && line[q] == (byte)' ')
            {
                q++;
            }

            if (q == p)
            {
                continue;
            }

            p = q;
            n = ReadInt(line, p, out int hour);
            if (n is < 1 or > 2 || p + n >= line.Length || line[p + n] != (byte)':')
            {
                continue;
            }

            p += n + 1;
            n = ReadInt(line, p, out int minute);
            if (n != 2 || p + n >= line.Length || line[p + n] != (byte)':')
            {
                continue;
            }

            p += n + 1;
            n = ReadInt(line, p, out int second);
            if (n != 2)
            {
                continue;
            }

            p += n;
            long fractionTicks = 0;
            if (p + 1 < line.Length && line[p] == (byte)'.' && IsDigit(line[p + 1]))
            {
                // Decimal fraction of a second (newer models: ".911").
                int digits = 0;
                long scale = TimeSpan.TicksPerSecond;
                for (int k = p + 1; k < line.Length && IsDigit(line[k]) && digits < 7; k++, digits++)
                {
                    scale /= 10;
                    fractionTicks += (line[k] - '0') * scale;
                }
            }
            else if (p + 1 < line.Length && line[p] == (byte)',' && IsDigit(line[p + 1]))
            {
                // ",mmm,µµµ": milliseconds then microseconds (dji-formats.md §5).
                int ms = 0, us = 0;
                int d1 = ReadInt(line, p + 1, out ms);
                if (d1 > 3)
                {
                    ms = 0;
                }

                int after = p + 1 + d1;
                if (d1 <= 3 && after + 1 < line.Length && line[after] == (byte)',' && ReadInt(line, after + 1, out us) is > 0 and <= 3)
                {
                    // microseconds read
                }
                else
                {
                    us = 0;
                }

                fractionTicks = (ms * TimeSpan.TicksPerMillisecond) + (us * (TimeSpan.TicksPerMillisecond / 1000));
            }

            if (year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                invalid = true;
                return false;
            }

            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
            return true;
        }

        return false;
    }

    /// <summary>Reads up to three comma-separated numbers inside the parentheses that follow <paramref name="at"/>.</summary>
    public static int ReadParenNumbers(ReadOnlySpan<byte> line, int at, Span<double> values, out bool lastHadMetreSuffix)
    {
        lastHadMetreSuffix = false;
        int open = line[at..].IndexOf((byte)'(');
        if (open < 0)
        {
            return 0;
        }

        var inner = line[(at + open + 1)..];
        int close = inner.IndexOf((byte)')');
        if (close < 0)
        {
            return -1; // unterminated: the line was cut
        }

        inner = inner[..close];
        int count = 0;
        while (!inner.IsEmpty && count < values.Length)
        {
            int comma = inner.IndexOf((byte)',');
            var item = Trim(comma < 0 ? inner : inner[..comma]);
            if (!TryParseNumber(item, out values[count], out int used))
            {
                return count;
            }

            // What follows the number is a unit at most ("0.0M", "12.3°").
            var unit = Trim(item[used..]);
            lastHadMetreSuffix = !unit.IsEmpty && (unit[0] == (byte)'M' || unit[0] == (byte)'m');
            count++;
            inner = comma < 0 ? default : inner[(comma + 1)..];
        }

        return count;
    }
}
