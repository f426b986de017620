namespace FlightForensics.OnboardLogs.DataFlash;

// The column binding of each mapped format: its role and the indexes of the columns the mapping reads, found once per FMT.
internal sealed partial class DataFlashMapper
{
    private enum Role : byte
    {
        None, Pos, Gps, Att, Mode, Ev, Err, Msg, Cmd, Cam, Trig, Mnt, Bat, Baro, Ctun, Rfnd, Orgn, Ver,
    }

    private static Binding Bind(DataFlashFormat f)
    {
        var role = f.Name switch
        {
            "POS" => Role.Pos,
            "GPS" => Role.Gps,
            "ATT" => Role.Att,
            "MODE" => Role.Mode,
            "EV" => Role.Ev,
            "ERR" => Role.Err,
            "MSG" => Role.Msg,
            "CMD" => Role.Cmd,
            "CAM" => Role.Cam,
            "TRIG" => Role.Trig,
            "MNT" or "GIMBAL" => Role.Mnt,
            "BAT" => Role.Bat,
            "BARO" => Role.Baro,
            "CTUN" => Role.Ctun,
            "RFND" => Role.Rfnd,
            "ORGN" => Role.Orgn,
            "VER" => Role.Ver,
            _ => Role.None,
        };
        var (time, isMs) = TimeColumn(f);
        var b = new Binding(f, role, time, isMs) { Instance = f.IndexOf("I") };
        switch (role)
        {
            case Role.Pos:
                b.A = f.IndexOf("Lat"); b.B = f.IndexOfAny("Lng", "Lon"); b.C = f.IndexOf("Alt"); b.D = f.IndexOf("RelHomeAlt");
                break;
            case Role.Att:
                b.A = f.IndexOf("Roll"); b.B = f.IndexOf("Pitch"); b.C = f.IndexOf("Yaw");
                break;
            case Role.Mode:
                b.A = f.IndexOf("Mode"); b.B = f.IndexOf("ModeNum");
                break;
            case Role.Ev:
                b.A = f.IndexOf("Id");
                break;
            case Role.Err:
                b.A = f.IndexOf("Subsys"); b.B = f.IndexOf("ECode");
                break;
            case Role.Msg:
                b.A = f.IndexOf("Message");
                break;
            case Role.Cmd:
                b.A = f.IndexOf("CTot"); b.B = f.IndexOf("CNum"); b.C = f.IndexOf("CId"); b.D = f.IndexOf("Lat"); b.E = f.IndexOfAny("Lng", "Lon");
                b.F = f.IndexOf("Alt"); b.G = f.IndexOf("Frame"); b.H = f.IndexOf("Prm1");
                break;
            case Role.Cam or Role.Trig:
                b.A = f.IndexOf("Img"); b.B = f.IndexOf("GPSTime"); b.C = f.IndexOf("GPSWeek"); b.D = f.IndexOf("Lat"); b.E = f.IndexOfAny("Lng", "Lon");
                b.F = f.IndexOf("Alt"); b.G = f.IndexOf("RelAlt"); b.H = f.IndexOfAny("R", "Roll"); b.J = f.IndexOfAny("P", "Pitch"); b.K = f.IndexOfAny("Y", "Yaw");
                break;
            case Role.Mnt:
                // Only an earth-frame yaw (YawE) is a gimbal yaw in the model's sense; older layouts' Yaw frame is not stated.
                b.A = f.IndexOf("Roll"); b.B = f.IndexOf("Pitch"); b.C = f.IndexOf("YawE");
                break;
            case Role.Bat:
                b.A = f.IndexOfAny("RemPct", "Rem");
                break;
            case Role.Baro:
                b.A = f.IndexOf("Alt");
                break;
            case Role.Ctun:
                b.A = f.IndexOf("BAlt");
                break;
            case Role.Rfnd:
                b.A = f.IndexOfAny("Dist", "Dist1"); b.B = f.IndexOf("Orient"); b.C = f.IndexOf("Stat");
                break;
            case Role.Orgn:
                b.A = f.IndexOf("Type"); b.B = f.IndexOf("Lat"); b.C = f.IndexOfAny("Lng", "Lon"); b.D = f.IndexOf("Alt");
                break;
            case Role.Ver:
                b.A = f.IndexOf("FWS");
                break;
            default:
                break;
        }

        return b;
    }

    private sealed class Binding(DataFlashFormat format, Role role, int time, bool timeIsMs)
    {
        public DataFlashFormat Format { get; } = format;
        public Role Role { get; } = role;
        public int Time { get; } = time;
        public bool TimeIsMs { get; } = timeIsMs;
        public int Instance = -1, A = -1, B = -1, C = -1, D = -1, E = -1, F = -1, G = -1, H = -1, J = -1, K = -1;
    }
}
