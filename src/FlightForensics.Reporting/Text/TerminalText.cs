using System.Globalization;
using System.Text;

namespace FlightForensics.Reporting.Text;

/// <summary>
/// Text from evidence or layers (a feature name, an aircraft name) made safe to print on a terminal: control
/// characters (C0, DEL, C1: ESC/OSC sequences can retitle the window, write the clipboard with OSC 52 or clear the
/// screen), bidirectional overrides and isolates (which can reverse a name on screen) and the Unicode line and
/// paragraph separators are shown as visible escapes (<c>\x1B</c>, <c>&lt;U+202E&gt;</c>) instead of being obeyed.
/// </summary>
public static class TerminalText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        int first = IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
            else if (IsBidiOrSeparator(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<U+{(int)c:X4}>");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || IsBidiOrSeparator(c))
            {
                return i;
            }
        }

        return -1;
    }

    // Unicode bidirectional formatting characters (UAX #9 §2: ALM, LRM, RLM, LRE..RLO, LRI..PDI) and U+2028/2029.
    private static bool IsBidiOrSeparator(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';
}
