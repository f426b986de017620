using System.Runtime.InteropServices;

namespace FlightForensics.Core.Evidence;

/// <summary>
/// What a file is, not what it is called: the device and inode number on Linux, so that a hard link, a symbolic
/// link, <c>./x</c> and <c>../dir/x</c> all name the same evidence. Elsewhere (no <c>statx</c>), the full path
/// with links resolved stands in for it.
/// </summary>
public readonly partial record struct FileIdentity(ulong Device, ulong Inode, string? ResolvedPath)
{
    /// <summary>The identity of an existing file or folder, or null when nothing exists at <paramref name="path"/>.</summary>
    public static FileIdentity? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux() && LinuxStat.TryGet(path, out var device, out var inode, out _, out bool exists))
        {
            return exists ? new FileIdentity(device, inode, null) : null;
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return null;
        }

        var full = Path.GetFullPath(path);
        try
        {
            var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
            full = target?.FullName ?? full;
        }
        catch (IOException)
        {
            // An unresolvable link: its own path is the best identity there is.
        }

        return new FileIdentity(0, 0, OperatingSystem.IsLinux() ? full : full.ToUpperInvariant());
    }

    /// <summary>
    /// What kind of thing <paramref name="path"/> names once links are followed: a device (<c>/dev/zero</c>), a FIFO
    /// or a socket can block a reader forever or never end, so evidence must be a regular file.
    /// </summary>
    public static FileKind KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsLinux() && LinuxStat.TryGet(path, out _, out _, out var mode, out bool exists))
        {
            // S_IFMT, S_IFREG, S_IFDIR: include/uapi/linux/stat.h.
            return !exists ? FileKind.Missing
                : (mode & 0xF000) == 0x8000 ? FileKind.Regular
                : (mode & 0xF000) == 0x4000 ? FileKind.Directory
                : FileKind.Special;
        }

        return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular : FileKind.Missing;
    }

    private static partial class LinuxStat
    {
        private const int AtFdCwd = -100;
        private const uint StatxTypeAndIno = 0x1 | 0x100; // STATX_TYPE | STATX_INO
        private const int ENOENT = 2;
        private const int ENOTDIR = 20;

        private static bool _unavailable;

        /// <summary>
        /// statx(2) rather than stat(2): its buffer layout is the same on every Linux architecture
        /// (include/uapi/linux/stat.h: stx_ino at byte 32, stx_dev_major/minor at 136/140, 256 bytes in all).
        /// </summary>
        public static bool TryGet(string path, out ulong device, out ulong inode, out ushort mode, out bool exists)
        {
            device = 0;
            inode = 0;
            mode = 0;
            exists = false;
            if (_unavailable)
            {
                return false;
            }

            StatxBuffer buffer;
            int rc;
            try
            {
                rc = Statx(AtFdCwd, path, 0, StatxTypeAndIno, out buffer);
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                _unavailable = true;
                return false;
            }

            if (rc != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is ENOENT or ENOTDIR)
                {
                    return true; // nothing there: exists stays false
                }

                return false; // e.g. ENOSYS on an old kernel, EACCES: fall back to the path
            }

            exists = true;
            device = ((ulong)buffer.DevMajor << 32) | buffer.DevMinor;
            inode = buffer.Ino;
            mode = buffer.Mode;
            return true;
        }

        [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

        [StructLayout(LayoutKind.Explicit, Size = 256)]
        private struct StatxBuffer
        {
            [FieldOffset(28)]
            public ushort Mode;

            [FieldOffset(32)]
            public ulong Ino;

            [FieldOffset(136)]
            public uint DevMajor;

            [FieldOffset(140)]
            public uint DevMinor;
        }
    }
}

/// <summary>See <see cref="FileIdentity.KindOf"/>.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A character or block device, FIFO or socket.</summary>
    Special,
}
