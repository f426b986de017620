using FlightForensics.Core.Evidence;

namespace FlightForensics.Core.Tests;

public sealed class EvidenceGuardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-guard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string relative)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, relative);
        return path;
    }

    [Fact]
    public void Identity_is_the_same_through_a_symbolic_link_and_differs_between_two_files()
    {
        var a = File("a.bin");
        var b = File("b.bin");
        var link = Path.Combine(_dir, "link");
        System.IO.File.CreateSymbolicLink(link, a);
        Assert.Equal(FileIdentity.Of(a), FileIdentity.Of(link));
        Assert.NotEqual(FileIdentity.Of(a), FileIdentity.Of(b));
        Assert.Null(FileIdentity.Of(Path.Combine(_dir, "missing")));
    }

    [Fact]
    public void A_folder_input_protects_every_file_under_it_but_not_new_names()
    {
        var photo = File("media/day1/DJI_0001.JPG");
        var guard = EvidenceGuard.For([Path.Combine(_dir, "media")]);
        Assert.Equal(photo, guard.InputAt(photo));
        Assert.Throws<OutputRefusedException>(() => guard.EnsureNoneIsEvidence((photo, "output")));
        guard.EnsureNoneIsEvidence((Path.Combine(_dir, "media", "new.csv"), "output"));
    }

    [Fact]
    public void Output_folders_equal_to_inside_or_containing_an_input_folder_are_refused_also_through_a_link()
    {
        var evidence = Path.GetDirectoryName(File("case/in/a.bin"))!;
        var guard = EvidenceGuard.For([evidence]);
        var linkToEvidence = Path.Combine(_dir, "alias");
        Directory.CreateSymbolicLink(linkToEvidence, evidence);
        foreach (var output in new[] { evidence, Path.Combine(evidence, "out"), Path.Combine(_dir, "case"), linkToEvidence, Path.Combine(linkToEvidence, "new", "deeper") })
        {
            var ex = Assert.Throws<OutputRefusedException>(() => guard.EnsureFolderApart(output, allowInside: false));
            Assert.Contains("--output-inside-evidence", ex.Message, StringComparison.Ordinal);
        }

        guard.EnsureFolderApart(Path.Combine(_dir, "case", "in-other"), allowInside: false);
        guard.EnsureFolderApart(evidence, allowInside: true);
    }
}
