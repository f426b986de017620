using System.Text;
using FlightForensics.Core.Decoding;

namespace FlightForensics.Cli.Tests;

/// <summary>
/// Issue #24 §2: names from layers reached stderr raw, escape sequences and bidi overrides included (window title,
/// OSC 52 clipboard writes, screen clears, reversed names). Human output shows them as visible escapes.
/// </summary>
public sealed class TerminalSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-term-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Synthetic_hostile_feature_names_reach_stderr_as_visible_escapes_in_check_and_report()
    {
        var flight = Path.Combine(_dir, "f.bin");
        File.WriteAllBytes(flight, [.. SyntheticDecoder.Magic, .. "47.5,8.25,12.5\n47.5005,8.2505,20\n47.501,8.251,25\n"u8.ToArray()]);
        var layer = Path.Combine(_dir, "site.geojson");
        // ESC ] 0 ; title BEL, ESC ] 52 (clipboard), ESC [ 2 J (clear), a right-to-left override, U+2028.
        const string hostile = "Site\\u001b]0;pwned\\u0007\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\\u202Eedirrevo\\u2028x";
        File.WriteAllText(layer, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"s1\",\"properties\":{\"name\":\"" + hostile + "\",\"power\":\"substation\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[8.24,47.49],[8.26,47.49],[8.26,47.51],[8.24,47.51],[8.24,47.49]]]}}]}", Encoding.UTF8);

        foreach (var args in new[] { new[] { "check", flight, "--infra", layer }, ["report", flight, "--infra", layer, "--static", "-o", Path.Combine(_dir, "r.html")] })
        {
            var registry = new FormatRegistry().Add(new SyntheticDecoder());
            var stderr = new StringWriter();
            int code = CliApp.Run(args, new StringWriter(), stderr, registry: registry);
            var err = stderr.ToString();
            Assert.True(code == 0, err);
            Assert.DoesNotContain(err, c => c is '\u001b' or '\u0007' or '\u202E' or '\u2028');
            // Tables may wrap a long name across lines: compare without the table's layout characters.
            var flat = new string([.. err.Where(c => c is not ('\n' or '\r' or ' ' or '│' or '|'))]);
            Assert.Contains("\\x1B]0;pwned", flat, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(93_784.9, "26:03:04.9")]
    [InlineData(184.887, "00:03:04.8")]
    [InlineData(0, "00:00:00.0")]
    public void Durations_keep_their_days_as_hours(double seconds, string expected)
    {
        Assert.Equal(expected, HumanOutput.Duration(seconds));
    }
}
