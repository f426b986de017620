using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Dji.FlightRecord;
using FlightForensics.Dji.FlightRecord.Keychains;

namespace FlightForensics.Application;

/// <summary>
/// The opt-in fetch of DJI keychains for a v13+ flight record (issue #3): only with DJI_API_KEY set AND
/// <c>--fetch-keychains</c> given, because it sends data to DJI. What is sent: the keychain API version, the
/// department code and the KEY_STORAGE ciphertexts of the file (plus the API key as a header); no position,
/// time, name or serial number. The answer is saved beside the output (never beside the evidence) so the
/// next run decrypts offline with <c>--keychains</c>.
/// </summary>
public static class KeychainFetch
{
    public const string ApiKeyVariable = "DJI_API_KEY";
    public const string EndpointVariable = "DJI_KEYCHAIN_URL";

    /// <summary>
    /// Returns the options to decode with: unchanged, or with <see cref="DecodeOptions.DjiKeychainsPath"/> set to
    /// the freshly saved keychains. Failures are one line on stderr; the decode then runs without keys (exit code
    /// as for any file whose track stays encrypted). <c>messages</c> hears what the flow sends and saves (the CLI's
    /// stderr); <c>environment</c> looks up DJI_API_KEY and DJI_KEYCHAIN_URL.
    /// </summary>
    public static DecodeOptions Apply(TextWriter messages, Func<string, string?> environment, string evidencePath, EvidenceFile evidence, FormatMatch match, string? formatId,
        DecodeOptions options, bool fetchRequested, string? outputPath, string? endpointOverride)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(evidence);
        bool encryptedDji = formatId == DjiFlightRecordDecoder.Id
            && int.TryParse(match.FormatVersion, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int version)
            && version >= FlightRecordPrefix.FirstEncryptedVersion;
        string? apiKey = environment(ApiKeyVariable);
        bool haveKey = !string.IsNullOrWhiteSpace(apiKey);

        if (fetchRequested && !haveKey)
        {
            throw new UsageException($"--fetch-keychains needs the environment variable {ApiKeyVariable} (a DJI developer API key)");
        }

        if (!encryptedDji || options.DjiKeychainsPath is not null)
        {
            if (fetchRequested)
            {
                messages.WriteLine(options.DjiKeychainsPath is not null
                    ? "keychains: --keychains given; nothing fetched"
                    : $"keychains: {evidence.FileName} has no encrypted records; nothing fetched");
            }

            return options;
        }

        if (!fetchRequested)
        {
            if (haveKey)
            {
                messages.WriteLine(
                    $"keychains: {evidence.FileName} is AES-encrypted (v{match.FormatVersion}) and {ApiKeyVariable} is set; add --fetch-keychains to ask DJI for the keys (sends only the file's key-storage ciphertexts, version and department)");
            }

            return options;
        }

        Uri endpoint = DjiKeychainClientOptions.DefaultEndpoint;
        string? overrideUrl = endpointOverride ?? environment(EndpointVariable);
        if (!string.IsNullOrWhiteSpace(overrideUrl) && !Uri.TryCreate(overrideUrl.Trim(), UriKind.Absolute, out endpoint!))
        {
            throw new UsageException($"keychain endpoint is not an absolute URL: {overrideUrl}");
        }

        FlightRecordKeychainRequest? request;
        using (var stream = EvidenceFile.OpenRead(evidencePath))
        {
            request = FlightRecordKeychainRequest.Read(stream);
        }

        if (request is null || request.CiphertextCount == 0)
        {
            messages.WriteLine($"keychains: {evidence.FileName} holds no key-storage records to ask for; decoding without keys");
            return options;
        }

        DjiKeychainClient client;
        try
        {
            client = new DjiKeychainClient(DjiKeychainClientOptions.Default with { Endpoint = endpoint });
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }

        using (client)
        {
            messages.WriteLine(
                $"keychains: sending {request.CiphertextCount} key-storage ciphertexts ({request.CiphertextBytes} bytes), version {request.Version}, department {request.Department} to {endpoint.Host}");
            FetchedKeychains fetched;
            try
            {
                fetched = client.FetchAsync(request, apiKey!).GetAwaiter().GetResult();
            }
            catch (DjiKeychainException ex)
            {
                messages.WriteLine($"keychains: fetch failed: {ex.Message}; decoding without keys (the track stays encrypted)");
                return options;
            }

            string saved = SavedPath(outputPath, evidence);
            if (string.Equals(Path.GetFullPath(saved), Path.GetFullPath(evidencePath), StringComparison.Ordinal))
            {
                throw new UsageException($"refusing to write keychains over the evidence file {evidencePath}");
            }

            AtomicFile.Write(saved, stream => stream.Write(fetched.ResponseJson));
            int keys = fetched.Keychains.Keychains.Sum(k => k.Count);
            messages.WriteLine(
                $"keychains: {fetched.Keychains.Keychains.Count} keychain(s), {keys} keys saved to {saved}; next time decode offline with --keychains \"{saved}\"");
            return options with { DjiKeychainsPath = saved };
        }
    }

    /// <summary>Where fetched keychains are saved: beside the output (the working folder for stdout), named after the evidence.</summary>
    public static string SavedPath(string? outputPath, EvidenceFile evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        string folder = outputPath is null || outputPath == "-"
            ? Directory.GetCurrentDirectory()
            : Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(evidence.FileName) + ".keychains.json");
    }
}
