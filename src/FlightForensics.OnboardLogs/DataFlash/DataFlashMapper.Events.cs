using System.Globalization;
using System.Text.RegularExpressions;
using FlightForensics.Core.Model;

namespace FlightForensics.OnboardLogs.DataFlash;

// Events, errors and messages: MODE, EV, ERR, MSG, CMD, CAM/TRIG and ORGN records as flight events (and the vehicle identity MSG states).
internal sealed partial class DataFlashMapper
{
    private void OnMode(Binding b, in DataFlashRecord r, long us)
    {
        if (!r.TryGetInt64(b.A, out long mode))
        {
            return;
        }

        _modeNumber = (int)mode;
        _modeName = ModeString(_modeNumber);
        AddEvent(r.Offset, us, FlightEventKind.ModeChange, _modeName);
    }

    private string ModeString(int mode) => string.Intern(ArduPilotNames.ModeName(_vehicle, mode));

    private void OnEvent(Binding b, in DataFlashRecord r, long us)
    {
        if (!r.TryGetInt64(b.A, out long id))
        {
            return;
        }

        var kind = id switch
        {
            10 or 15 => FlightEventKind.Arm,
            11 => FlightEventKind.Disarm,
            18 => FlightEventKind.Landing,
            28 => FlightEventKind.Takeoff,
            25 => FlightEventKind.HomeSet,
            _ => FlightEventKind.Other,
        };
        AddEvent(r.Offset, us, kind, $"EV {id.ToString(CultureInfo.InvariantCulture)} {ArduPilotNames.EventName((int)id)}");
    }

    private void OnError(Binding b, in DataFlashRecord r, long us)
    {
        r.TryGetInt64(b.A, out long subsystem);
        r.TryGetInt64(b.B, out long code);
        // ECode 0 means the error cleared (AP_Logger LogErrorCode ERROR_RESOLVED).
        var kind = code == 0 ? FlightEventKind.Other : FlightEventKind.Error;
        AddEvent(r.Offset, us, kind, string.Create(CultureInfo.InvariantCulture,
            $"ERR {ArduPilotNames.ErrorSubsystemName((int)subsystem)} ({subsystem}) code {code}{(code == 0 ? " (resolved)" : "")}"));
    }

    private void OnMessage(Binding b, in DataFlashRecord r, long us)
    {
        string text = r.GetString(b.A) ?? "";
        AddEvent(r.Offset, us, FlightEventKind.TextMessage, text);
        if (!_bannerSeen && ArduPilotNames.VehicleFromBanner(text) is var v and not ArduPilotVehicle.Unknown)
        {
            _bannerSeen = true;
            _vehicle = v;
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            _sink.AddVehicle(new VehicleIdentity
            {
                Autopilot = "ArduPilot",
                VehicleType = v.ToString(),
                FirmwareVersion = space > 0 ? text[(space + 1)..].Trim() : text,
            });
            if (_modeNumber >= 0)
            {
                _modeName = ModeString(_modeNumber);
            }
        }
        else if (!_boardSeen && BoardLine().Match(text) is { Success: true } m)
        {
            // "MatekH743 004B0026 33395105 33383930": board name and the MCU's 96-bit unique id (ArduPilot prints it at boot).
            _boardSeen = true;
            _sink.AddVehicle(new VehicleIdentity { Model = m.Groups[1].Value, FlightControllerSerial = m.Groups[2].Value });
        }
    }

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9_\\-]*) ([0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8})$", RegexOptions.CultureInvariant)]
    private static partial Regex BoardLine();

    private void OnCommand(Binding b, in DataFlashRecord r, long us)
    {
        r.TryGetInt64(b.A, out long total);
        r.TryGetInt64(b.B, out long number);
        r.TryGetInt64(b.C, out long command);
        long? frame = r.TryGetInt64(b.G, out long f) ? f : null;
        double? lat = D(r, b.D), lon = D(r, b.E), alt = D(r, b.F);
        bool hasPosition = lat is double la && lon is double lo && !(la == 0 && lo == 0);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"CMD {number}/{total} {ArduPilotNames.CommandName((int)command)} ({command}) frame {frame}");
        if (D(r, b.H) is double p1 && p1 != 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" p1 {p1:0.###}");
        }

        if (hasPosition)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" at {lat:0.0000000},{lon:0.0000000} alt {alt:0.##} m");
        }

        // MAV_FRAME 0/5 = global (MSL), 3/6 = relative to home; terrain frames (10/11) have no field in the model,
        // and old layouts without a Frame column leave the altitude's reference unknown, so it is not placed.
        Event(new FlightEvent
        {
            Kind = FlightEventKind.MissionItem,
            Text = text,
            TimeUtc = Utc(us),
            ElapsedSeconds = us != long.MinValue ? us / 1e6 : null,
            SourceOffset = r.Offset,
            LatitudeDegrees = hasPosition ? lat : null,
            LongitudeDegrees = hasPosition ? lon : null,
            AltitudeMslMeters = hasPosition && frame is 0 or 5 ? alt : null,
            HeightAboveTakeoffMeters = hasPosition && frame is 3 or 6 ? alt : null,
        });
    }

    private void OnCamera(Binding b, in DataFlashRecord r, long us)
    {
        r.TryGetInt64(b.A, out long image);
        DateTimeOffset? utc = null;
        if (r.TryGetInt64(b.C, out long week) && r.TryGetInt64(b.B, out long ms))
        {
            // CAM/TRIG carry their own GPS time; week 0 means the camera fired before GPS time was known.
            utc = GpsTime.ToUtc(week, ms);
        }

        utc ??= Utc(us);
        double? lat = D(r, b.D), lon = D(r, b.E);
        bool hasPosition = lat is double la && lon is double lo && !(la == 0 && lo == 0);
        string what = b.Role == Role.Cam ? "CAM (camera feedback)" : "TRIG (trigger commanded)";
        var text = string.Create(CultureInfo.InvariantCulture, $"{what} image {image}");
        if (D(r, b.H) is double roll && D(r, b.J) is double pitch && D(r, b.K) is double yaw)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" roll {roll:0.##} pitch {pitch:0.##} yaw {yaw:0.##}");
        }

        Event(new FlightEvent
        {
            Kind = FlightEventKind.Photo,
            Text = text,
            TimeUtc = utc,
            ElapsedSeconds = us != long.MinValue ? us / 1e6 : null,
            SourceOffset = r.Offset,
            LatitudeDegrees = hasPosition ? lat : null,
            LongitudeDegrees = hasPosition ? lon : null,
            AltitudeMslMeters = hasPosition ? D(r, b.F) : null,
            HeightAboveTakeoffMeters = hasPosition ? D(r, b.G) : null,
        });
        _photoPending = true;
    }

    private void OnOrigin(Binding b, in DataFlashRecord r, long us)
    {
        // ORGN Type 0 = EKF origin, 1 = AHRS home (AP_AHRS LogOriginType).
        if (!r.TryGetInt64(b.A, out long type) || type != 1 || D(r, b.B) is not double lat || D(r, b.C) is not double lon || (lat == 0 && lon == 0))
        {
            return;
        }

        _sink.SetHome(new HomePoint(lat, lon) { AltitudeMslMeters = D(r, b.D), TimeUtc = Utc(us), SourceOffset = r.Offset });
        AddEvent(r.Offset, us, FlightEventKind.HomeSet, string.Create(CultureInfo.InvariantCulture, $"home {lat:0.0000000},{lon:0.0000000}"));
    }

    private void AddEvent(long offset, long us, FlightEventKind kind, string text) =>
        Event(new FlightEvent
        {
            Kind = kind,
            Text = text,
            TimeUtc = Utc(us),
            ElapsedSeconds = us != long.MinValue ? us / 1e6 : null,
            SourceOffset = offset,
        });

    private long _events;

    private void Event(FlightEvent flightEvent)
    {
        if (++_events <= _options.MaxEvents)
        {
            _sink.AddEvent(flightEvent);
        }
        else if (_events == _options.MaxEvents + 1)
        {
            _sink.AddDiagnostic(flightEvent.SourceOffset, DiagnosticKind.Note, $"more than {_options.MaxEvents} events; further ones are counted (dataflash.eventsNotStored), not kept");
        }
    }
}
