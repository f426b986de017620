namespace FlightForensics.Core.Evidence;

/// <summary>
/// The rule every output obeys before a byte is written: it must not be one of the inputs. Inputs are compared
/// by identity (device and inode, <see cref="FileIdentity"/>), not by name, so a link or another spelling of the
/// path cannot slip through; a folder given as input (media, terrain) protects every file under it. The check
/// covers every file a verb writes — the main output and each companion (provenance sidecar, profile, manifest,
/// saved keychains) — and is made for all of them before the first is written.
/// </summary>
public sealed class EvidenceGuard
{
    private readonly Dictionary<FileIdentity, string> _inputs = [];
    private readonly List<string> _inputFolders = [];

    private EvidenceGuard()
    {
    }

    /// <summary>The input files and folders of one run (null and "-" entries are ignored).</summary>
    public static EvidenceGuard For(IEnumerable<string?> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var guard = new EvidenceGuard();
        foreach (var input in inputs)
        {
            if (string.IsNullOrEmpty(input) || input == "-")
            {
                continue;
            }

            guard.Add(input);
        }

        return guard;
    }

    private void Add(string input)
    {
        if (FileIdentity.Of(input) is not { } id)
        {
            return; // missing inputs fail later, in the reader, with their own message
        }

        _inputs.TryAdd(id, input);
        if (!Directory.Exists(input))
        {
            return;
        }

        _inputFolders.Add(Path.GetFullPath(input));
        var walk = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.None };
        foreach (var file in Directory.EnumerateFiles(input, "*", walk))
        {
            if (FileIdentity.Of(file) is { } fileId)
            {
                _inputs.TryAdd(fileId, file);
            }
        }
    }

    /// <summary>The input <paramref name="path"/> is, or null when it is none of them.</summary>
    public string? InputAt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FileIdentity.Of(path) is { } id && _inputs.TryGetValue(id, out var input) ? input : null;
    }

    /// <summary>Refuses the whole run when any of the files it would write is an input.</summary>
    /// <exception cref="OutputRefusedException">One of <paramref name="outputs"/> is an input.</exception>
    public void EnsureNoneIsEvidence(params (string Path, string Role)[] outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var (path, role) in outputs)
        {
            if (InputAt(path) is string input)
            {
                var same = string.Equals(Path.GetFullPath(path), Path.GetFullPath(input), StringComparison.Ordinal) ? "" : $" ({input})";
                throw new OutputRefusedException($"refusing to write the {role} {path}: it is the evidence file{same}; nothing was written");
            }
        }
    }

    /// <summary>
    /// Refuses an output folder equal to, inside, or containing an input folder (where the run's own files would
    /// mix with, or be read back as, evidence), unless <paramref name="allowInside"/>.
    /// </summary>
    public void EnsureFolderApart(string outputFolder, bool allowInside)
    {
        ArgumentNullException.ThrowIfNull(outputFolder);
        if (allowInside)
        {
            return;
        }

        var output = Path.TrimEndingDirectorySeparator(ResolveFolder(outputFolder));
        foreach (var input in _inputFolders)
        {
            var folder = Path.TrimEndingDirectorySeparator(ResolveFolder(input));
            string? relation = output == folder ? "is"
                : IsUnder(output, folder) ? "is inside"
                : IsUnder(folder, output) ? "contains"
                : null;
            if (relation is not null)
            {
                throw new OutputRefusedException($"refusing to write into {outputFolder}: it {relation} the evidence folder {input}; choose a folder apart from the evidence, or give --output-inside-evidence");
            }
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The folder's full path with links resolved, for the parts of it that exist.</summary>
    private static string ResolveFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        var existing = full;
        var rest = new Stack<string>();
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is string parent)
        {
            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }

        var resolved = ResolveExisting(existing);
        while (rest.Count > 0)
        {
            resolved = Path.Combine(resolved, rest.Pop());
        }

        return resolved;
    }

    private static string ResolveExisting(string folder)
    {
        // Resolve each component, so that a link anywhere on the way (not only the last part) is followed.
        var root = Path.GetPathRoot(folder) ?? "/";
        var current = root;
        foreach (var part in folder[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                if (new DirectoryInfo(current).LinkTarget is not null && Directory.ResolveLinkTarget(current, returnFinalTarget: true) is { } target)
                {
                    current = Path.GetFullPath(target.FullName);
                }
            }
            catch (IOException)
            {
                // Keep the unresolved name: the comparison then works on names, as before.
            }
        }

        return current;
    }
}

/// <summary>An output would have replaced evidence or mixed with it; the CLI turns this into exit 1.</summary>
public sealed class OutputRefusedException : Exception
{
    public OutputRefusedException() { }
    public OutputRefusedException(string message) : base(message) { }
    public OutputRefusedException(string message, Exception inner) : base(message, inner) { }
}
