using FlightForensics.Core.Evidence;

namespace FlightForensics.Core.Tests;

/// <summary>
/// Issue #24 §2: a link to /dev/zero or to a FIFO, and /dev/stdin, used to hang the reader until killed. They
/// must be refused with one line before anything is opened. Each call runs under a 20 s bound so that a
/// regression fails the test instead of hanging the suite.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-special-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertRefusedPromptly(string path)
    {
        var attempt = Task.Run(() => Assert.Throws<EvidenceUnreadableException>(() => EvidenceFile.Open(path)));
        Assert.True(attempt.Wait(TimeSpan.FromSeconds(20)), $"opening {path} did not return");
        Assert.Contains("not a regular file", attempt.Result.Message, StringComparison.Ordinal);
        var open = Task.Run(() => Assert.Throws<EvidenceUnreadableException>(() => EvidenceFile.OpenRead(path).Dispose()));
        Assert.True(open.Wait(TimeSpan.FromSeconds(20)), $"OpenRead {path} did not return");
    }

    [Fact]
    public void A_symbolic_link_to_dev_zero_is_refused()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var link = Path.Combine(_dir, "flight.tlog");
        File.CreateSymbolicLink(link, "/dev/zero");
        AssertRefusedPromptly(link);
        AssertRefusedPromptly("/dev/zero");
    }

    [Fact]
    public void A_fifo_and_a_link_to_it_are_refused_without_blocking_on_open()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fifo = Path.Combine(_dir, "pipe");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mk.WaitForExit();
            Assert.Equal(0, mk.ExitCode);
        }

        var link = Path.Combine(_dir, "flight.bin");
        File.CreateSymbolicLink(link, fifo);
        AssertRefusedPromptly(fifo);
        AssertRefusedPromptly(link);
    }

    [Fact]
    public void A_regular_file_through_a_link_is_still_read()
    {
        var file = Path.Combine(_dir, "real.bin");
        File.WriteAllBytes(file, [1, 2, 3]);
        var link = Path.Combine(_dir, "link.bin");
        File.CreateSymbolicLink(link, file);
        Assert.Equal(3, EvidenceFile.Open(link).Bytes);
        Assert.Equal(FileKind.Regular, FileIdentity.KindOf(link));
        Assert.Equal(FileKind.Directory, FileIdentity.KindOf(_dir));
        Assert.Equal(FileKind.Missing, FileIdentity.KindOf(Path.Combine(_dir, "none")));
    }
}
