using System.Globalization;
using System.Text;

namespace FlightForensics.Dji.Srt;

/// <summary>
/// Camera settings stated in one subtitle cue; <c>null</c> where the cue does not say.
/// Scaled legacy encodings are normalised (see docs/formats/dji-media.md, "SRT camera fields").
/// </summary>
public readonly record struct SrtCameraSettings
{
    public double? Iso { get; init; }

    /// <summary>Exposure time in seconds (<c>1/640.0</c> → 0.0015625; a bare <c>60</c> in old layouts means 1/60 s).</summary>
    public double? ExposureSeconds { get; init; }
    public double? FNumber { get; init; }
    public double? ExposureBias { get; init; }
    public double? ColorTemperatureKelvin { get; init; }

    /// <summary>Focal length in millimetres as the file states it (35 mm equivalent on most models).</summary>
    public double? FocalLengthMm { get; init; }
    public double? DigitalZoomRatio { get; init; }

    public bool IsEmpty => this == default;

    /// <summary>A stable, invariant text of the known fields (used as the text of camera-settings events).</summary>
    public string Describe()
    {
        var text = new StringBuilder("camera settings:");
        Append(text, "iso", Iso);
        if (ExposureSeconds is double s)
        {
            text.Append(CultureInfo.InvariantCulture, $" shutter={(s > 0 && s < 1 ? "1/" + (1 / s).ToString("0.###", CultureInfo.InvariantCulture) : s.ToString("0.###", CultureInfo.InvariantCulture))}s");
        }

        Append(text, "fnum", FNumber);
        Append(text, "ev", ExposureBias);
        Append(text, "ct_k", ColorTemperatureKelvin);
        Append(text, "focal_len_mm", FocalLengthMm);
        Append(text, "dzoom", DigitalZoomRatio);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, double? value)
    {
        if (value is double v)
        {
            text.Append(CultureInfo.InvariantCulture, $" {name}={v:0.###}");
        }
    }
}
