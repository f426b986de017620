using FlightForensics.Core.Evidence;

namespace FlightForensics.Application;

/// <summary>
/// Every file a verb will write, checked before the first byte is written: its folder exists, and it is none of
/// the inputs (device and inode, so links and other spellings count; see <see cref="EvidenceGuard"/>).
/// </summary>
public static class OutputPlan
{
    /// <exception cref="UsageException">A folder is missing.</exception>
    /// <exception cref="OutputRefusedException">An output is an input.</exception>
    public static void Ensure(EvidenceGuard? evidence, params (string? Path, string Role)[] outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        foreach (var (path, role) in outputs)
        {
            if (path is null || path == "-")
            {
                continue;
            }

            var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!Directory.Exists(dir))
            {
                throw new UsageException($"output folder does not exist: {dir}");
            }

            if (Directory.Exists(path))
            {
                throw new UsageException($"the {role} {path} is a folder; name a file");
            }
        }

        evidence?.EnsureNoneIsEvidence([.. outputs.Where(o => o.Path is not null && o.Path != "-").Select(o => (o.Path!, o.Role))]);
    }
}
