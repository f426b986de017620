using System.CommandLine;
using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;
using FlightForensics.Core.Model;
using FlightForensics.Reporting.Exports;

namespace FlightForensics.Cli.Verbs;

/// <summary><c>info FILE [--json]</c>: what the evidence is and what it holds, in one screen.</summary>
public static class InfoVerb
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var json = new Option<bool>("--json") { Description = "Machine-readable JSON on stdout." };
        var command = new Command("info", "Format, version, SHA-256, size, vehicle, start, duration, samples, bounds, home point, damage.");
        common.AddTo(command);
        command.Options.Add(json);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = parse.GetValue(common.File)!;
            var options = common.ToDecodeOptions(parse);
            bool asJson = parse.GetValue(json);
            var evidence = EvidenceFile.Open(path);
            FlightLog log;
            try
            {
                log = context.Reader.ReadSummary(path, options);
            }
            catch (UnsupportedFormatException ex) when (asJson)
            {
                // The hash is worth having even for a file nobody can decode.
                OutputTarget.WriteJson(context, null, null, w => EvidenceJson.WriteUnsupported(w, evidence, ex));
                throw;
            }

            if (asJson)
            {
                var aircraft = log.FormatId == RemoteIdInfo.FormatId ? RemoteIdInfo.ReadAircraft(path) : null;
                OutputTarget.WriteJson(context, null, null, w => EvidenceJson.WriteInfo(w, log, aircraft is null ? null : a => RemoteIdInfo.WriteAircraft(a, aircraft)));
            }
            else
            {
                HumanOutput.WriteInfo(context.Stderr, log);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
