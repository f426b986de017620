using System.Security.Cryptography;
using System.Text.Json;

namespace FlightForensics.Dji.FlightRecord;

/// <summary>One AES key and initial IV for one feature point (dji-formats.md §2.5).</summary>
public sealed record FeaturePointKey(FeaturePoint FeaturePoint, byte[] AesKey, byte[] AesIv);

/// <summary>
/// The keychains of a v13+ flight record: one keychain per section of the file (sections are separated by
/// KEY_STORAGE_RECOVER records), each a set of AES-256 keys by feature point. Loaded from the JSON that DJI's
/// keychain service returns (<c>{"data": [[{featurePoint, aesKey, aesIv}, ...], ...]}</c>), or the bare
/// array of arrays other tools store, so decryption runs offline once the keys are saved.
/// </summary>
public sealed class FlightRecordKeychains
{
    /// <summary>Keychains files are small; anything larger is refused before reading.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    public FlightRecordKeychains(IReadOnlyList<IReadOnlyList<FeaturePointKey>> keychains)
    {
        Keychains = keychains ?? throw new ArgumentNullException(nameof(keychains));
    }

    public IReadOnlyList<IReadOnlyList<FeaturePointKey>> Keychains { get; }

    public static FlightRecordKeychains Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"keychains file {path} does not exist", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"keychains file {path} is {info.Length} bytes, more than the {MaxFileBytes} accepted");
        }

        return Parse(File.ReadAllBytes(path));
    }

    /// <exception cref="InvalidDataException">Not JSON, or not a keychains document.</exception>
    public static FlightRecordKeychains Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data))
            {
                root = data;
            }

            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("keychains JSON must be an array of keychains or an object with a \"data\" array");
            }

            var keychains = new List<IReadOnlyList<FeaturePointKey>>();
            bool flat = root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.Object;
            if (flat)
            {
                keychains.Add(ReadKeychain(root));
            }
            else
            {
                foreach (var keychain in root.EnumerateArray())
                {
                    keychains.Add(keychain.ValueKind == JsonValueKind.Array ? ReadKeychain(keychain) : []);
                }
            }

            return new FlightRecordKeychains(keychains);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"keychains file is not valid JSON: {ex.Message}", ex);
        }
    }

    private static List<FeaturePointKey> ReadKeychain(JsonElement array)
    {
        var keys = new List<FeaturePointKey>();
        foreach (var entry in array.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var point = entry.TryGetProperty("featurePoint", out var fp)
                ? FeaturePoints.Parse(fp.ValueKind == JsonValueKind.Number ? fp.GetRawText() : fp.GetString())
                : FeaturePoint.None;
            byte[]? key = Base64(entry, "aesKey");
            byte[]? iv = Base64(entry, "aesIv");
            if (point != FeaturePoint.None && key is { Length: 32 } && iv is { Length: 16 })
            {
                keys.Add(new FeaturePointKey(point, key, iv));
            }
        }

        return keys;
    }

    private static byte[]? Base64(JsonElement entry, string name)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value.GetString() ?? "");
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Serialises keychains in the service's response shape (used by tests and the writer).</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("result");
            writer.WriteNumber("code", 0);
            writer.WriteString("msg", "ok");
            writer.WriteEndObject();
            writer.WriteStartArray("data");
            foreach (var keychain in Keychains)
            {
                writer.WriteStartArray();
                foreach (var key in keychain)
                {
                    writer.WriteStartObject();
                    writer.WriteString("featurePoint", FeaturePoints.JsonName(key.FeaturePoint));
                    writer.WriteString("aesKey", Convert.ToBase64String(key.AesKey));
                    writer.WriteString("aesIv", Convert.ToBase64String(key.AesIv));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>
/// AES-256-CBC state while walking one file: per feature point the key and the running IV, which after each
/// record becomes the last ciphertext block of that record (CBC continued across records, §2.5).
/// </summary>
internal sealed class FlightRecordCipherState : IDisposable
{
    private readonly FlightRecordKeychains _keychains;
    private readonly Aes?[] _aes = new Aes?[16];
    private readonly byte[][] _iv = new byte[16][];
    private int _keychainIndex = -1;

    public FlightRecordCipherState(FlightRecordKeychains keychains)
    {
        _keychains = keychains;
        for (int i = 0; i < _iv.Length; i++)
        {
            _iv[i] = new byte[16];
        }

        SelectKeychain(0);
    }

    public int KeychainIndex => _keychainIndex;

    /// <summary>True when the current keychain has a key for this feature point.</summary>
    public bool HasKey(FeaturePoint point) => _aes[(int)point] is not null;

    /// <summary>Moves to the keychain of the next file section (after a KEY_STORAGE_RECOVER record).</summary>
    public void NextKeychain() => SelectKeychain(_keychainIndex + 1);

    private void SelectKeychain(int index)
    {
        _keychainIndex = index;
        for (int i = 0; i < _aes.Length; i++)
        {
            _aes[i]?.Dispose();
            _aes[i] = null;
        }

        if (index >= _keychains.Keychains.Count)
        {
            return;
        }

        foreach (var key in _keychains.Keychains[index])
        {
            int slot = (int)key.FeaturePoint;
            _aes[slot]?.Dispose();
            var aes = Aes.Create();
            aes.Key = key.AesKey;
            _aes[slot] = aes;
            key.AesIv.CopyTo(_iv[slot], 0);
        }
    }

    /// <summary>Moves the IV past a record that is not decrypted (a damaged one), so the next record still decrypts.</summary>
    public void Skip(FeaturePoint point, ReadOnlySpan<byte> ciphertext)
    {
        if (_aes[(int)point] is not null && ciphertext.Length >= 16)
        {
            ciphertext[^16..].CopyTo(_iv[(int)point]);
        }
    }

    /// <summary>
    /// Decrypts one record body. Returns the plaintext length, or -1 when the ciphertext is not whole blocks
    /// or the padding is wrong (wrong key). The IV advances either way, as the writer's did.
    /// </summary>
    public int Decrypt(FeaturePoint point, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        var aes = _aes[(int)point];
        if (aes is null)
        {
            return -1;
        }

        var iv = _iv[(int)point];
        Span<byte> currentIv = stackalloc byte[16];
        iv.CopyTo(currentIv);
        if (ciphertext.Length >= 16)
        {
            ciphertext[^16..].CopyTo(iv);
        }

        if (ciphertext.Length == 0 || ciphertext.Length % 16 != 0)
        {
            return -1;
        }

        try
        {
            return aes.DecryptCbc(ciphertext, currentIv, plaintext, PaddingMode.PKCS7);
        }
        catch (CryptographicException)
        {
            return -1;
        }
    }

    public void Dispose()
    {
        foreach (var aes in _aes)
        {
            aes?.Dispose();
        }
    }
}
