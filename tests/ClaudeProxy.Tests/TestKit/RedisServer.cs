using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// A Redis server of the test's own (Debian's <c>redis-server</c>) on a free loopback port, without persistence, so
/// a test can stop it in the middle of a load and start it again on the same address.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private readonly TempFolder _folder = new();
    private Process? _process;

    private RedisServer(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>The <c>REDIS_URL</c> the gateways get.</summary>
    public string Url => $"redis://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new RedisServer(LoopbackPorts.Free());
        await server.StartAgainAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the server (again) on its port and returns once it answers <c>PING</c>.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: install Debian's redis-server package (.ci/run does)");
        var start = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder.Path,
        };
        foreach (var arg in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder.Path })
        {
            start.ArgumentList.Add(arg);
        }

        // Ready once it says so on its output (it logs there when not daemonized); an exit before that is a failure.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server exited on port {Port}:\n{output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        Assert.Equal("+PONG", await CommandAsync("PING", cancellationToken));
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or a lost host would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Sends one command in Redis's inline form and returns the first line of the reply.</summary>
    public async Task<string> CommandAsync(string command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync(cancellationToken) ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        _folder.Dispose();
    }

}
