using System.Diagnostics;
using System.Text;

namespace FlightForensics.Reporting.External;

/// <summary>The outcome of running an optional external program: success, or a message a user can act on.</summary>
public sealed record ToolOutcome(bool Success, string Message)
{
    public static ToolOutcome Ok(string message) => new(true, message);
    public static ToolOutcome Failed(string message) => new(false, message);
}

/// <summary>Finds and runs the optional programs (chromium) without a shell.</summary>
public static class ExternalTool
{
    /// <summary>Full path of the first of <paramref name="names"/> found on PATH, or null.</summary>
    public static string? Find(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in names)
        {
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs a program with arguments (no shell), returns exit code and captured output; kills it on timeout.</summary>
    public static (int ExitCode, string StdOut, string StdErr, bool TimedOut) Run(string program, IEnumerable<string> arguments, TimeSpan timeout, byte[]? stdin = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }

        if (!process.WaitForExit(timeout))
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended between the timeout and the kill.
            }

            process.WaitForExit();
            return (-1, stdout.ToString(), stderr.ToString(), true);
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.ToString(), stderr.ToString(), false);
    }
}
