using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// The gateway as a separate process: the Native AOT binary named by <c>CLAUDE_PROXY_BINARY</c> (CI
/// publishes it), otherwise the build's own executable.
/// </summary>
public sealed partial class GatewayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _address;

    private GatewayProcess(Process process)
    {
        _process = process;
    }

    public static string BinaryPath =>
        Environment.GetEnvironmentVariable("CLAUDE_PROXY_BINARY") is { Length: > 0 } native
            ? native
            : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "claude-proxy.exe" : "claude-proxy");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>True when the binary under test is the published one (CI's), a single file that needs nothing beside it.</summary>
    public static bool IsPublishedBinary => Environment.GetEnvironmentVariable("CLAUDE_PROXY_BINARY") is { Length: > 0 };

    /// <summary>Starts the binary in <paramref name="workingDirectory"/> with exactly the given variables (plus PATH and HOME).</summary>
    public static GatewayProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(BinaryPath, workingDirectory, environment, args);

    /// <summary>Starts <paramref name="binary"/> in <paramref name="workingDirectory"/> with exactly the given variables (plus PATH and HOME).</summary>
    public static GatewayProcess Start(string binary, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(binary)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var gateway = new GatewayProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        gateway._process.OutputDataReceived += (_, e) => gateway.Capture(e.Data);
        gateway._process.ErrorDataReceived += (_, e) => gateway.Capture(e.Data);
        gateway._process.Exited += (_, _) => gateway._listening.TrySetException(new InvalidOperationException("The gateway exited before listening:\n" + gateway.Output));
        gateway._process.Start();
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        return gateway;
    }

    /// <summary>The address from the banner's "Listening on" line, once the whole banner is out.</summary>
    public Task<Uri> WaitUntilListeningAsync(CancellationToken cancellationToken) =>
        _listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

    /// <summary>
    /// Sends a signal (<c>TERM</c>, <c>INT</c>) as a service manager or Ctrl+C does; <see cref="Process.Kill()"/>
    /// would send SIGKILL, which no process can handle. The shell's own <c>kill</c> needs no extra package.
    /// </summary>
    public async Task SignalAsync(string signal, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var arg in new[] { "-c", "kill -s \"$0\" \"$1\"", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var kill = Process.Start(start)!;
        await kill.WaitForExitAsync(cancellationToken);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {_process.Id} failed with exit code {kill.ExitCode}");
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _address = new Uri(match.Groups[1].Value);
        }
        else if (_address is not null && line.Contains("ANTHROPIC_BASE_URL=", StringComparison.Ordinal))
        {
            // The banner's last line: everything it says has been captured.
            _listening.TrySetResult(_address);
        }
    }

    [GeneratedRegex(@"Listening on\s+(http://[^\s,]+)")]
    private static partial Regex ListeningLine();
}
