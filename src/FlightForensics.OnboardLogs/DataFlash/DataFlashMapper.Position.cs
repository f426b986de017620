using FlightForensics.Core.Model;

namespace FlightForensics.OnboardLogs.DataFlash;

// Position and GPS: POS and GPS records, the UTC anchor from GPS time, and the samples they give.
internal sealed partial class DataFlashMapper
{
    private void OnPos(Binding b, in DataFlashRecord r, long us)
    {
        _anyPos = true;
        if (_prescan.Known && !_prescan.HasPos)
        {
            return;
        }

        EmitSample(r.Offset, us, D(r, b.A), D(r, b.B), D(r, b.C), D(r, b.D), fromGps: false);
    }

    private void OnGps(in DataFlashRecord r, long us)
    {
        var g = _gpsColumns;
        g.Bind(r.Format);
        if (!g.IsPrimary(r))
        {
            return;
        }

        if (g.TryAnchor(r, out long ticks))
        {
            if (_bootUtcTicks is not long current)
            {
                _bootUtcTicks = ticks;
            }
            else if (Math.Abs(ticks - current) > _reanchorTicks)
            {
                _sink.AddDiagnostic(r.Offset, DiagnosticKind.Note,
                    $"GPS time disagrees with the boot clock by {(ticks - current) / (double)TimeSpan.TicksPerSecond:0.###} s (reboot or clock jump); UTC re-anchored here");
                _bootUtcTicks = ticks;
            }
        }

        _gpsUs = us;
        _gpsSpeed = D(r, g.Spd);
        _gpsCourse = D(r, g.Crs) is double c ? ((c % 360) + 360) % 360 : null;
        // ArduPilot logs GPS VZ in NED (down positive); the model's vertical speed is up-positive.
        _gpsClimb = D(r, g.Vz) is double vz ? -vz : null;
        _gpsSats = r.TryGetInt64(g.Sats, out long sats) ? (int)Math.Clamp(sats, 0, 255) : null;
        _gpsFix = r.TryGetInt64(g.Status, out long st) && st is >= 0 and <= 8 ? (GpsFix)st : null;

        // Samples come from GPS only when the log has no POS at all (contract: "DataFlash per POS (GPS where none)").
        // Without a prescan (unseekable input) a defined POS format is taken as the promise of POS records.
        bool gpsGivesSamples = _prescan.Known ? !_prescan.HasPos : !_anyPos && _posDefined is false;
        if (gpsGivesSamples)
        {
            EmitSample(r.Offset, us, D(r, g.Lat), D(r, g.Lng), D(r, g.Alt), null, fromGps: true);
        }
    }

    private void EmitSample(long offset, long us, double? lat, double? lon, double? altMsl, double? relHome, bool fromGps)
    {
        bool timed = us != long.MinValue;
        double? heightAboveTakeoff = relHome;
        if (fromGps && timed)
        {
            // GPS records carry no height above home; the barometer's (ArduPilot calibrates it on the ground) is stated separately.
            heightAboveTakeoff = Fresh(_baroUs, us) ? _baroAlt : Fresh(_ctunUs, us) ? _ctunBaroAlt : null;
        }

        bool gpsFresh = timed && Fresh(_gpsUs, us);
        var sample = new TelemetrySample
        {
            TimeUtc = Utc(us),
            ElapsedSeconds = timed ? us / 1e6 : null,
            LatitudeDegrees = lat,
            LongitudeDegrees = lon,
            AltitudeMslMeters = altMsl,
            HeightAboveTakeoffMeters = heightAboveTakeoff,
            HeightAboveGroundMeters = timed && Fresh(_rfndUs, us) ? _rangeAgl : null,
            GroundSpeedMetersPerSecond = gpsFresh ? _gpsSpeed : null,
            VerticalSpeedMetersPerSecond = gpsFresh ? _gpsClimb : null,
            CourseDegrees = gpsFresh ? _gpsCourse : null,
            Satellites = gpsFresh ? _gpsSats : null,
            GpsFix = gpsFresh ? _gpsFix : null,
            RollDegrees = timed && Fresh(_attUs, us) ? _roll : null,
            PitchDegrees = timed && Fresh(_attUs, us) ? _pitch : null,
            YawDegrees = timed && Fresh(_attUs, us) ? _yaw : null,
            GimbalRollDegrees = timed && Fresh(_mntUs, us) ? _gRoll : null,
            GimbalPitchDegrees = timed && Fresh(_mntUs, us) ? _gPitch : null,
            GimbalYawDegrees = timed && Fresh(_mntUs, us) ? _gYaw : null,
            BatteryPercent = timed && _batUs != long.MinValue && us - _batUs <= _maxBatteryAgeUs && us >= _batUs ? _batPct : null,
            FlightMode = _modeName,
            PhotoTaken = _photoPending ? true : null,
            SourceOffset = offset,
        };
        _photoPending = false;
        _sink.AddSample(sample);
    }
}
