using FlightForensics.Reporting.Text;

namespace FlightForensics.Reporting.Tests;

public sealed class TerminalTextTests
{
    [Theory]
    [InlineData("Substation Nord", "Substation Nord")]
    [InlineData("Rail\u202Eedirrevo-LTR", "Rail<U+202E>edirrevo-LTR")]
    [InlineData("x\u001B]0;pwned\u0007y", "x\\x1B]0;pwned\\x07y")]
    [InlineData("\u001B]52;c;ZXZpbA==\u0007", "\\x1B]52;c;ZXZpbA==\\x07")]
    [InlineData("a\u0000b\u2028c\u009Bd\u2066e", "a\\x00b<U+2028>c\\x9Bd<U+2066>e")]
    [InlineData("Zürich \u65E5\u672C", "Zürich \u65E5\u672C")]
    public void Control_and_bidi_characters_become_visible_escapes(string input, string expected)
    {
        Assert.Equal(expected, TerminalText.Safe(input));
    }

    [Fact]
    public void Nothing_that_a_terminal_obeys_is_left()
    {
        var all = new string([.. Enumerable.Range(0, 0x3000).Select(i => (char)i)]);
        var safe = TerminalText.Safe(all);
        Assert.DoesNotContain(safe, c => c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\u202E' or '\u2028' or '\u200F');
    }

    [Fact]
    public void The_report_isolates_names_so_a_right_to_left_override_cannot_reverse_the_text_around_them()
    {
        var input = HtmlReportTests.SpiralInput();
        input = input with { Findings = [.. input.Findings.Select(f => f with { FeatureName = "Rail\u202Eedirrevo-LTR" })] };
        var html = Html.HtmlReport.WriteToString(input);
        var cell = System.Text.RegularExpressions.Regex.Match(html, "<td><bdi>(Rail[^<]*)</bdi><br>");
        Assert.True(cell.Success, "the finding's name is isolated in a <bdi>");
        Assert.StartsWith("Rail", cell.Groups[1].Value, StringComparison.Ordinal);
    }
}
