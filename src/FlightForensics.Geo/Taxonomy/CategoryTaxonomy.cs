using System.Text.Json;

namespace FlightForensics.Geo.Taxonomy;

/// <summary>One category of the taxonomy with its default distances.</summary>
/// <param name="Id">Stable id used in outputs (<c>energy</c>).</param>
/// <param name="Label">Human label.</param>
/// <param name="BufferMeters">Default close-approach distance.</param>
/// <param name="LineHalfWidthMeters">Half-width of the corridor around a line that counts as flying over it.</param>
/// <param name="PointRadiusMeters">Radius around a point that counts as flying over it.</param>
public sealed record CategoryDefinition(string Id, string Label, double BufferMeters, double LineHalfWidthMeters, double PointRadiusMeters);

/// <summary>The result of classifying a set of tags.</summary>
public readonly record struct Classification(string Category, string? Subcategory);

/// <summary>
/// The versioned category taxonomy (embedded <c>infrastructure-taxonomy.json</c>): categories with their
/// default distances, the OpenStreetMap tag rules and the OpenAir class mapping.
/// </summary>
public sealed class CategoryTaxonomy
{
    public const string Unclassified = "unclassified";
    public const string Airspace = "airspace";
    private const string ResourceName = "FlightForensics.Geo.Taxonomy.infrastructure-taxonomy.json";

    private static readonly Lazy<CategoryTaxonomy> s_default = new(LoadEmbedded);
    private readonly Dictionary<string, CategoryDefinition> _categories;
    private readonly OsmRule[] _rules;
    private readonly Dictionary<string, string> _openAirClasses;
    private readonly HashSet<string> _ruleKeys;

    private CategoryTaxonomy(string name, string version, Dictionary<string, CategoryDefinition> categories, OsmRule[] rules, Dictionary<string, string> openAir)
    {
        Name = name;
        Version = version;
        _categories = categories;
        _rules = rules;
        _openAirClasses = openAir;
        _ruleKeys = new HashSet<string>(rules.SelectMany(r => r.All.Select(c => c.Key)), StringComparer.Ordinal);
    }

    /// <summary>The taxonomy shipped with this build.</summary>
    public static CategoryTaxonomy Default => s_default.Value;

    public string Name { get; }
    public string Version { get; }

    public IEnumerable<CategoryDefinition> Categories => _categories.Values;

    public bool IsKnown(string category) => _categories.ContainsKey(category);

    /// <summary>The definition of a category; unknown ids get the distances of <c>unclassified</c>.</summary>
    public CategoryDefinition Get(string category) =>
        _categories.TryGetValue(category, out var definition) ? definition : _categories[Unclassified];

    /// <summary>True when any rule looks at this tag key (lets readers skip untagged or irrelevant objects fast).</summary>
    public bool IsRuleKey(string key) => _ruleKeys.Contains(key);

    /// <summary>Applies the OSM tag rules in order; null when no rule matches.</summary>
    public Classification? ClassifyOsmTags(IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Count == 0)
        {
            return null;
        }

        foreach (var rule in _rules)
        {
            if (rule.Matches(tags))
            {
                return new Classification(rule.Category, rule.Subcategory);
            }
        }

        return null;
    }

    /// <summary>OpenAir <c>AC</c> class to the airspace subcategory (<c>R</c> → <c>restricted</c>); the class itself when unknown.</summary>
    public string OpenAirSubcategory(string airspaceClass)
    {
        ArgumentNullException.ThrowIfNull(airspaceClass);
        var key = airspaceClass.Trim().ToUpperInvariant();
        return _openAirClasses.TryGetValue(key, out var sub) ? sub : key.ToLowerInvariant();
    }

    /// <summary>Parses a taxonomy document (the embedded one, or a user's replacement with the same shape).</summary>
    public static CategoryTaxonomy Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        var name = root.GetProperty("taxonomy").GetString() ?? "taxonomy";
        var version = root.GetProperty("version").GetString() ?? "0";
        var categories = new Dictionary<string, CategoryDefinition>(StringComparer.Ordinal);
        foreach (var c in root.GetProperty("categories").EnumerateArray())
        {
            var id = c.GetProperty("id").GetString()!;
            categories[id] = new CategoryDefinition(
                id,
                c.GetProperty("label").GetString() ?? id,
                c.GetProperty("bufferM").GetDouble(),
                c.GetProperty("lineHalfWidthM").GetDouble(),
                c.GetProperty("pointRadiusM").GetDouble());
        }

        if (!categories.ContainsKey(Unclassified))
        {
            throw new FormatException("the taxonomy must define the 'unclassified' category");
        }

        var rules = new List<OsmRule>();
        foreach (var r in root.GetProperty("osmRules").EnumerateArray())
        {
            var category = r.GetProperty("category").GetString()!;
            if (!categories.ContainsKey(category))
            {
                throw new FormatException($"rule names unknown category '{category}'");
            }

            rules.Add(new OsmRule(
                category,
                r.TryGetProperty("subcategory", out var sub) ? sub.GetString() : null,
                ReadConditions(r, "all"),
                ReadConditions(r, "none")));
        }

        var openAir = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("openAirClasses", out var classes))
        {
            foreach (var p in classes.EnumerateObject())
            {
                openAir[p.Name] = p.Value.GetString() ?? p.Name;
            }
        }

        return new CategoryTaxonomy(name, version, categories, [.. rules], openAir);
    }

    private static TagCondition[] ReadConditions(JsonElement rule, string name)
    {
        if (!rule.TryGetProperty(name, out var array))
        {
            return [];
        }

        return [.. array.EnumerateArray().Select(c => new TagCondition(
            c.GetProperty("key").GetString()!,
            [.. c.GetProperty("values").EnumerateArray().Select(v => v.GetString()!)]))];
    }

    private static CategoryTaxonomy LoadEmbedded()
    {
        using var stream = typeof(CategoryTaxonomy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.ToArray());
    }

    private sealed record TagCondition(string Key, string[] Values)
    {
        public bool Holds(IReadOnlyDictionary<string, string> tags)
        {
            if (!tags.TryGetValue(Key, out var value))
            {
                return false;
            }

            foreach (var v in Values)
            {
                if (v == "*" ? !string.Equals(value, "no", StringComparison.Ordinal) : string.Equals(v, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed record OsmRule(string Category, string? Subcategory, TagCondition[] All, TagCondition[] None)
    {
        public bool Matches(IReadOnlyDictionary<string, string> tags)
        {
            foreach (var c in All)
            {
                if (!c.Holds(tags))
                {
                    return false;
                }
            }

            foreach (var c in None)
            {
                if (c.Holds(tags))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
