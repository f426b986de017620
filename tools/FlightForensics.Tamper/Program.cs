using FlightForensics.Tamper;

// FlightForensics.Tamper ORIGINAL.tlog [SPLICE.tlog] OUTDIR [--seeds N]
// Writes edited copies of ORIGINAL into OUTDIR (which must exist and must not hold the original) and truth.json.
var positional = new List<string>();
int seeds = 3;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--seeds" && i + 1 < args.Length)
    {
        seeds = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    }
    else
    {
        positional.Add(args[i]);
    }
}

if (positional.Count is < 2 or > 3 || !Directory.Exists(positional[^1]))
{
    Console.Error.WriteLine("usage: FlightForensics.Tamper ORIGINAL.tlog [SPLICE.tlog] OUTDIR [--seeds N]   (OUTDIR must exist)");
    return 1;
}

string original = positional[0], outDir = positional[^1];
string? splice = positional.Count == 3 ? positional[1] : null;
var truth = new List<InjectedEdit>();
for (int seed = 1; seed <= seeds; seed++)
{
    foreach (var (edit, bytes) in TamperPlan.Make(original, splice, seed))
    {
        var path = Path.Combine(outDir, edit.File);
        if (Path.GetFullPath(path) == Path.GetFullPath(original) || File.Exists(path))
        {
            Console.Error.WriteLine($"refusing to overwrite {path}");
            return 2;
        }

        File.WriteAllBytes(path, bytes);
        truth.Add(edit);
    }
}

using (var stream = File.Create(Path.Combine(outDir, Path.GetFileNameWithoutExtension(original) + ".truth.json")))
{
    InjectedEdit.WriteJson(stream, truth);
}

Console.Error.WriteLine($"{truth.Count} edited copies of {Path.GetFileName(original)} in {outDir}");
return 0;
