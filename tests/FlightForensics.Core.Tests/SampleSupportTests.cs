using FlightForensics.TestSupport;

namespace FlightForensics.Core.Tests;

public class SampleSupportTests
{
    [Fact]
    public void Repository_root_holds_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(Samples.RepositoryRoot, "FlightForensics.sln")));
    }
}
