using FlightForensics.Core.Decoding;
using FlightForensics.Core.Evidence;

namespace FlightForensics.Cli;

/// <summary>What every verb needs: the decoders, and where machine and human output go.</summary>
public sealed class CliContext(FormatRegistry registry, TextWriter stdout, TextWriter stderr, Stream? stdoutStream = null)
{
    public FormatRegistry Registry { get; } = registry;
    public FlightLogReader Reader { get; } = new(registry);
    public TextWriter Stdout { get; } = stdout;
    public TextWriter Stderr { get; } = stderr;

    /// <summary>The raw stdout stream when running as a process; null in tests (text output is used then).</summary>
    public Stream? StdoutStream { get; } = stdoutStream;

    /// <summary>Environment lookup (DJI_API_KEY, DJI_KEYCHAIN_URL); replaceable so tests need not change the process environment.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Runs a verb's body, turning "this input cannot be used" into exit 2 with one line on stderr,
    /// never a stack trace. Set FLIGHTFORENSICS_DEBUG=1 to see the trace of an unexpected error.
    /// </summary>
    public int Guard(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return GuardAsync(() => Task.FromResult(body())).GetAwaiter().GetResult();
    }

    /// <inheritdoc cref="Guard"/>
    public async Task<int> GuardAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UsageException or OutputRefusedException or OutputUnwritableException)
        {
            Stderr.WriteLine($"flightforensics: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (FlightLogException ex)
        {
            Stderr.WriteLine($"flightforensics: {ex.Message}");
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            Stderr.WriteLine("flightforensics: cancelled");
            return ExitCodes.InputError;
        }
        catch (System.Data.Common.DbException ex)
        {
            // A database call that no Postgis wrapper anticipated: still one line, never a trace.
            Stderr.WriteLine($"flightforensics: the database failed: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Stderr.WriteLine($"flightforensics: {ex.Message}");
            return ExitCodes.InputError;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: one line on stderr, never a trace, for any failure.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Stderr.WriteLine($"flightforensics: internal error while processing the input: {ex.GetType().Name}: {ex.Message}");
            if (Environment.GetEnvironmentVariable("FLIGHTFORENSICS_DEBUG") == "1")
            {
                Stderr.WriteLine(ex.ToString());
            }

            return ExitCodes.InputError;
        }
    }
}

public static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int InputError = 2;
}
