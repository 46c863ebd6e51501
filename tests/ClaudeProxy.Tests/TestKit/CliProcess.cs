using System.Diagnostics;
using System.Text;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// Runs a command-line program the tests drive (an npm install step, a CLI under test): stdin
/// closed, both outputs captured, and the whole process tree killed when it outlives its time.
/// </summary>
public static class CliProcess
{
    /// <summary>
    /// Starts <paramref name="start"/> and waits for it to end. A run that outlives
    /// <paramref name="timeout"/> is killed with its children and reported as timed out; a cancelled
    /// <paramref name="cancellationToken"/> kills it too and then throws.
    /// </summary>
    public static async Task<ProcessOutcome> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{start.FileName}': {ex.Message}", ex);
        }

        // Closed at once, so the child reads end-of-file as it would from /dev/null.
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Both pipes close once the process and any child holding them are gone.
        var output = await stdout;
        var error = await stderr;
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessOutcome(timedOut ? -1 : process.ExitCode, output, error, timedOut);
    }

    /// <summary>Kills the process and every process it started; nothing happens if it has just exited.</summary>
    public static void KillTree(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own just now.
        }
    }

    /// <summary>The full path of the first <paramref name="name"/> on PATH (<c>.cmd</c>/<c>.exe</c> on Windows), or null.</summary>
    public static string? FindOnPath(string name)
    {
        var names = OperatingSystem.IsWindows() ? new[] { name + ".cmd", name + ".exe" } : [name];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(folder => names.Select(n => Path.Combine(folder, n)))
            .FirstOrDefault(File.Exists);
    }
}

/// <summary>How a process ended: its exit code (-1 when killed for taking too long) and everything it printed.</summary>
public sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError, bool TimedOut);
