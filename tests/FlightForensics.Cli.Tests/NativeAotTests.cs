using System.Diagnostics;
using FlightForensics.TestSupport;

namespace FlightForensics.Cli.Tests;

/// <summary>Runs only when FLIGHTFORENSICS_AOT_BINARY names a Native AOT build of the CLI (<c>.ci/run</c> publishes one).</summary>
public sealed class AotBinaryFactAttribute : FactAttribute
{
    public AotBinaryFactAttribute()
    {
        if (NativeAotTests.Binary is null)
        {
            Skip = "needs FLIGHTFORENSICS_AOT_BINARY pointing at a Native AOT publish of the CLI (see .ci/run)";
        }
        else if (!Samples.Available)
        {
            Skip = Samples.MissingReason;
        }
    }
}

/// <summary>
/// The shipped binary is a Native AOT build: trimmed, no JIT, compiled against another runtime version. These
/// tests prove that it gives byte-for-byte the outputs of the JIT-compiled code the rest of the suite tests,
/// for every verb that writes results, on one real sample of every format and every kind of layer, so that
/// trimming cannot silently drop behaviour (a reflection path, a resource, a culture table).
/// </summary>
public sealed class NativeAotTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ff-aot-").FullName;

    public static string? Binary { get; } = Environment.GetEnvironmentVariable("FLIGHTFORENSICS_AOT_BINARY") is { Length: > 0 } p && File.Exists(p) ? p : null;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<string> OneLogPerFormat() =>
    [
        Samples.Require("mavlink", "codelever_2013-10-13_16-58-51.tlog"),
        Samples.Require("mavlink", "nodemavlink_mavlink-v2-3412-packets.rawmav"),
        Samples.Require("mavlink", "ardusub_small.BIN"),
        Samples.Require("mavlink", "pyulog_sample_log_small.ulg"),
        Samples.Require("dji", "txt", "chrisvm_mavic2_0.txt"),
        Samples.Require("dji", "txt", "droptc_DJIFlightRecord_2025-06-27_[03-31-40].txt"),
        Samples.Require("dji-dat", "plaso_17-08-29-12-58-45_FLY005.DAT"),
        Samples.Require("dji", "srt", "JuanIrache_mavic_pro.SRT"),
        Samples.Require("dji-photos", "pierotofy_brighton_DJI_0025.JPG"),
    ];

    private static IEnumerable<string> OneLayerPerKind() =>
    [
        Samples.Require("geo", "andorra-2023-05-02.osm.pbf"),
        Samples.Require("geo", "andorra-infra.geojson"),
        Samples.Require("geo", "ardupilot-CMAC-fence.txt"),
        Samples.Require("geo", "germany-openair-2021-05.txt"),
        Samples.Require("geo", "liechtenstein-2013-08-03.osm.bz2"),
        Samples.Require("geo", "liechtenstein-infra.overpass.json"),
        Samples.Require("geo", "pentagon-inner-boundary.kml"),
        Samples.Require("geo", "us_military.shp"),
        Samples.Require("airspace", "callmarcus_ed269-ch.json"),
        Samples.Require("airspace", "interuss_cis_source_sample_ed318.json"),
        Samples.Require("airspace", "callmarcus_faa-uasfm.json"),
        Samples.Require("airspace", "callmarcus_aixm51-gb.xml"),
    ];

    [AotBinaryFact]
    public void Decoding_verbs_give_the_same_bytes_as_the_jit_build()
    {
        foreach (var log in OneLogPerFormat())
        {
            AssertSameOutput("info", log, "--json");
            AssertSameOutput("inspect", log, "--json");
            foreach (var format in new[] { "csv", "json", "geojson", "kml", "gpx" })
            {
                AssertSameOutput("decode", log, "--format", format);
            }
        }
    }

    [AotBinaryFact]
    public void Layer_and_check_verbs_give_the_same_bytes_as_the_jit_build()
    {
        foreach (var layer in OneLayerPerKind())
        {
            AssertSameOutput("layers", layer, "--json");
        }

        var demoFlight = Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog");
        var demoLayer = Path.Combine(Samples.RepositoryRoot, "logs", "demoville-infrastructure.geojson");
        AssertSameOutput("check", demoFlight, "--infra", demoLayer, "--json");
        AssertSameOutput("check", Path.Combine(Samples.RepositoryRoot, "logs", "demoville-dji-flight.txt"), "--infra", demoLayer, "--json", "--buffer-m", "75");
        AssertSameOutput("check", Samples.Require("mavlink", "codelever_2013-10-13_16-58-51.tlog"), "--infra", Samples.Require("geo", "us_military.shp"), "--json");
    }

    [AotBinaryFact]
    public void Plot_gives_the_same_svg_and_png_as_the_jit_build()
    {
        // ScottPlot draws through the native Skia library, which must ship beside the binary (a trimmed binary
        // cannot load it from the NuGet cache the JIT build uses).
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Binary)!, "libSkiaSharp.so")), "libSkiaSharp.so is not beside the AOT binary");
        var demoFlight = Path.Combine(Samples.RepositoryRoot, "logs", "demoville-quadcopter.tlog");
        var demoLayer = Path.Combine(Samples.RepositoryRoot, "logs", "demoville-infrastructure.geojson");
        foreach (var extension in new[] { ".svg", ".png" })
        {
            var jitMap = Path.Combine(_dir, "jit" + extension);
            var aotMap = Path.Combine(_dir, "aot" + extension);
            var jit = RunJit("plot", demoFlight, "--infra", demoLayer, "-o", jitMap);
            var aot = RunAot("plot", demoFlight, "--infra", demoLayer, "-o", aotMap);
            Assert.True(jit.Code == 0, $"JIT plot {extension} exited {jit.Code}: {jit.Err}");
            Assert.True(aot.Code == 0, $"AOT plot {extension} exited {aot.Code}: {aot.Err}");
            Assert.Equal(File.ReadAllBytes(jitMap), File.ReadAllBytes(aotMap));
            Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "jit-profile" + extension)), File.ReadAllBytes(Path.Combine(_dir, "aot-profile" + extension)));
        }

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(_dir, "aot.png"))[..4]);
    }

    [AotBinaryFact]
    public void Failures_keep_their_exit_codes_and_messages()
    {
        var garbage = Path.Combine(_dir, "garbage.bin");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);

        foreach (var args in new[] { new[] { "info", garbage }, ["info", Path.Combine(_dir, "missing.tlog")], ["decode"], ["no-such-verb"] })
        {
            var jit = RunJit(args);
            var aot = RunAot(args);
            Assert.NotEqual(0, jit.Code);
            Assert.Equal(jit.Code, aot.Code);
            Assert.Equal(FirstLine(jit.Err), FirstLine(aot.Err));
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();

    private static void AssertSameOutput(params string[] args)
    {
        var jit = RunJit(args);
        var aot = RunAot(args);
        var what = string.Join(' ', args.Select(Path.GetFileName));
        Assert.True(jit.Code == 0, $"{what}: JIT build exited {jit.Code}: {jit.Err}");
        Assert.True(aot.Code == jit.Code, $"{what}: AOT build exited {aot.Code}, JIT {jit.Code}: {aot.Err}");
        Assert.True(jit.Out.Length > 0, $"{what}: no output");
        if (aot.Out != jit.Out)
        {
            int at = Enumerable.Range(0, Math.Min(aot.Out.Length, jit.Out.Length)).FirstOrDefault(i => aot.Out[i] != jit.Out[i]);
            Assert.Fail($"{what}: AOT output differs from JIT output at char {at}: JIT «{Excerpt(jit.Out, at)}» AOT «{Excerpt(aot.Out, at)}»");
        }
    }

    private static string Excerpt(string s, int at) => s.Substring(Math.Max(0, at - 40), Math.Min(s.Length - Math.Max(0, at - 40), 80));

    private static (int Code, string Out, string Err) RunJit(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static (int Code, string Out, string Err) RunAot(params string[] args)
    {
        var start = new ProcessStartInfo(Binary!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill();
            Assert.Fail($"AOT binary did not finish: {string.Join(' ', args)}");
        }

        return (process.ExitCode, output, err.Result);
    }
}
