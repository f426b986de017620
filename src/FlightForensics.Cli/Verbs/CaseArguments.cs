using System.CommandLine;

namespace FlightForensics.Cli.Verbs;

/// <summary>The arguments that make a case (check, report, plot): the evidence, its layers, buffer, terrain and media.</summary>
public sealed class CaseArguments(bool infraRequired, bool withMedia = true, bool withBuffer = true, string bufferDefaultText = "per category, from the taxonomy")
{
    public static Option<string[]> InfraOption(bool required) => new("--infra")
    {
        Description = "Infrastructure layer file (GeoJSON, KML/KMZ, OSM XML/PBF, Overpass JSON, Shapefile, OpenAir, WKT/CSV). Repeatable.",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<double?> BufferOption(string defaultText = "per category, from the taxonomy") =>
        new("--buffer-m") { Description = $"Close-approach distance in metres for every feature (default: {defaultText})." };

    public CommonOptions Common { get; } = new();
    public Option<string[]> Infra { get; } = InfraOption(infraRequired);
    public Option<double?> Buffer { get; } = BufferOption(bufferDefaultText);
    private readonly MediaOptions _media = new(withMedia);

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Common.AddTo(command);
        _media.AddTo(command);
        command.Options.Add(Infra);
        if (withBuffer)
        {
            command.Options.Add(Buffer);
        }
    }

    /// <summary>The case as the arguments state it; usage errors (a missing keychains file, a bad offset) are thrown here.</summary>
    public CaseOptions ToCaseOptions(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var options = new CaseOptions
        {
            FlightPath = parse.GetValue(Common.File)!,
            Decode = Common.ToDecodeOptions(parse),
            LayerPaths = parse.GetValue(Infra) ?? [],
            BufferMeters = withBuffer ? parse.GetValue(Buffer) : null,
        };
        return _media.Apply(options, parse);
    }
}
