using FlightForensics.DemoCase;
using FlightForensics.Dji.FlightRecord;
using FlightForensics.Synthesis.Dji;
using FlightForensics.Synthesis.Mavlink;

// Writes the demo case into logs/ (or the folder given as the first argument). Deterministic: the same
// bytes on every run, so the committed files can be checked against a fresh generation.
var outDir = args.Length > 0 ? args[0] : FindLogs();
Directory.CreateDirectory(outDir);

File.WriteAllText(Path.Combine(outDir, "demoville-infrastructure.geojson"), DemoTown.ToGeoJson());

// Flight 1, a MAVLink quadcopter: straight over the water works and the substation, one photo over each.
var start1 = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
SimulatedWaypoint Wp(double e, double n, double h, bool photo = false)
{
    var (lat, lon) = DemoTown.ToLatLon(e, n);
    return new SimulatedWaypoint(lat, lon, h, photo);
}

using (var tlog = File.Create(Path.Combine(outDir, "demoville-quadcopter.tlog")))
{
    SimulatedFlight.WriteTlog(tlog,
    [
        Wp(-150, -150, 0),
        Wp(-100, -100, 40),
        Wp(60, 40, 35, photo: true),   // over the water works
        Wp(330, 65, 30, photo: true),  // over the substation
        Wp(450, -100, 45),
        Wp(-150, -150, 40),
        Wp(-150, -150, 0),
    ], new SimulatedFlightOptions { StartUtc = start1 });
}

// Flight 2, a DJI aircraft: takes off south of the railway, flies to a point outside the prison fence,
// hovers and photographs the prison with the gimbal turned towards it, then crosses the railway and lands.
var start2 = new DateTimeOffset(2026, 5, 1, 14, 30, 0, TimeSpan.Zero);
WriteDjiFlight(Path.Combine(outDir, "demoville-dji-flight.txt"), start2);

Console.WriteLine($"demo case written to {outDir}");
return 0;

static void WriteDjiFlight(string path, DateTimeOffset start)
{
    // Legs in local metres; heights above takeoff. The hover point is 120 m east of the prison's east fence.
    (double E, double N, double H)[] legs =
    [
        (-250, 150, 0), (-250, 150, 50), (-280, 480, 50), (-280, 480, 50), (-250, 150, 50), (-250, 150, 0),
    ];
    const double speed = 6.0;   // m/s
    const int hoverFrames = 150; // 15 s at 10 Hz at the hover point
    var prisonCentre = (E: -475.0, N: 495.0);
    var frames = new List<(double E, double N, double H, double Yaw, double GimbalPitch, double GimbalYaw, bool Photo)>();
    for (int leg = 0; leg + 1 < legs.Length; leg++)
    {
        var a = legs[leg];
        var b = legs[leg + 1];
        double dist = Math.Sqrt(Math.Pow(b.E - a.E, 2) + Math.Pow(b.N - a.N, 2) + Math.Pow(b.H - a.H, 2));
        bool hover = dist < 1e-6;
        int n = hover ? hoverFrames : Math.Max(1, (int)Math.Ceiling(dist / speed * 10));
        double course = Math.Atan2(b.E - a.E, b.N - a.N) * 180 / Math.PI;
        for (int i = 0; i < n; i++)
        {
            double f = hover ? 0 : (double)i / n;
            double e = a.E + ((b.E - a.E) * f), north = a.N + ((b.N - a.N) * f), h = a.H + ((b.H - a.H) * f);
            double yaw = hover ? Bearing(e, north, prisonCentre.E, prisonCentre.N) : (Math.Abs(b.E - a.E) + Math.Abs(b.N - a.N) < 1e-6 ? 0 : course);
            double gimbalPitch = hover ? -25 : -10;
            bool photo = hover && i % 50 == 25;
            frames.Add((e, north, h, yaw, gimbalPitch, yaw, photo));
        }
    }

    using var stream = File.Create(path);
    using var writer = new FlightRecordWriter(stream, new FlightRecordWriterOptions { Version = 11 });
    var (homeLat, homeLon) = DemoTown.ToLatLon(legs[0].E, legs[0].N);
    int photos = 0;
    for (int i = 0; i < frames.Count; i++)
    {
        var fr = frames[i];
        var prev = frames[Math.Max(0, i - 1)];
        var (lat, lon) = DemoTown.ToLatLon(fr.E, fr.N);
        writer.WriteOsd(new FlightRecordOsd
        {
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            HeightAboveTakeoffMeters = fr.H,
            NorthSpeedMetersPerSecond = (fr.N - prev.N) * 10,
            EastSpeedMetersPerSecond = (fr.E - prev.E) * 10,
            DownSpeedMetersPerSecond = -(fr.H - prev.H) * 10,
            YawDegrees = Normalize180(fr.Yaw),
            FlightModeCode = 6, // P-GPS
            GpsUsed = true,
            Satellites = 15,
            FlyTimeSeconds = i / 10.0,
        });
        writer.WriteGimbal(fr.GimbalPitch, 0, Normalize180(fr.GimbalYaw));
        writer.WriteCustom(start.AddMilliseconds(100 * i), photoTaken: fr.Photo);
        if (fr.Photo)
        {
            photos++;
        }

        if (i % 10 == 0)
        {
            writer.WriteHome(homeLat, homeLon);
            writer.WriteSmartBattery(95 - (i / 100));
        }
    }

    writer.Complete(new FlightRecordDetails
    {
        City = "Demoville (fictitious)",
        RecordLineCount = frames.Count,
        StartTimeMilliseconds = start.ToUnixTimeMilliseconds(),
        LatitudeDegrees = homeLat,
        LongitudeDegrees = homeLon,
        TotalTimeMilliseconds = frames.Count * 100,
        MaxHeightMeters = 50,
        CaptureCount = photos,
        AircraftName = "Demo Mavic",
        AircraftSerial = "DEMO00000001",
        CameraSerial = "DEMOCAM0001",
        RemoteControllerSerial = "DEMORC0001",
        BatterySerial = "DEMOBAT0001",
        AppPlatformCode = 2,
        AppVersion = "4.3.4",
    });
}

static double Bearing(double fromE, double fromN, double toE, double toN) => Math.Atan2(toE - fromE, toN - fromN) * 180 / Math.PI;

static double Normalize180(double degrees)
{
    double d = ((degrees % 360) + 360) % 360;
    return d > 180 ? d - 360 : d;
}

static string FindLogs()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "FlightForensics.sln")))
        {
            return Path.Combine(dir.FullName, "logs");
        }
    }

    return "logs";
}
