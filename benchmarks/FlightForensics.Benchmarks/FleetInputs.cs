using System.Globalization;
using FlightForensics.Geo.Analysis;
using FlightForensics.Synthesis.Mavlink;

namespace FlightForensics.Benchmarks;

/// <summary>
/// Writes the inputs of the fleet benchmark (benchmarks/fleet-check.sh): many short, clean, distinct simulated
/// flights around ArduPilot's SITL home (CMAC), and one layer of polygons, lines and points scattered over the
/// area they fly in, so that the in-process engine (<c>batch</c>) and PostGIS (<c>db ingest</c> + <c>db check</c>)
/// are measured on the same files. Every flight has its own waypoints and start time, hence its own SHA-256 (both
/// engines key flights by hash). Deterministic: the same arguments give the same bytes.
/// </summary>
public static class FleetInputs
{
    private const double CenterLat = -35.363261, CenterLon = 149.165230;

    /// <summary>Flights start within this distance (east and north) of CMAC.</summary>
    private const double FlightsHalfMeters = 15_000;

    /// <summary>Features cover a 50 km square: 100,000 of them are 40 per km², as in the earlier SQL-replicated run.</summary>
    private const double FeaturesHalfMeters = 25_000;

    private const double PositionRateHz = 5, SpeedMetersPerSecond = 8;

    /// <summary><c>make-fleet-inputs DIR [flights] [features]</c> (defaults 1,000 and 100,000): DIR/flights/*.tlog and DIR/features-N.geojson.</summary>
    public static int Run(string[] args)
    {
        var dir = Directory.CreateDirectory(args.Length > 0 ? args[0] : "fleet-inputs").FullName;
        int flights = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        int features = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var flightsDir = Directory.CreateDirectory(Path.Combine(dir, "flights")).FullName;
        var projection = new LocalProjection(CenterLat, CenterLon);
        var random = new Random(20261122);
        long bytes = 0, expectedSamples = 0;
        for (int i = 0; i < flights; i++)
        {
            var (waypoints, samples) = Flight(projection, random);
            expectedSamples += samples;
            var path = Path.Combine(flightsDir, string.Create(CultureInfo.InvariantCulture, $"flight-{i:D4}.tlog"));
            using (var output = File.Create(path))
            {
                SimulatedFlight.WriteTlog(output, waypoints, new SimulatedFlightOptions
                {
                    // Distinct start times, a few flights a day, over about a year for 1,000 flights.
                    StartUtc = new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero).AddMinutes(i * 523.0),
                    PositionRateHz = PositionRateHz,
                    GroundSpeedMetersPerSecond = SpeedMetersPerSecond,
                    HomeAltitudeMslMeters = 560 + random.Next(0, 60),
                });
            }

            bytes += new FileInfo(path).Length;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{flightsDir} {flights} flights, {bytes} bytes, about {expectedSamples} position samples"));
        var layer = Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"features-{features}.geojson"));
        GeoWholeProcessInputs.WriteFeatures(layer, features, CenterLat, CenterLon, FeaturesHalfMeters, mixedKinds: true);
        Console.WriteLine($"{layer} {new FileInfo(layer).Length} bytes");
        return 0;
    }

    /// <summary>
    /// A takeoff point near CMAC and 3–6 legs in random directions, 480–1,600 m flown level, hence 300–1,000 position
    /// samples at 5 Hz and 8 m/s plus a few for the climbs and descents; returns the waypoints and the number of
    /// samples they give (one per time step of each leg, as SimulatedFlight steps them: by the leg's 3-D length).
    /// </summary>
    private static (List<SimulatedWaypoint> Waypoints, int Samples) Flight(LocalProjection projection, Random random)
    {
        double east = (random.NextDouble() * 2 - 1) * FlightsHalfMeters;
        double north = (random.NextDouble() * 2 - 1) * FlightsHalfMeters;
        int legs = random.Next(3, 7);
        double pathMeters = random.Next(300, 1001) * SpeedMetersPerSecond / PositionRateHz;
        var points = new List<SimulatedWaypoint> { GeoWholeProcessInputs.At(projection, east, north, 0) };
        double heading = random.NextDouble() * 2 * Math.PI;
        int samples = 0;
        double height = 0;
        for (int leg = 0; leg < legs; leg++)
        {
            double legMeters = pathMeters / legs;
            heading += (random.NextDouble() - 0.5) * 2.5;
            east += legMeters * Math.Sin(heading);
            north += legMeters * Math.Cos(heading);
            double nextHeight = leg + 1 == legs ? 0 : 30 + random.Next(0, 91);
            points.Add(GeoWholeProcessInputs.At(projection, east, north, nextHeight));
            // SimulatedFlight steps each leg by its 3-D length (the climb or descent counts).
            double stepMeters = Math.Sqrt((legMeters * legMeters) + ((nextHeight - height) * (nextHeight - height)));
            samples += (int)Math.Ceiling(stepMeters / SpeedMetersPerSecond * PositionRateHz);
            height = nextHeight;
        }

        return (points, samples);
    }
}
