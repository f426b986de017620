namespace FlightForensics.OnboardLogs.DataFlash;

// Attitude and the other latest state a sample takes when fresh: ATT, MNT/GIMBAL, BAT, BARO, CTUN, RFND.
internal sealed partial class DataFlashMapper
{
    private void OnAttitude(Binding b, in DataFlashRecord r, long us)
    {
        _attUs = us; _roll = D(r, b.A); _pitch = D(r, b.B); _yaw = D(r, b.C);
    }

    private void OnMount(Binding b, in DataFlashRecord r, long us)
    {
        if (IsPrimary(b, r))
        {
            _mntUs = us; _gRoll = D(r, b.A); _gPitch = D(r, b.B); _gYaw = D(r, b.C);
        }
    }

    private void OnBattery(Binding b, in DataFlashRecord r, long us)
    {
        if (IsPrimary(b, r) && D(r, b.A) is double pct && pct is >= 0 and <= 100)
        {
            _batUs = us; _batPct = pct;
        }
    }

    private void OnBaro(Binding b, in DataFlashRecord r, long us)
    {
        if (IsPrimary(b, r))
        {
            _baroUs = us; _baroAlt = D(r, b.A);
        }
    }

    private void OnControlTuning(Binding b, in DataFlashRecord r, long us)
    {
        _ctunUs = us; _ctunBaroAlt = D(r, b.A);
    }

    private void OnRangefinder(Binding b, in DataFlashRecord r, long us)
    {
        if (!IsPrimary(b, r))
        {
            return;
        }

        // Only a downward rangefinder (orientation 25 = pitch 270) with status Good (4) measures height above ground.
        bool down = b.B >= 0 && r.TryGetInt64(b.B, out long orient) && orient == 25;
        bool good = b.C < 0 || (r.TryGetInt64(b.C, out long stat) && stat == 4);
        if (down && good && r.TryGetScaled(b.A, _schema!, out double dist))
        {
            _rfndUs = us;
            _rangeAgl = dist;
        }
    }
}
