using System.Text.Json;
using FlightForensics.Core.Decoding;

namespace FlightForensics.Dji.FlightRecord.Keychains;

/// <summary>One KEY_STORAGE record: the encrypted AES key blob of one feature point (dji-formats.md §2.5).</summary>
public sealed record KeyStorageEntry(FeaturePoint FeaturePoint, byte[] Ciphertext);

/// <summary>
/// What DJI's keychain service needs to return the AES keys of a v13+ flight record: the keychain API version and
/// department of the auxiliary version block, and per file section (sections are separated by KEY_STORAGE_RECOVER
/// records) the KEY_STORAGE ciphertexts (dji-formats.md §2.5, §2.6). Nothing else of the file is in it: no
/// position, time, serial number or name.
/// </summary>
public sealed class FlightRecordKeychainRequest
{
    /// <summary>The department assumed when the file names none DJI's service knows (DJI Fly, as other tools do).</summary>
    public const int FallbackDepartment = 3;

    public FlightRecordKeychainRequest(int version, int department, IReadOnlyList<IReadOnlyList<KeyStorageEntry>> keychains)
    {
        Version = version;
        Department = department;
        Keychains = keychains ?? throw new ArgumentNullException(nameof(keychains));
    }

    /// <summary>Keychain API version from the auxiliary version block (4 in every sample).</summary>
    public int Version { get; }

    /// <summary>Department (app family) code from the auxiliary version block.</summary>
    public int Department { get; }

    /// <summary>One list per file section, in file order; a section without KEY_STORAGE records is an empty list.</summary>
    public IReadOnlyList<IReadOnlyList<KeyStorageEntry>> Keychains { get; }

    public int CiphertextCount => Keychains.Sum(k => k.Count);

    public long CiphertextBytes => Keychains.Sum(k => k.Sum(e => (long)e.Ciphertext.Length));

    /// <summary>
    /// Reads the request material of a flight record: null when the file is not a v13+ record (nothing is
    /// encrypted) or has no auxiliary version block. Damaged records are skipped as the decoder skips them.
    /// </summary>
    public static FlightRecordKeychainRequest? Read(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var collector = new KeychainRequestCollector();
        var options = FlightRecordDecoderOptions.Default;
        var decoder = new DjiFlightRecordDecoder(options);
        decoder.Decode(input, new FlightLogSink(DecodeOptions.Default with { MaxStoredDiagnostics = 0 }), DecodeOptions.Default, collector, cancellationToken);
        return collector.ToRequest();
    }

    /// <summary>The JSON body the service expects: <c>{"version", "department", "keychainsArray": [[{featurePoint, aesCiphertext}]]}</c>.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", Version);
            writer.WriteNumber("department", Department);
            writer.WriteStartArray("keychainsArray");
            foreach (var keychain in Keychains)
            {
                writer.WriteStartArray();
                foreach (var entry in keychain)
                {
                    writer.WriteStartObject();
                    writer.WriteString("featurePoint", FeaturePoints.JsonName(entry.FeaturePoint));
                    writer.WriteString("aesCiphertext", Convert.ToBase64String(entry.Ciphertext));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}

/// <summary>Filled by the walker while it reads a v13+ file (version block, KEY_STORAGE, KEY_STORAGE_RECOVER).</summary>
internal sealed class KeychainRequestCollector
{
    // A file holds a handful of keys; cap what a hostile file can make us keep.
    private const int MaxEntries = 4096;
    private readonly List<IReadOnlyList<KeyStorageEntry>> _sections = [];
    private List<KeyStorageEntry> _current = [];
    private int _entries;

    public int? Version { get; set; }
    public int Department { get; set; } = FlightRecordKeychainRequest.FallbackDepartment;

    public void AddKeyStorage(ReadOnlySpan<byte> body)
    {
        // u16 feature point, u16 data length, data (§2.5).
        if (body.Length < 4 || _entries >= MaxEntries)
        {
            return;
        }

        int point = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(body);
        int length = Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(body[2..]), body.Length - 4);
        if (point is < 1 or > 15)
        {
            return;
        }

        _current.Add(new KeyStorageEntry((FeaturePoint)point, body.Slice(4, length).ToArray()));
        _entries++;
    }

    /// <summary>A KEY_STORAGE_RECOVER record closes the current section, empty or not (as the decoder counts sections).</summary>
    public void NextSection()
    {
        if (_sections.Count >= MaxEntries)
        {
            return;
        }

        _sections.Add(_current);
        _current = [];
    }

    public FlightRecordKeychainRequest? ToRequest()
    {
        if (Version is not int version)
        {
            return null;
        }

        return new FlightRecordKeychainRequest(version, Department, [.. _sections, _current]);
    }
}
