using BenchmarkDotNet.Running;

namespace FlightForensics.Benchmarks;

/// <summary>Entry point: every benchmark class in this assembly, chosen with BenchmarkDotNet's --filter; or
/// <c>make-geo-inputs DIR</c> to write the inputs of benchmarks/geo-check.sh, <c>make-fleet-inputs DIR</c> those of
/// benchmarks/fleet-check.sh, <c>make-zone-inputs DIR N SPREAD_KM</c> the zone feed of benchmarks/airspace-check.sh.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "make-geo-inputs")
        {
            return GeoWholeProcessInputs.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "make-zone-inputs")
        {
            return ZoneFeedInputs.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "make-fleet-inputs")
        {
            return FleetInputs.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
