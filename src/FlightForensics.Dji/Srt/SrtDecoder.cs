using System.Globalization;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.Dji.Srt;

/// <summary>
/// DJI video subtitle telemetry (<c>dji-srt</c>): one sample per subtitle cue, camera settings as events
/// when they change. Every layout in dji-formats.md §5 is recognised from the text itself.
/// </summary>
/// <remarks>
/// SRT date-times carry no time zone. <c>TimeUtc</c> is filled only when <see cref="SrtOptions.CameraClockUtcOffset"/>
/// is given; otherwise the camera clock is reported (as local time) in a note and in the video start/stop events,
/// and <c>ElapsedSeconds</c> is the video position (the cue's start timecode, or the clock difference to the first
/// cue where a file has no timecodes).
/// </remarks>
public sealed class SrtDecoder(SrtOptions? srtOptions = null) : IFlightLogDecoder
{
    public const string Id = "dji-srt";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public SrtOptions Options { get; } = srtOptions ?? SrtOptions.Default;
    public string FormatId => Id;
    public string DecoderName => "FlightForensics.Dji.Srt";
    public string DecoderVersion => "1.0";

    public FormatMatch Probe(ReadOnlySpan<byte> head, long totalLength)
    {
        var start = head;
        if (start.StartsWith(Utf8Bom))
        {
            start = start[3..];
        }

        start = SrtText.Trim(start[..Math.Min(start.Length, 256)]);
        if (start.IsEmpty || !SrtText.IsDigit(start[0]))
        {
            return FormatMatch.None;
        }

        // Decode the first cues of the head: the dialect seen decides (content only, never the name).
        using var stream = new MemoryStream(head.ToArray(), writable: false);
        var probeSink = new FlightLogSink(new DecodeOptions { MaxStoredDiagnostics = 0 });
        var dialect = Run(stream, probeSink, Options, maxCues: 4, CancellationToken.None);
        if (dialect != SrtDialect.Unknown)
        {
            return new FormatMatch(90, dialect.ToName());
        }

        // A subtitle file without DJI telemetry: ours only if nothing else claims it.
        return head[..Math.Min(head.Length, 512)].IndexOf("-->"u8) >= 0 ? new FormatMatch(10, SrtDialect.Unknown.ToName()) : FormatMatch.None;
    }

    public void Decode(Stream input, FlightLogSink sink, DecodeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        var srtOptions = options.CameraClockUtcOffset is TimeSpan offset && Options.CameraClockUtcOffset is null
            ? Options with { CameraClockUtcOffset = offset }
            : Options;
        var dialect = Run(input, sink, srtOptions, maxCues: long.MaxValue, cancellationToken);
        sink.SetFormatVersion(dialect.ToName());
    }

    private static SrtDialect Run(Stream input, FlightLogSink sink, SrtOptions srtOptions, long maxCues, CancellationToken cancellationToken)
    {
        var reader = new SrtLineReader(input, srtOptions.MaxLineBytes);
        var state = new SrtDecodeState(sink, srtOptions);
        bool first = true;
        while (state.CuesEmitted < maxCues && reader.TryReadLine(out var rawLine, out long offset))
        {
            if ((state.LinesSeen++ & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var line = rawLine;
            if (first)
            {
                first = false;
                if (line.StartsWith(Utf8Bom))
                {
                    line = line[3..];
                    offset += 3;
                }
            }

            if (reader.LineTooLong)
            {
                sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, $"line longer than {srtOptions.MaxLineBytes} bytes; the rest of it was skipped", srtOptions.MaxLineBytes);
            }

            state.Line(line, offset, reader.LastLineUnterminated);
        }

        state.Finish(reader.BytesRead, complete: state.CuesEmitted < maxCues);
        return state.FileDialect;
    }
}

/// <summary>Mutable state of one decoding run: the cue being assembled and what was seen before it.</summary>
internal sealed class SrtDecodeState(FlightLogSink sink, SrtOptions options)
{
    private const string CounterGroup = "dji-srt";

    [Flags]
    private enum Field
    {
        None = 0,
        Timing = 1,
        Clock = 2,
        Position = 4,
        Height = 8,
        Altitude = 16,
        Camera = 32,
        Home = 64,
        Gimbal = 128,
        Attitude = 256,
        Speed = 512,
    }

    private readonly FlightLogSink _sink = sink;
    private readonly SrtOptions _options = options;

    // The cue being assembled.
    private bool _open;
    private long _cueOffset;
    private long _cueEnd;
    private Field _fields;
    private double? _timecodeSeconds;
    private DateTime? _clock;
    private double? _lat, _lon, _altMsl, _height, _groundSpeed, _verticalSpeed;
    private double? _roll, _pitch, _yaw, _gimbalRoll, _gimbalPitch, _gimbalYaw;
    private int? _satellites;
    private double? _homeLat, _homeLon, _homeAlt;
    private double? _iso, _exposure, _fnum, _ev, _ct, _focal, _zoom;
    private SrtDialect _cueDialect;
    private bool _garbage;

    // What came before.
    private Field _previousFields;
    private SrtCameraSettings _lastCamera;
    private DateTime? _firstClock;
    private bool _homeSet;
    private bool _dialectMismatchReported;
    private bool _inGarbageRun;
    private (DateTimeOffset? Utc, double? Elapsed, DateTime? Clock, long Offset, double? Lat, double? Lon, double? Alt, double? Height)? _last;

    public long CuesEmitted { get; private set; }
    public long LinesSeen { get; set; }
    public SrtDialect FileDialect { get; private set; }

    public void Line(ReadOnlySpan<byte> raw, long offset, bool unterminated)
    {
        var line = SrtText.Trim(raw);
        if (line.IsEmpty)
        {
            Flush();
            return;
        }

        if (line.IndexOf((byte)0) >= 0)
        {
            // Binary bytes in a text format: report a run once, not per line.
            if (!_inGarbageRun)
            {
                _sink.AddDiagnostic(offset, DiagnosticKind.Corrupt, "binary bytes (NUL) inside the subtitle text; line ignored", raw.Length);
                _inGarbageRun = true;
            }

            _sink.AddCounter(CounterGroup, "binaryLines");
            _garbage = true;
            return;
        }

        _inGarbageRun = false;
        if (SrtText.AllDigits(line))
        {
            // A cue index. A cue that already has content and no blank line before this one ends here.
            if (_open && _fields != Field.None)
            {
                Flush();
            }

            Open(offset);
            _cueEnd = offset + raw.Length;
            return;
        }

        if (SrtText.TryParseTiming(line, out double startSeconds))
        {
            if (_open && (_fields & Field.Timing) != 0)
            {
                Flush();
            }

            Open(offset);
            _timecodeSeconds = startSeconds;
            _fields |= Field.Timing;
            _cueEnd = offset + raw.Length;
            return;
        }

        Open(offset);
        _cueEnd = offset + raw.Length;
        ParsePayload(line, offset, unterminated);
    }

    private void Open(long offset)
    {
        if (!_open)
        {
            _open = true;
            _cueOffset = offset;
        }
    }

    private void ParsePayload(ReadOnlySpan<byte> line, long offset, bool unterminated)
    {
        bool any = false;

        // Camera clocks stand at the start of a line, or after HOME(...) in the three-line layouts: other lines
        // (the long bracketed ones) are not searched.
        bool mayHoldClock = SrtText.IsDigit(line[0]) || line.StartsWith("HOME"u8);
        bool invalidClock = false;
        if (mayHoldClock && SrtText.TryFindDateTime(line, out var clock, out invalidClock))
        {
            _clock = clock;
            _fields |= Field.Clock;
            any = true;
        }
        else if (invalidClock)
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.InvalidValue, "date-time with impossible fields; left empty", line.Length);
        }

        Span<double> v = stackalloc double[3];
        int home = IndexOfWord(line, "HOME"u8);
        if (home >= 0)
        {
            int n = SrtText.ReadParenNumbers(line, home, v, out _);
            if (n >= 2)
            {
                // HOME(lon,lat[,alt]): longitude first in every layout that has it (dji-formats.md §5).
                _homeLon = v[0];
                _homeLat = v[1];
                _homeAlt = n >= 3 ? v[2] : null;
                _fields |= Field.Home;
                _cueDialect = Prefer(_cueDialect, SrtDialect.ThreeLine);
                any = true;
            }
        }

        int gps = IndexOfWord(line, "GPS"u8);
        if (gps >= 0)
        {
            int n = SrtText.ReadParenNumbers(line, gps, v, out bool metres);
            if (n == -1)
            {
                _sink.AddDiagnostic(offset, unterminated ? DiagnosticKind.Truncated : DiagnosticKind.Corrupt, "GPS(...) without closing parenthesis; position left empty", line.Length);
            }
            else if (n >= 2)
            {
                if (n == 3 && metres)
                {
                    // Matrice 300: GPS(lat,lon,altM), latitude first. Its altitude is 0.0 when not reported.
                    SetPosition(v[0], v[1], offset);
                    _altMsl = v[2] == 0 ? null : v[2];
                    if (v[2] == 0)
                    {
                        _sink.AddCounter(CounterGroup, "gpsAltitudeZeroNotUsed");
                    }
                    else
                    {
                        _fields |= Field.Altitude;
                    }

                    _cueDialect = Prefer(_cueDialect, SrtDialect.Matrice300);
                }
                else
                {
                    // GPS(lon,lat,satellites): longitude first (Mavic Pro, Phantom 4 Pro, Mavic Mini).
                    SetPosition(v[1], v[0], offset);
                    if (n == 3 && v[2] is >= 0 and <= 255 && v[2] == Math.Floor(v[2]))
                    {
                        _satellites = (int)v[2];
                    }
                }

                any = true;
            }
        }

        if (line.IndexOf("BAROMETER:"u8) is int baro and >= 0 && SrtText.TryParseNumber(line[(baro + 10)..], out double h, out _))
        {
            SetHeight(h);
            any = true;
        }

        if (line.IndexOf("Hb:"u8) is int hb and >= 0 && SrtText.TryParseNumber(line[(hb + 3)..], out double hbValue, out _))
        {
            // Hb = barometric height above take-off; Hs (ultrasonic) is not a takeoff-relative height and is not used.
            SetHeight(hbValue);
            _cueDialect = SrtDialect.ThreeLineHbHs;
            any = true;
        }

        if (line.IndexOf((byte)'[') >= 0)
        {
            any |= ParseBrackets(line);
        }
        else if (line.StartsWith("F/"u8) || line.IndexOf(", SS "u8) >= 0)
        {
            any |= ParseOneLine(line);
        }
        else if (line.IndexOf("ISO:"u8) >= 0)
        {
            any |= ParseThreeLineCamera(line);
        }

        if (!any && line.IndexOf("FrameCnt"u8) < 0 && line.IndexOf("SrtCnt"u8) < 0 && line.IndexOf("<font"u8) < 0)
        {
            _sink.AddCounter(CounterGroup, "linesWithoutTelemetry");
        }
    }

    /// <summary>Finds <paramref name="word"/> as a word followed (after optional spaces) by '('.</summary>
    private static int IndexOfWord(ReadOnlySpan<byte> line, ReadOnlySpan<byte> word)
    {
        int from = 0;
        while (from < line.Length)
        {
            int at = line[from..].IndexOf(word);
            if (at < 0)
            {
                return -1;
            }

            at += from;
            int p = at + word.Length;
            while (p < line.Length && line[p] == (byte)' ')
            {
                p++;
            }

            bool wordStart = at == 0 || !char.IsAsciiLetterOrDigit((char)line[at - 1]);
            if (wordStart && p < line.Length && line[p] == (byte)'(')
            {
                return at;
            }

            from = at + word.Length;
        }

        return -1;
    }

    private void SetPosition(double lat, double lon, long offset)
    {
        if (lat == 0 && lon == 0)
        {
            _sink.AddCounter(CounterGroup, "cuesWithZeroPosition");
            return;
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            _sink.AddDiagnostic(offset, DiagnosticKind.InvalidValue, string.Create(CultureInfo.InvariantCulture, $"position out of range (lat {lat}, lon {lon}); left empty"));
            return;
        }

        _lat = lat;
        _lon = lon;
        _fields |= Field.Position;
    }

    private void SetHeight(double metres)
    {
        _height = metres;
        _fields |= Field.Height;
    }

    private bool ParseBrackets(ReadOnlySpan<byte> line)
    {
        bool any = false;
        double? lat = null, lon = null;
        int pos = 0;
        while (pos < line.Length)
        {
            int open = line[pos..].IndexOf((byte)'[');
            if (open < 0)
            {
                break;
            }

            open += pos;
            int close = line[(open + 1)..].IndexOf((byte)']');
            var content = close < 0 ? line[(open + 1)..] : line.Slice(open + 1, close);
            pos = close < 0 ? line.Length : open + 1 + close + 1;

            // Inside a bracket: "key : value" pairs, possibly several ("rel_alt: 1.2 abs_alt: 3.4").
            int p = 0;
            while (p < content.Length)
            {
                int colon = content[p..].IndexOf((byte)':');
                if (colon < 0)
                {
                    break;
                }

                var key = SrtText.Trim(content.Slice(p, colon));
                int vs = p + colon + 1;
                while (vs < content.Length && content[vs] == (byte)' ')
                {
                    vs++;
                }

                int ve = vs;
                while (ve < content.Length && content[ve] != (byte)' ' && content[ve] != (byte)',')
                {
                    ve++;
                }

                any |= BracketValue(key, content[vs..ve], ref lat, ref lon);
                p = ve;
            }
        }

        if (lat is double la && lon is double lo)
        {
            SetPosition(la, lo, _cueOffset);
        }

        _cueDialect = Prefer(_cueDialect, SrtDialect.Bracketed);
        return any;
    }

    private bool BracketValue(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ref double? lat, ref double? lon)
    {
        if (key.SequenceEqual("shutter"u8))
        {
            if (SrtText.TryParseFraction(value, out double s, out bool fraction) && s > 0)
            {
                _exposure = fraction ? s : 1 / s;
                _fields |= Field.Camera;
                return true;
            }

            return false;
        }

        if (!SrtText.TryParseWhole(value, out double x))
        {
            return false;
        }

        switch (key)
        {
            case var k when k.SequenceEqual("latitude"u8): lat = x; return true;
            case var k when k.SequenceEqual("longitude"u8) || k.SequenceEqual("longtitude"u8): lon = x; return true;
            case var k when k.SequenceEqual("rel_alt"u8): SetHeight(x); return true;
            case var k when k.SequenceEqual("abs_alt"u8) || k.SequenceEqual("altitude"u8):
                _altMsl = x;
                _fields |= Field.Altitude;
                return true;
            case var k when k.SequenceEqual("iso"u8): _iso = x; break;
            // fnum: hundredths in older firmware ("280" = f/2.8), plain in newer ("1.8"); no lens is slower than f/32.
            case var k when k.SequenceEqual("fnum"u8): _fnum = x > 32 ? x / 100 : x; break;
            case var k when k.SequenceEqual("ev"u8): _ev = x; break;
            case var k when k.SequenceEqual("ct"u8): _ct = x; break;
            // focal_len: tenths of a millimetre when written without a decimal point ("240" = 24 mm), plain otherwise.
            case var k when k.SequenceEqual("focal_len"u8): _focal = value.IndexOf((byte)'.') < 0 ? x / 10 : x; break;
            // dzoom_ratio: 10000 = 1.0x in Mavic 3 firmware, plain ratio elsewhere.
            case var k when k.SequenceEqual("dzoom_ratio"u8) || k.SequenceEqual("dzoom"u8): _zoom = x >= 100 ? x / 10000 : x; break;
            case var k when k.SequenceEqual("gb_yaw"u8): _gimbalYaw = x; _fields |= Field.Gimbal; return true;
            case var k when k.SequenceEqual("gb_pitch"u8): _gimbalPitch = x; _fields |= Field.Gimbal; return true;
            case var k when k.SequenceEqual("gb_roll"u8): _gimbalRoll = x; _fields |= Field.Gimbal; return true;
            default: return false;
        }

        _fields |= Field.Camera;
        return true;
    }

    private bool ParseOneLine(ReadOnlySpan<byte> line)
    {
        // Comma-separated items at parenthesis depth 0: "F/3.2, SS 160, ISO 100, EV 0, GPS (...), D 49.21m, H 45.60m, ...".
        bool any = false;
        Span<double> v = stackalloc double[3];
        int depth = 0, itemStart = 0;
        for (int i = 0; i <= line.Length; i++)
        {
            byte c = i < line.Length ? line[i] : (byte)',';
            if (c == (byte)'(')
            {
                depth++;
            }
            else if (c == (byte)')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (c == (byte)',' && depth == 0)
            {
                var item = SrtText.Trim(line[itemStart..i]);
                itemStart = i + 1;
                any |= OneLineItem(item, v);
            }
        }

        _cueDialect = Prefer(_cueDialect, SrtDialect.OneLine);
        return any;
    }

    private bool OneLineItem(ReadOnlySpan<byte> item, Span<double> v)
    {
        double x;
        if (item.StartsWith("F/"u8) && SrtText.TryParseNumber(item[2..], out x, out _))
        {
            _fnum = x;
        }
        else if (item.StartsWith("SS "u8) && SrtText.TryParseFraction(item[3..], out x, out bool fraction) && x > 0)
        {
            _exposure = fraction ? x : 1 / x; // "SS 160" = 1/160 s
        }
        else if (item.StartsWith("ISO "u8) && SrtText.TryParseNumber(item[4..], out x, out _))
        {
            _iso = x;
        }
        else if (item.StartsWith("EV "u8) && SrtText.TryParseFraction(item[3..], out x, out _))
        {
            _ev = x;
        }
        else if (item.StartsWith("H.S "u8))
        {
            if (SrtText.TryParseNumber(item[4..], out x, out _))
            {
                _groundSpeed = x;
                _fields |= Field.Speed;
            }

            return true; // "n/a" is a stated absence
        }
        else if (item.StartsWith("V.S "u8))
        {
            if (SrtText.TryParseNumber(item[4..], out x, out _))
            {
                // Shown to the pilot with climb positive (DJI app convention); kept as is.
                _verticalSpeed = x;
                _fields |= Field.Speed;
            }

            return true;
        }
        else if (item.StartsWith("H "u8) && SrtText.TryParseNumber(item[2..], out x, out _))
        {
            SetHeight(x);
            return true;
        }
        else if (item.StartsWith("F.PRY"u8) && SrtText.ReadParenNumbers(item, 0, v, out _) == 3)
        {
            (_pitch, _roll, _yaw) = (v[0], v[1], v[2]);
            _fields |= Field.Attitude;
            return true;
        }
        else if (item.StartsWith("G.PRY"u8) && SrtText.ReadParenNumbers(item, 0, v, out _) == 3)
        {
            (_gimbalPitch, _gimbalRoll, _gimbalYaw) = (v[0], v[1], v[2]);
            _fields |= Field.Gimbal;
            return true;
        }
        else
        {
            // GPS/HOME were handled for the whole line; "D 49.21m" (distance from home) has no field in the model.
            return false;
        }

        _fields |= Field.Camera;
        return true;
    }

    private bool ParseThreeLineCamera(ReadOnlySpan<byte> line)
    {
        // "ISO:100 Shutter:60 EV: Fnum:2.2" or the older "ISO:100 TV:60 EV: 0 IR:F2.8".
        bool any = false;
        if (ValueAfter(line, "ISO:"u8) is var iso && SrtText.TryParseWhole(iso, out double x))
        {
            _iso = x;
            any = true;
        }

        var shutter = ValueAfter(line, "Shutter:"u8);
        if (shutter.IsEmpty)
        {
            shutter = ValueAfter(line, "TV:"u8);
        }

        if (SrtText.TryParseFraction(shutter, out x, out bool fraction) && x > 0)
        {
            _exposure = fraction ? x : 1 / x; // "Shutter:60" = 1/60 s
            any = true;
        }

        if (SrtText.TryParseFraction(ValueAfter(line, "EV:"u8), out x, out _))
        {
            _ev = x;
            any = true;
        }

        var f = ValueAfter(line, "Fnum:"u8);
        if (f.IsEmpty)
        {
            f = ValueAfter(line, "IR:"u8);
        }

        if (!f.IsEmpty && (f[0] == (byte)'F' || f[0] == (byte)'f'))
        {
            f = f[1..];
        }

        if (SrtText.TryParseWhole(f, out x))
        {
            _fnum = x;
            any = true;
        }

        if (any)
        {
            _fields |= Field.Camera;
            _cueDialect = Prefer(_cueDialect, SrtDialect.ThreeLine);
        }

        return any;
    }

    /// <summary>The token after "Key:" (spaces skipped), or empty when the next token is another key.</summary>
    private static ReadOnlySpan<byte> ValueAfter(ReadOnlySpan<byte> line, ReadOnlySpan<byte> key)
    {
        int at = line.IndexOf(key);
        if (at < 0)
        {
            return default;
        }

        var rest = line[(at + key.Length)..];
        int s = 0;
        while (s < rest.Length && rest[s] == (byte)' ')
        {
            s++;
        }

        int e = s;
        while (e < rest.Length && rest[e] != (byte)' ')
        {
            e++;
        }

        var token = rest[s..e];
        return token.IndexOf((byte)':') >= 0 ? default : token;
    }

    /// <summary>A more specific dialect wins over a less specific one seen earlier in the same cue.</summary>
    private static SrtDialect Prefer(SrtDialect current, SrtDialect seen) =>
        current is SrtDialect.Unknown || (current == SrtDialect.ThreeLine && seen is SrtDialect.Matrice300 or SrtDialect.ThreeLineHbHs)
            ? seen
            : current;

    /// <summary>Ends the current cue: emits its sample (and events), then resets.</summary>
    public void Flush()
    {
        if (!_open)
        {
            return;
        }

        var fields = _fields;
        if ((fields & ~Field.Timing) == Field.None)
        {
            if (_garbage || fields != Field.None)
            {
                _sink.AddCounter(CounterGroup, "cuesWithoutTelemetry");
            }

            Reset();
            return;
        }

        var dialect = _cueDialect;
        if (dialect == SrtDialect.Bracketed && (fields & Field.Timing) == 0)
        {
            dialect = SrtDialect.BracketedNoTimecode;
        }

        if (FileDialect == SrtDialect.Unknown)
        {
            FileDialect = dialect;
            if (dialect == SrtDialect.Matrice300)
            {
                // The only layout with latitude first; readers that assume the older longitude-first order swap it.
                _sink.AddDiagnostic(_cueOffset, DiagnosticKind.Note, "Matrice 300 layout: GPS(latitude, longitude, altitude M) read latitude first (dji-formats.md §5)");
            }
        }
        else if (dialect != SrtDialect.Unknown && dialect != FileDialect && !_dialectMismatchReported && (fields & Field.Position) != 0)
        {
            _dialectMismatchReported = true;
            _sink.AddDiagnostic(_cueOffset, DiagnosticKind.Note, $"cue layout {dialect.ToName()} differs from the file's first layout {FileDialect.ToName()}");
        }

        if (_clock is DateTime clock && _firstClock is null)
        {
            _firstClock = clock;
            _sink.AddDiagnostic(_cueOffset, DiagnosticKind.Note, _options.CameraClockUtcOffset is TimeSpan given
                ? string.Create(CultureInfo.InvariantCulture, $"SRT camera clock has no time zone; converted to UTC with the stated offset {given}")
                : string.Create(CultureInfo.InvariantCulture, $"SRT camera clock has no time zone (first cue {clock:yyyy-MM-dd'T'HH:mm:ss.fff}, local to the camera); time_utc left empty, elapsed_s is the video position"));
        }

        DateTimeOffset? utc = null;
        if (_clock is DateTime local && _options.CameraClockUtcOffset is TimeSpan offset)
        {
            try
            {
                utc = new DateTimeOffset(local, offset).ToUniversalTime();
            }
            catch (ArgumentException)
            {
                _sink.AddDiagnostic(_cueOffset, DiagnosticKind.InvalidValue, "camera clock plus offset is out of range; time_utc left empty");
            }
        }

        double? elapsed = _timecodeSeconds
            ?? (_clock is DateTime c2 && _firstClock is DateTime f0 ? (c2 - f0).TotalSeconds : null);

        if (_homeLat is double hl && _homeLon is double hn && !_homeSet && !(hl == 0 && hn == 0) && hl is >= -90 and <= 90 && hn is >= -180 and <= 180)
        {
            _homeSet = true;
            _sink.SetHome(new HomePoint(hl, hn) { AltitudeMslMeters = _homeAlt, TimeUtc = utc, SourceOffset = _cueOffset });
        }

        var sample = new TelemetrySample
        {
            TimeUtc = utc,
            ElapsedSeconds = elapsed,
            LatitudeDegrees = _lat,
            LongitudeDegrees = _lon,
            AltitudeMslMeters = _altMsl,
            HeightAboveTakeoffMeters = _height,
            GroundSpeedMetersPerSecond = _groundSpeed,
            VerticalSpeedMetersPerSecond = _verticalSpeed,
            RollDegrees = _roll,
            PitchDegrees = _pitch,
            YawDegrees = _yaw,
            GimbalRollDegrees = _gimbalRoll,
            GimbalPitchDegrees = _gimbalPitch,
            GimbalYawDegrees = _gimbalYaw,
            Satellites = _satellites,
            IsRecordingVideo = true,
            SourceOffset = _cueOffset,
        };

        if (CuesEmitted == 0)
        {
            _sink.AddEvent(CueEvent(FlightEventKind.VideoStart, "video subtitle track starts", utc, elapsed));
        }

        var camera = new SrtCameraSettings
        {
            Iso = _iso,
            ExposureSeconds = _exposure,
            FNumber = _fnum,
            ExposureBias = _ev,
            ColorTemperatureKelvin = _ct,
            FocalLengthMm = _focal,
            DigitalZoomRatio = _zoom,
        };

        // Colour temperature drifts every frame; a change of it alone is not an event.
        if (!camera.IsEmpty && (camera with { ColorTemperatureKelvin = null }) != (_lastCamera with { ColorTemperatureKelvin = null }))
        {
            _sink.AddEvent(new FlightEvent
            {
                Kind = FlightEventKind.Other,
                Text = camera.Describe(),
                TimeUtc = utc,
                ElapsedSeconds = elapsed,
                SourceOffset = _cueOffset,
            });
        }

        _lastCamera = camera;
        _sink.CountRecord("cue");
        _sink.AddSample(sample);
        // The stop event is built once at the end; per cue only its inputs are kept (no allocation per cue).
        _last = (utc, elapsed, _clock, _cueOffset, _lat, _lon, _altMsl, _height);
        CuesEmitted++;
        _previousFields = fields;
        Reset();
    }

    private FlightEvent CueEvent(FlightEventKind kind, string text, DateTimeOffset? utc, double? elapsed) =>
        CueEvent(kind, text, (utc, elapsed, _clock, _cueOffset, _lat, _lon, _altMsl, _height));

    private static FlightEvent CueEvent(FlightEventKind kind, string text,
        (DateTimeOffset? Utc, double? Elapsed, DateTime? Clock, long Offset, double? Lat, double? Lon, double? Alt, double? Height) cue) => new()
    {
        Kind = kind,
        Text = cue.Clock is DateTime clock ? string.Create(CultureInfo.InvariantCulture, $"{text}; camera clock {clock:yyyy-MM-dd'T'HH:mm:ss.fff} (no time zone stated)") : text,
        TimeUtc = cue.Utc,
        ElapsedSeconds = cue.Elapsed,
        SourceOffset = cue.Offset,
        LatitudeDegrees = cue.Lat,
        LongitudeDegrees = cue.Lon,
        AltitudeMslMeters = cue.Alt,
        HeightAboveTakeoffMeters = cue.Height,
    };

    public void Finish(long bytesRead, bool complete)
    {
        if (!complete)
        {
            return; // a probe stopped early on purpose
        }

        var lastFields = _fields;
        long lastOffset = _cueOffset, lastEnd = _cueEnd;
        bool wasOpen = _open && lastFields != Field.None;
        var previous = _previousFields;
        Flush();
        if (wasOpen && previous != Field.None && (lastFields & previous) == lastFields && lastFields != previous)
        {
            // The last cue lacks fields every earlier cue had: the file was cut inside it.
            _sink.AddDiagnostic(lastOffset, DiagnosticKind.Truncated,
                $"the last cue ends early (it lacks fields the cue before had: {previous & ~lastFields}); its partial sample is kept",
                Math.Max(0, lastEnd - lastOffset));
        }

        if (_last is { } last)
        {
            _sink.AddEvent(CueEvent(FlightEventKind.VideoStop, "video subtitle track ends", last));
        }

        if (CuesEmitted > 0 && _firstClock is null)
        {
            _sink.AddDiagnostic(0, DiagnosticKind.Note, "no cue states a date-time (no camera clock in this layout); samples carry the video position (elapsed_s) only");
        }

        if (CuesEmitted == 0)
        {
            _sink.AddDiagnostic(0, bytesRead == 0 ? DiagnosticKind.Truncated : DiagnosticKind.Corrupt,
                bytesRead == 0 ? "empty file: no subtitle cues" : "no DJI telemetry found in any subtitle cue", bytesRead);
        }

        _sink.AddCounter(CounterGroup, "cues", CuesEmitted);
    }

    private void Reset()
    {
        _open = false;
        _fields = Field.None;
        _timecodeSeconds = null;
        _clock = null;
        _lat = _lon = _altMsl = _height = _groundSpeed = _verticalSpeed = null;
        _roll = _pitch = _yaw = _gimbalRoll = _gimbalPitch = _gimbalYaw = null;
        _satellites = null;
        _homeLat = _homeLon = _homeAlt = null;
        _iso = _exposure = _fnum = _ev = _ct = _focal = _zoom = null;
        _cueDialect = SrtDialect.Unknown;
        _garbage = false;
    }
}
