namespace FlightForensics.Dji.Srt;

/// <summary>The subtitle layouts DJI has used (dji-formats.md §5), named as reported in <c>formatVersion</c>.</summary>
public enum SrtDialect
{
    Unknown = 0,

    /// <summary>Mavic Pro / Phantom 2017: <c>HOME(lon,lat) date</c>, <c>GPS(lon,lat,sats) BAROMETER:h</c>, <c>ISO:… Shutter:… Fnum:…</c>.</summary>
    ThreeLine,

    /// <summary>Older three-line variant with <c>Hb:/Hs:</c> heights and <c>TV:/IR:</c> camera fields.</summary>
    ThreeLineHbHs,

    /// <summary>Phantom 4 Pro / Mavic Mini: one line <c>F/…, SS …, ISO …, EV …, GPS (lon, lat, n), D …m, H …m, H.S …, V.S …</c>.</summary>
    OneLine,

    /// <summary>Matrice 300: date line, then <c>GPS(lat,lon,altM) BAROMETER:hM</c> (latitude first).</summary>
    Matrice300,

    /// <summary>Mavic 2 and later: <c>&lt;font&gt;FrameCnt…</c>, date line, <c>[key : value]</c> pairs.</summary>
    Bracketed,

    /// <summary>Early Mavic 2 style: no timecodes, date line and <c>[key : value]</c> pairs only.</summary>
    BracketedNoTimecode,
}

public static class SrtDialectNames
{
    public static string ToName(this SrtDialect dialect) => dialect switch
    {
        SrtDialect.ThreeLine => "three-line",
        SrtDialect.ThreeLineHbHs => "three-line-hb-hs",
        SrtDialect.OneLine => "one-line",
        SrtDialect.Matrice300 => "matrice-300",
        SrtDialect.Bracketed => "bracketed",
        SrtDialect.BracketedNoTimecode => "bracketed-no-timecode",
        _ => "unknown",
    };
}
