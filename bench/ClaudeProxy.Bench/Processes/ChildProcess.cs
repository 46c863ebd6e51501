using System.Collections.Concurrent;
using System.Diagnostics;

namespace ClaudeProxy.Bench.Processes;

/// <summary>
/// A process the bench started, its output sent straight to a log file by the shell (so a chatty
/// child costs the bench nothing), and killed with its descendants when disposed or when the bench
/// exits. Its standard input stays open as a lifeline: the bench's own children exit when it closes.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly Process _process;

    static ChildProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    private ChildProcess(string name, Process process, long startedTimestamp, string logPath)
    {
        Name = name;
        _process = process;
        StartedTimestamp = startedTimestamp;
        LogPath = logPath;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    /// <summary>Stopwatch timestamp taken just before the process was created.</summary>
    public long StartedTimestamp { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };

        // exec keeps the shell's PID, so Pid is the child itself and /proc/<pid> describes it.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$@\" >\"$BENCH_CHILD_LOG\" 2>&1");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["BENCH_CHILD_LOG"] = logPath;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        Running[process.Id] = process;
        return new ChildProcess(name, process, started, logPath);
    }

    /// <summary>The last lines of the child's log, for error messages.</summary>
    public string LogTail(int lines = 15)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Sends SIGTERM and waits for the exit, so the process can finish its work (a profiler writes its file then).</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_process.HasExited)
        {
            return true;
        }

        await CommandRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], Environment.CurrentDirectory,
            Path.ChangeExtension(LogPath, ".kill.log"), ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Running.TryRemove(_process.Id, out _);
        Kill(_process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"warning: {Name} (pid {_process.Id}) did not exit within 5 s of SIGKILL.");
        }

        _process.Dispose();
    }

    private static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
