using System.CommandLine;
using FlightForensics.Core.Decoding;

namespace FlightForensics.Cli.Verbs;

/// <summary>The options every decoding verb shares (contract: --keychains, DJI_API_KEY, --strict, --signing-key).</summary>
public sealed class CommonOptions
{
    public Argument<string> File { get; } = new("FILE") { Description = "The evidence file (format detected from content)." };

    public Option<bool> Strict { get; } = new("--strict") { Description = "Treat damage in the evidence as an error (exit 2)." };

    public Option<string?> Keychains { get; } = new("--keychains") { Description = "DJI v13+ decryption keychains (JSON) for offline decryption." };

    public Option<string?> SigningKey { get; } = new("--signing-key") { Description = "MAVLink v2 signing secret (64 hex characters) to verify signatures." };

    public Option<string?> Aircraft { get; } = new("--aircraft") { Description = "One aircraft of a multi-aircraft capture (UAS ID, DJI serial or transmitter address)." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(File);
        command.Options.Add(Aircraft);
        command.Options.Add(Strict);
        command.Options.Add(Keychains);
        command.Options.Add(SigningKey);
    }

    public DecodeOptions ToDecodeOptions(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ReadOnlyMemory<byte>? key = null;
        if (parse.GetValue(SigningKey) is string hex)
        {
            try
            {
                var bytes = Convert.FromHexString(hex.Trim());
                if (bytes.Length != 32)
                {
                    throw new UsageException("--signing-key must be 32 bytes (64 hex characters)");
                }

                key = bytes;
            }
            catch (FormatException)
            {
                throw new UsageException("--signing-key must be hexadecimal (64 characters)");
            }
        }

        var keychains = parse.GetValue(Keychains);
        if (keychains is not null && !System.IO.File.Exists(keychains))
        {
            throw new UsageException($"--keychains: no such file: {keychains}");
        }

        return new DecodeOptions
        {
            Strict = parse.GetValue(Strict),
            DjiKeychainsPath = keychains,
            DjiApiKey = Environment.GetEnvironmentVariable("DJI_API_KEY"),
            MavlinkSigningKey = key,
            AircraftId = parse.GetValue(Aircraft),
        };
    }
}
