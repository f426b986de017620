namespace FlightForensics.Cli.Tests;

/// <summary>
/// How <c>db</c> fails on the command line: one line on stderr and the contract's exit code, no server needed. The
/// database flow itself is tested against a real PostgreSQL in Postgis.Tests (DbWorkflowTests).
/// </summary>
public sealed class DbVerbTests
{
    private static (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_connection_that_fails_exits_2_with_one_line()
    {
        // A port nothing listens on (bound then released) and a malformed string.
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        foreach (var cs in new[] { $"Host=127.0.0.1;Port={port};Username=nobody;Database=none;Timeout=3", "Host=127.0.0.1;NoSuchKeyword=1", "this is not a connection string" })
        {
            var r = Cli("db", "check", "--connection", cs);
            Assert.True(r.Code == 2, $"{cs}: exit {r.Code}: {r.Stderr}");
            Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
            Assert.Equal("", r.Stdout);
        }
    }

    [Fact]
    public void Ingest_without_inputs_is_a_usage_error()
    {
        var r = Cli("db", "ingest", "--connection", "Host=127.0.0.1");
        Assert.Equal(1, r.Code);
    }
}
