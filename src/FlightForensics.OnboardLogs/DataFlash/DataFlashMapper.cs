using FlightForensics.Core.Decoding;
using FlightForensics.Core.Model;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>One decoding run: DataFlash records in, telemetry model out. All state of the run lives here.</summary>
internal sealed partial class DataFlashMapper
{
    private readonly FlightLogSink _sink;
    private readonly DataFlashDecoderOptions _options;
    private readonly DataFlashPrescan _prescan;
    private readonly long[] _counts = new long[256];
    private readonly DataFlashFormat?[] _countedAs = new DataFlashFormat?[256];
    private readonly Binding?[] _bindings = new Binding?[256];
    private readonly GpsColumns _gpsColumns = new();
    private readonly long _maxStateAgeUs;
    private readonly long _maxBatteryAgeUs;
    private readonly long _reanchorTicks;

    private DataFlashSchema? _schema;
    private long? _bootUtcTicks;
    private ArduPilotVehicle _vehicle;
    private bool _bannerSeen;
    private bool _boardSeen;
    private int _modeNumber = -1;
    private string? _modeName;
    private bool _photoPending;
    private bool _anyPos;
    private bool _posDefined;

    // Latest state, each with the boot time (µs) it was logged at.
    private long _attUs = long.MinValue; private double? _roll, _pitch, _yaw;
    private long _gpsUs = long.MinValue; private double? _gpsSpeed, _gpsCourse, _gpsClimb; private int? _gpsSats; private GpsFix? _gpsFix;
    private long _mntUs = long.MinValue; private double? _gRoll, _gPitch, _gYaw;
    private long _batUs = long.MinValue; private double? _batPct;
    private long _baroUs = long.MinValue; private double? _baroAlt;
    private long _ctunUs = long.MinValue; private double? _ctunBaroAlt;
    private long _rfndUs = long.MinValue; private double? _rangeAgl;

    public DataFlashMapper(FlightLogSink sink, DataFlashDecoderOptions options, DataFlashPrescan prescan)
    {
        _sink = sink;
        _options = options;
        _prescan = prescan;
        _bootUtcTicks = prescan.BootUtcTicks;
        _maxStateAgeUs = (long)(options.MaxStateAgeSeconds * 1e6);
        _maxBatteryAgeUs = (long)(options.MaxBatteryAgeSeconds * 1e6);
        _reanchorTicks = (long)(options.ReanchorThresholdSeconds * TimeSpan.TicksPerSecond);
    }

    public void Run(Stream input, CancellationToken cancellationToken)
    {
        using var reader = DataFlashDecoder.OpenRecords(input, _sink, _options.Reader);
        _schema = reader.Schema;
        long n = 0;
        try
        {
            while (reader.TryReadNext(out var record))
            {
                if ((++n & 0xFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                byte type = record.Format.TypeId;
                if (type == DataFlashSchema.FmtTypeId && !_posDefined && reader.Schema.Formats.Any(f => f.Name == "POS"))
                {
                    _posDefined = true;
                }

                if (!ReferenceEquals(_countedAs[type], record.Format))
                {
                    FlushCount(type);
                    _countedAs[type] = record.Format;
                }

                _counts[type]++;
                var binding = _bindings[type];
                if (binding is null || !ReferenceEquals(binding.Format, record.Format))
                {
                    binding = Bind(record.Format);
                    _bindings[type] = binding;
                }

                if (binding.Role != Role.None)
                {
                    Map(binding, record);
                }
            }
        }
        finally
        {
            FlushCounters(reader);
        }
    }

    /// <summary>The boot-clock column of a format: TimeUS (µs), else the old TimeMS (ms); GPS of old logs keeps boot ms in "T".</summary>
    internal static (int Index, bool IsMs) TimeColumn(DataFlashFormat f)
    {
        int us = f.IndexOf("TimeUS");
        if (us >= 0)
        {
            return (us, false);
        }

        // Old GPS layouts (ArduCopter 3.1: Status,TimeMS,Week,...,T) use TimeMS for the GPS millisecond of week.
        if (f.IndexOf("Week") >= 0 && f.IndexOf("T") is int t and >= 0)
        {
            return (t, true);
        }

        return (f.IndexOf("TimeMS"), true);
    }

    internal static bool TryTimeUs(in DataFlashRecord r, int column, bool isMs, out long us)
    {
        if (!r.TryGetInt64(column, out us))
        {
            return false;
        }

        if (isMs)
        {
            us *= 1000;
        }

        return us >= 0;
    }

    private void Map(Binding b, in DataFlashRecord r)
    {
        bool timed = TryTimeUs(r, b.Time, b.TimeIsMs, out long us);
        if (!timed)
        {
            us = long.MinValue;
        }

        switch (b.Role)
        {
            case Role.Pos: OnPos(b, r, us); break;
            case Role.Gps: OnGps(r, us); break;
            case Role.Att: OnAttitude(b, r, us); break;
            case Role.Mnt: OnMount(b, r, us); break;
            case Role.Bat: OnBattery(b, r, us); break;
            case Role.Baro: OnBaro(b, r, us); break;
            case Role.Ctun: OnControlTuning(b, r, us); break;
            case Role.Rfnd: OnRangefinder(b, r, us); break;
            case Role.Mode: OnMode(b, r, us); break;
            case Role.Ev: OnEvent(b, r, us); break;
            case Role.Err: OnError(b, r, us); break;
            case Role.Msg: OnMessage(b, r, us); break;
            case Role.Cmd: OnCommand(b, r, us); break;
            case Role.Cam or Role.Trig: OnCamera(b, r, us); break;
            case Role.Orgn: OnOrigin(b, r, us); break;
            case Role.Ver:
                if (r.GetString(b.A) is { Length: > 0 } fws)
                {
                    _sink.AddVehicle(new VehicleIdentity { Autopilot = "ArduPilot", FirmwareVersion = fws.Trim() });
                }

                break;
            default: break;
        }
    }

    private DateTimeOffset? Utc(long us) =>
        us != long.MinValue && _bootUtcTicks is long boot && boot + (us * 10) is long t && t > 0 && t < DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;

    private bool Fresh(long stateUs, long nowUs) => stateUs != long.MinValue && nowUs >= stateUs && nowUs - stateUs <= _maxStateAgeUs;

    private static bool IsPrimary(Binding b, in DataFlashRecord r) => b.Instance < 0 || (r.TryGetInt64(b.Instance, out long i) && i == 0);

    private static double? D(in DataFlashRecord r, int column) => r.TryGetDouble(column, out double v) && double.IsFinite(v) ? v : null;
}
