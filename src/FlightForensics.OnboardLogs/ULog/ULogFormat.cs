using System.Collections.ObjectModel;
using System.Globalization;

namespace FlightForensics.OnboardLogs.ULog;

/// <summary>The C base types a ULog format may use (ULog spec, "Format Message").</summary>
public enum ULogBaseType : byte
{
    Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double, Bool, Char,
}

/// <summary>
/// One leaf field of a ULog format after nested formats are expanded: a base type at a byte offset in the
/// data message (after its msg_id), possibly an array. Nested names are joined with '.', nested array
/// elements as <c>name[i].field</c>.
/// </summary>
public sealed class ULogField(string name, ULogBaseType type, int offset, int arrayLength)
{
    public string Name { get; } = name;
    public ULogBaseType Type { get; } = type;
    public int Offset { get; } = offset;

    /// <summary>1 for a scalar; N for <c>type[N]</c>.</summary>
    public int ArrayLength { get; } = arrayLength;
    public int ElementSize { get; } = ULogFormat.SizeOf(type);
    public int Size => ElementSize * ArrayLength;

    public override string ToString() => ArrayLength == 1
        ? $"{Type} {Name}@{Offset}"
        : string.Create(CultureInfo.InvariantCulture, $"{Type}[{ArrayLength}] {Name}@{Offset}");
}

/// <summary>
/// A ULog 'F' definition: <c>name:type field;type[N] field;...</c> where a type is a C base type or another
/// format's name (nested, possibly defined later). Fields whose name starts with <c>_padding</c> take space
/// but are not listed (mavlink-formats.md §7). The layout is resolved when first needed.
/// </summary>
public sealed class ULogFormat
{
    /// <summary>Nesting deeper than this is treated as a cycle or an attack.</summary>
    public const int MaxDepth = 8;

    /// <summary>Leaves per format are capped (a data message is at most 65535 bytes anyway).</summary>
    public const int MaxLeaves = 8192;

    private readonly (string Type, int Count, string Name)[] _declared;
    private ReadOnlyCollection<ULogField>? _fields;
    private Dictionary<string, int>? _byName;
    private int _failedAtFormatCount = -1;

    internal ULogFormat(string name, (string Type, int Count, string Name)[] declared, string definition)
    {
        Name = name;
        _declared = declared;
        Definition = definition;
    }

    public string Name { get; }

    /// <summary>The definition text as logged.</summary>
    public string Definition { get; }

    /// <summary>Leaf fields (valid after <see cref="Resolve"/> succeeded).</summary>
    public IReadOnlyList<ULogField> Fields => _fields ?? (IReadOnlyList<ULogField>)[];

    /// <summary>Total size in bytes including padding, or -1 when the format could not be resolved.</summary>
    public int Size { get; private set; } = -1;

    /// <summary>Size without trailing padding fields: the least a data message may carry (padding at the end may be cut).</summary>
    public int MinimumSize { get; private set; } = -1;

    /// <summary>Why the layout could not be resolved, or null.</summary>
    public string? Problem { get; private set; }

    public bool IsResolved => _fields is not null;

    public int IndexOf(string fieldName) => _byName is not null && _byName.TryGetValue(fieldName, out int i) ? i : -1;

    public static int SizeOf(ULogBaseType type) => type switch
    {
        ULogBaseType.Int8 or ULogBaseType.UInt8 or ULogBaseType.Bool or ULogBaseType.Char => 1,
        ULogBaseType.Int16 or ULogBaseType.UInt16 => 2,
        ULogBaseType.Int32 or ULogBaseType.UInt32 or ULogBaseType.Float => 4,
        _ => 8,
    };

    public static ULogBaseType? ParseBaseType(string type) => type switch
    {
        "int8_t" => ULogBaseType.Int8,
        "uint8_t" => ULogBaseType.UInt8,
        "int16_t" => ULogBaseType.Int16,
        "uint16_t" => ULogBaseType.UInt16,
        "int32_t" => ULogBaseType.Int32,
        "uint32_t" => ULogBaseType.UInt32,
        "int64_t" => ULogBaseType.Int64,
        "uint64_t" => ULogBaseType.UInt64,
        "float" => ULogBaseType.Float,
        "double" => ULogBaseType.Double,
        "bool" => ULogBaseType.Bool,
        "char" => ULogBaseType.Char,
        _ => null,
    };

    /// <summary>Parses an 'F' message body; null (with a reason) when it is not <c>name:fields</c>.</summary>
    internal static ULogFormat? Parse(string text, out string? problem)
    {
        problem = null;
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            problem = "format definition without 'name:'";
            return null;
        }

        string name = text[..colon];
        var declared = new List<(string, int, string)>();
        foreach (var part in text[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var item = part.Trim();
            int space = item.LastIndexOf(' ');
            if (space <= 0)
            {
                problem = $"field '{item}' of {name} has no type";
                return null;
            }

            string type = item[..space].Trim();
            string fieldName = item[(space + 1)..];
            int count = 1;
            int bracket = type.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0)
            {
                if (!type.EndsWith(']') || !int.TryParse(type.AsSpan(bracket + 1, type.Length - bracket - 2), NumberStyles.None, CultureInfo.InvariantCulture, out count)
                    || count is < 1 or > 65535)
                {
                    problem = $"field '{item}' of {name} has an unusable array length";
                    return null;
                }

                type = type[..bracket];
            }

            declared.Add((type, count, fieldName));
        }

        return new ULogFormat(name, [.. declared], text);
    }

    /// <summary>Computes the layout, expanding nested formats from <paramref name="formats"/>; false with <see cref="Problem"/> set on failure.</summary>
    internal bool Resolve(IReadOnlyDictionary<string, ULogFormat> formats)
    {
        if (_fields is not null)
        {
            return true;
        }

        if (Problem is not null && formats.Count == _failedAtFormatCount)
        {
            return false; // nothing was defined since the last failure: do not pay for the layout again
        }

        var leaves = new List<ULogField>();
        int size = Layout(formats, "", 0, leaves, 0, out int minimum, out string? problem);
        if (problem is not null)
        {
            Problem = problem;
            _failedAtFormatCount = formats.Count;
            return false;
        }

        _fields = leaves.AsReadOnly();
        _byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < leaves.Count; i++)
        {
            _byName.TryAdd(leaves[i].Name, i);
        }

        Size = size;
        MinimumSize = minimum;
        Problem = null;
        return true;
    }

    private int Layout(IReadOnlyDictionary<string, ULogFormat> formats, string prefix, int baseOffset, List<ULogField> leaves, int depth, out int minimumEnd, out string? problem)
    {
        problem = null;
        minimumEnd = 0;
        if (depth > MaxDepth)
        {
            problem = $"format {Name} nests deeper than {MaxDepth} levels (a cycle?)";
            return 0;
        }

        int offset = 0;
        foreach (var (type, count, fieldName) in _declared)
        {
            bool padding = fieldName.StartsWith("_padding", StringComparison.Ordinal);
            if (ParseBaseType(type) is ULogBaseType baseType)
            {
                if (!padding)
                {
                    if (leaves.Count >= MaxLeaves)
                    {
                        problem = $"format {Name} has more than {MaxLeaves} fields";
                        return 0;
                    }

                    leaves.Add(new ULogField(prefix + fieldName, baseType, baseOffset + offset, count));
                }

                offset += SizeOf(baseType) * count;
            }
            else if (formats.TryGetValue(type, out var nested))
            {
                for (int i = 0; i < count; i++)
                {
                    string childPrefix = count == 1 ? $"{prefix}{fieldName}." : string.Create(CultureInfo.InvariantCulture, $"{prefix}{fieldName}[{i}].");
                    int nestedSize = nested.Layout(formats, childPrefix, baseOffset + offset, leaves, depth + 1, out _, out problem);
                    if (problem is not null)
                    {
                        return 0;
                    }

                    offset += nestedSize;
                    if (offset > 65535)
                    {
                        problem = $"format {Name} is larger than a ULog message can be";
                        return 0;
                    }

                    if (nestedSize == 0)
                    {
                        break; // an empty nested format: more elements add nothing (and must not cost a loop each)
                    }
                }
            }
            else
            {
                problem = $"format {Name} uses type '{type}', which no format defines";
                return 0;
            }

            if (offset > 65535)
            {
                problem = $"format {Name} is larger than a ULog message can be";
                return 0;
            }

            if (!padding)
            {
                minimumEnd = offset;
            }
        }

        return offset;
    }

    public override string ToString() => Name;
}

/// <summary>An 'A' subscription: a format instance (multi_id) bound to a msg_id for the 'D' messages that follow.</summary>
public sealed class ULogSubscription(ushort msgId, byte multiId, string name, long offset)
{
    public ushort MsgId { get; } = msgId;
    public byte MultiId { get; } = multiId;
    public string Name { get; } = name;

    /// <summary>The contract's recordCounts key: <c>topic[multi_id]</c>.</summary>
    public string Key { get; } = string.Create(CultureInfo.InvariantCulture, $"{name}[{multiId}]");

    /// <summary>Byte offset of the 'A' message.</summary>
    public long Offset { get; } = offset;

    /// <summary>The resolved format, or null when it is undefined or inconsistent.</summary>
    public ULogFormat? Format { get; internal set; }

    /// <summary>Data messages read for this subscription.</summary>
    public long DataCount { get; internal set; }
}
