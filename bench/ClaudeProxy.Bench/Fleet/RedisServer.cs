using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// The fleet's Redis: Debian's <c>redis-server</c> started by the bench on a free loopback port without
/// persistence (so it can be killed and started again on the same address, empty, as after a crash), or
/// the one <c>--redis-url</c> names, which the bench neither starts nor kills.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private readonly string? _binary;
    private readonly string _folder;
    private readonly string _logPath;
    private ChildProcess? _process;

    private RedisServer(string url, string host, int port, string? binary, string folder, string logPath)
    {
        Url = url;
        Host = host;
        Port = port;
        _binary = binary;
        _folder = folder;
        _logPath = logPath;
    }

    /// <summary>The <c>REDIS_URL</c> the gateways get.</summary>
    public string Url { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>Whether the bench runs this server (and so may kill and restart it).</summary>
    public bool Owned => _binary is not null;

    public int? Pid => _process?.Pid;

    public static async Task<RedisServer> StartAsync(BenchPaths paths, CancellationToken ct)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("The fleet scenario needs redis-server: install Debian's redis-server package, or pass --redis-url.");
        var port = FreePort.Next();
        var folder = Path.Combine(Path.GetTempPath(), "claude-proxy-bench-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var server = new RedisServer($"redis://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "127.0.0.1", port, binary, folder, paths.Out("logs", "redis.log"));
        await server.StartAgainAsync(ct);
        return server;
    }

    /// <summary>A Redis the user runs: used as it is, never killed.</summary>
    public static RedisServer Given(string url)
    {
        var uri = new Uri(url);
        return new RedisServer(url, uri.Host, uri.Port > 0 ? uri.Port : 6379, null, "", "");
    }

    /// <summary>Starts the server (again) on its port; returns once it answers <c>PING</c>.</summary>
    public async Task StartAgainAsync(CancellationToken ct)
    {
        if (_binary is null)
        {
            throw new InvalidOperationException("The bench does not run this Redis.");
        }

        _process = ChildProcess.Start("redis", _binary,
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder],
            new Dictionary<string, string>(), _folder, _logPath);
        var deadline = Stopwatch.GetTimestamp() + (20 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                if (await CommandAsync("PING", ct) == "+PONG")
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            if (_process.HasExited || Stopwatch.GetTimestamp() > deadline)
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}. Log {_logPath}:{Environment.NewLine}{_process.LogTail()}");
            }

            await Task.Delay(10, ct);
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    /// <summary>Sends one command in Redis's inline form and returns the first line of the reply.</summary>
    public async Task<string> CommandAsync(string command, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Host == "localhost" ? IPAddress.Loopback.ToString() : Host, Port, ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), ct);
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync(ct) ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        if (Owned)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner will get it.
            }
        }
    }
}
