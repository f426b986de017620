using System.Text;

namespace FlightForensics.OnboardLogs.DataFlash;

/// <summary>
/// What a DataFlash log has told about itself so far: FMT definitions by type id, FMTU unit/multiplier
/// ids per column, and the UNIT and MULT tables. Built while reading (definitions may change mid-log).
/// </summary>
public sealed class DataFlashSchema
{
    /// <summary>The only hard-wired type: FMT is type 128, 89 bytes, <c>BBnNZ</c> (mavlink-formats.md §6.1).</summary>
    public const byte FmtTypeId = 0x80;
    public const int FmtLength = 89;

    private readonly DataFlashFormat?[] _byType = new DataFlashFormat?[256];
    private readonly (string Units, string Multipliers)?[] _fmtu = new (string, string)?[256];
    private readonly string?[] _units = new string?[128];
    private readonly double?[] _multipliers = new double?[128];

    public DataFlashSchema()
    {
        _byType[FmtTypeId] = DataFlashFormat.Create(FmtTypeId, FmtLength, "FMT", "BBnNZ", "Type,Length,Name,Format,Columns");
    }

    /// <summary>The format of a type id, or null when no FMT has defined it.</summary>
    public DataFlashFormat? this[byte typeId] => _byType[typeId];

    /// <summary>All defined formats (current definitions).</summary>
    public IEnumerable<DataFlashFormat> Formats => _byType.Where(f => f is not null)!;

    /// <summary>Unit label (UNIT table) of a unit id, or null.</summary>
    public string? Unit(char unitId) => unitId < 128 ? _units[unitId] : null;

    /// <summary>Multiplier (MULT table) of a multiplier id, or null when unknown or "no multiplier" ('-').</summary>
    public double? Multiplier(char multiplierId) => multiplierId is > (char)0 and < (char)128 ? _multipliers[multiplierId] : null;

    internal DataFlashFormat Define(byte typeId, int length, string name, string formatChars, string columns)
    {
        var format = DataFlashFormat.Create(typeId, length, name, formatChars, columns);
        _byType[typeId] = format;
        if (_fmtu[typeId] is var (u, m))
        {
            ApplyFmtu(format, u, m);
        }

        return format;
    }

    internal void SetFmtu(byte typeId, string unitIds, string multiplierIds)
    {
        _fmtu[typeId] = (unitIds, multiplierIds);
        if (_byType[typeId] is DataFlashFormat format)
        {
            ApplyFmtu(format, unitIds, multiplierIds);
        }
    }

    internal void SetUnit(char id, string label)
    {
        if (id < 128)
        {
            _units[id] = label;
        }
    }

    internal void SetMultiplier(char id, double value)
    {
        if (id < 128 && id != '-' && double.IsFinite(value))
        {
            // MULT values are floats logged as doubles (1e-7 arrives as 9.99999997e-08): round to 7 significant digits
            // the way pymavlink DFReader does, so scaled values are not off in the 8th digit.
            _multipliers[id] = value == 0 ? 0 : double.Parse(value.ToString("G7", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Learns from an FMTU, UNIT or MULT record (by its format's name): FMTU gives a type's unit and multiplier ids per
    /// column, UNIT a unit label, MULT a multiplier (mavlink-formats.md §6.1). Shared by the binary and text readers.
    /// </summary>
    internal void ApplyUnitsRecord(DataFlashFormat format, ReadOnlySpan<byte> body)
    {
        var record = new DataFlashRecord(0, format, body);
        switch (format.Name)
        {
            case "FMTU":
            {
                // FMTU: TimeUS, FmtType, UnitIds char[16], MultIds char[16].
                int t = format.IndexOf("FmtType"), u = format.IndexOf("UnitIds"), m = format.IndexOf("MultIds");
                if (record.TryGetInt64(t, out long fmtType) && fmtType is >= 0 and <= 255 && u >= 0 && m >= 0)
                {
                    SetFmtu((byte)fmtType, record.GetString(u) ?? "", record.GetString(m) ?? "");
                }

                break;
            }

            case "UNIT":
            {
                int i = format.IndexOf("Id"), l = format.IndexOf("Label");
                if (record.TryGetInt64(i, out long id) && l >= 0)
                {
                    SetUnit((char)(byte)id, record.GetString(l) ?? "");
                }

                break;
            }

            case "MULT":
            {
                int i = format.IndexOf("Id"), v = format.IndexOf("Mult");
                if (record.TryGetInt64(i, out long id) && record.TryGetRaw(v, out double mult))
                {
                    SetMultiplier((char)(byte)id, mult);
                }

                break;
            }

            default:
                break;
        }
    }

    private static void ApplyFmtu(DataFlashFormat format, string unitIds, string multiplierIds)
    {
        for (int i = 0; i < format.Columns.Count; i++)
        {
            format.Columns[i].UnitId = i < unitIds.Length ? unitIds[i] : '\0';
            format.Columns[i].MultiplierId = i < multiplierIds.Length ? multiplierIds[i] : '\0';
        }
    }

    /// <summary>Fixed-size NUL-padded ASCII field to a string (Latin-1 so no byte is replaced).</summary>
    internal static string Text(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        return Encoding.Latin1.GetString(nul >= 0 ? field[..nul] : field);
    }
}
