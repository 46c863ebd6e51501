using System.Diagnostics;

namespace ClaudeProxy.Bench.Processes;

/// <summary>Runs a tool to completion (builds, npm), its output kept in a log file and shown only on failure.</summary>
internal static class CommandRunner
{
    public static async Task<TimeSpan> RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, string logPath, CancellationToken ct, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        await using var log = new StreamWriter(logPath);
        var stdout = PumpAsync(process.StandardOutput, log);
        var stderr = PumpAsync(process.StandardError, log);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr);
        await log.FlushAsync(ct);
        if (process.ExitCode != 0)
        {
            log.Close();
            var tail = string.Join(Environment.NewLine, File.ReadLines(logPath).TakeLast(25));
            throw new InvalidOperationException($"'{fileName} {string.Join(' ', arguments)}' exited with {process.ExitCode} (log: {logPath}):{Environment.NewLine}{tail}");
        }

        return watch.Elapsed;
    }

    private static async Task PumpAsync(StreamReader reader, StreamWriter log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }
}
