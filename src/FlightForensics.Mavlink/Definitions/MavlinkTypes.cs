using System.Collections.Frozen;

namespace FlightForensics.Mavlink.Definitions;

/// <summary>Wire type of a MAVLink field (the XML's C type, normalised: research/mavlink-formats.md §3.2).</summary>
public enum MavlinkFieldType : byte
{
    Char,
    Int8,
    UInt8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float,
    Double,
}

/// <summary>One field of a message, at its position in the reordered wire payload.</summary>
/// <param name="Name">Field name as in the XML.</param>
/// <param name="Type">Element type.</param>
/// <param name="Offset">Byte offset in the (untruncated) payload.</param>
/// <param name="ArrayLength">Number of elements, 0 for a scalar.</param>
/// <param name="IsExtension">True for MAVLink 2 extension fields (after &lt;extensions/&gt;; not in CRC_EXTRA).</param>
/// <param name="Units">The XML's units attribute (e.g. <c>degE7</c>), or null.</param>
/// <param name="Enum">The enum the value belongs to, or null.</param>
public sealed record MavlinkFieldInfo(string Name, MavlinkFieldType Type, int Offset, int ArrayLength, bool IsExtension, string? Units, string? Enum)
{
    public int ElementSize => Type switch
    {
        MavlinkFieldType.Char or MavlinkFieldType.Int8 or MavlinkFieldType.UInt8 => 1,
        MavlinkFieldType.Int16 or MavlinkFieldType.UInt16 => 2,
        MavlinkFieldType.Int32 or MavlinkFieldType.UInt32 or MavlinkFieldType.Float => 4,
        _ => 8,
    };

    /// <summary>Bytes on the wire (element size times the array length).</summary>
    public int Size => ElementSize * Math.Max(1, ArrayLength);

    public bool IsArray => ArrayLength > 0;
}

/// <summary>A message of the dialect: id, name, CRC_EXTRA, payload lengths and fields in wire order.</summary>
public sealed class MavlinkMessageInfo
{
    private readonly FrozenDictionary<string, MavlinkFieldInfo> _byName;

    public MavlinkMessageInfo(uint id, string name, byte crcExtra, int minLength, int maxLength, MavlinkFieldInfo[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Id = id;
        Name = name;
        CrcExtra = crcExtra;
        MinLength = minLength;
        MaxLength = maxLength;
        Fields = fields;
        _byName = fields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    public uint Id { get; }
    public string Name { get; }

    /// <summary>Position in <see cref="MavlinkDialect.Messages"/> (for per-message arrays of counters).</summary>
    public int Index { get; internal set; }

    /// <summary>The seed byte added to the CRC (research §3.5).</summary>
    public byte CrcExtra { get; }

    /// <summary>Payload length without extensions (the MAVLink 1 length).</summary>
    public int MinLength { get; }

    /// <summary>Payload length with every extension field.</summary>
    public int MaxLength { get; }

    /// <summary>Fields in wire order.</summary>
    public IReadOnlyList<MavlinkFieldInfo> Fields { get; }

    public MavlinkFieldInfo? FindField(string name) => _byName.GetValueOrDefault(name);

    public override string ToString() => $"{Name} ({Id})";
}

public readonly record struct MavlinkEnumEntry(ulong Value, string Name);

/// <summary>An enum of the dialect (values and names only).</summary>
public sealed class MavlinkEnumInfo(string name, bool isBitmask, MavlinkEnumEntry[] entries)
{
    public string Name { get; } = name;
    public bool IsBitmask { get; } = isBitmask;

    /// <summary>Entries in ascending value order.</summary>
    public IReadOnlyList<MavlinkEnumEntry> Entries { get; } = entries;

    /// <summary>The entry name for a value, or null.</summary>
    public string? NameOf(ulong value)
    {
        foreach (var e in entries)
        {
            if (e.Value == value)
            {
                return e.Name;
            }
        }

        return null;
    }
}

/// <summary>The generated message table with fast lookups.</summary>
public static partial class MavlinkDialect
{
    // Most traffic uses ids below 512; a flat array keeps the per-packet lookup branch-light.
    private const int DenseIds = 512;
    private static readonly MavlinkMessageInfo?[] s_dense = new MavlinkMessageInfo?[DenseIds];
    private static readonly FrozenDictionary<uint, MavlinkMessageInfo> s_sparse;
    private static readonly FrozenDictionary<string, MavlinkMessageInfo> s_byName;
    private static readonly FrozenDictionary<string, MavlinkEnumInfo> s_enums;

#pragma warning disable CA1810 // one static constructor builds every index from the generated arrays in one place
    static MavlinkDialect()
#pragma warning restore CA1810
    {
        var messages = CreateMessages();
        Messages = messages;
        var sparse = new Dictionary<uint, MavlinkMessageInfo>();
        for (int i = 0; i < messages.Length; i++)
        {
            var m = messages[i];
            m.Index = i;
            if (m.Id < DenseIds)
            {
                s_dense[m.Id] = m;
            }
            else
            {
                sparse[m.Id] = m;
            }
        }

        s_sparse = sparse.ToFrozenDictionary();
        s_byName = messages.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
        var enums = CreateEnums();
        Enums = enums;
        s_enums = enums.ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
    }

    /// <summary>Every message, by ascending id.</summary>
    public static IReadOnlyList<MavlinkMessageInfo> Messages { get; }

    /// <summary>Every enum, by name.</summary>
    public static IReadOnlyList<MavlinkEnumInfo> Enums { get; }

    /// <summary>The message with this id, or null when the dialect does not define it.</summary>
    public static MavlinkMessageInfo? Find(uint id) =>
        id < DenseIds ? s_dense[id] : s_sparse.GetValueOrDefault(id);

    public static MavlinkMessageInfo? Find(string name) => s_byName.GetValueOrDefault(name);

    public static MavlinkEnumInfo? FindEnum(string name) => s_enums.GetValueOrDefault(name);

    /// <summary>The entry name of <paramref name="value"/> in enum <paramref name="enumName"/>, or null.</summary>
    public static string? EnumName(string enumName, ulong value) => FindEnum(enumName)?.NameOf(value);
}
