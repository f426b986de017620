using System.Globalization;

namespace FlightForensics.RemoteId.Tests;

/// <summary>
/// The reference TSVs in samples/remoteid/reference (tshark + the Open Drone ID Lua dissector; the Python DJI
/// unpacker), parsed here independently of the decoder: one row per frame, columns by header name, several
/// occurrences of a field joined with ';'.
/// </summary>
internal sealed class ReferenceTsv
{
    private readonly Dictionary<string, int> _columns;

    private ReferenceTsv(Dictionary<string, int> columns, List<string[]> rows)
    {
        _columns = columns;
        Rows = rows;
    }

    public List<string[]> Rows { get; }

    public static ReferenceTsv Load(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split('\t');
        var columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        return new ReferenceTsv(columns, rows);
    }

    public string Cell(string[] row, string column) => _columns.TryGetValue(column, out int i) && i < row.Length ? row[i] : "";

    /// <summary>The values of a field in one row, empty occurrences dropped.</summary>
    public string[] Values(string[] row, string column) =>
        Cell(row, column).Split(';', StringSplitOptions.RemoveEmptyEntries);

    public long Frame(string[] row) => long.Parse(row[0], CultureInfo.InvariantCulture);

    public static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    public static double Double(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
