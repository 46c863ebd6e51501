using System.Diagnostics;
using System.Globalization;
using ClaudeProxy.Bench.Processes;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// The fleet's usage database: a scratch cluster of Debian's <c>postgresql</c> binaries (initdb in a temp
/// folder, a free loopback port, fsync off: the data is thrown away), run as the <c>postgres</c> user when
/// the bench runs as root because PostgreSQL refuses root; or the one <c>--usage-db-url</c> names.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string? _binaries;
    private readonly string? _folder;

    private PostgresCluster(string url, string? binaries, string? folder)
    {
        Url = url;
        _binaries = binaries;
        _folder = folder;
        if (folder is not null)
        {
            // Ctrl+C or a crash of the bench must not leave a server running: pg_ctl daemonizes it.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        }
    }

    /// <summary>The <c>USAGE_DB_URL</c> the gateways get.</summary>
    public string Url { get; }

    /// <summary>The server's processes (postmaster and backends) when the bench runs it, for their CPU time.</summary>
    public IReadOnlyList<int> Pids()
    {
        if (_folder is null)
        {
            return [];
        }

        try
        {
            var first = File.ReadLines(Path.Combine(_folder, "data", "postmaster.pid")).First();
            return ProcStats.WithDescendants(int.Parse(first, CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return [];
        }
    }

    public static PostgresCluster Given(string url) => new(url, null, null);

    public static async Task<PostgresCluster> StartAsync(CancellationToken ct)
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "The fleet scenario needs PostgreSQL: install Debian's postgresql package (initdb and pg_ctl under /usr/lib/postgresql/<version>/bin/), or pass --usage-db-url.");
        var folder = Path.Combine(Path.GetTempPath(), "claude-proxy-bench-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder], asPostgres: false, ct);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"], IsRoot, ct);
        var port = FreePort.Next();
        var cluster = new PostgresCluster($"postgres://postgres@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/postgres", binaries, folder);
        await RunAsync(Path.Combine(binaries, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"],
            IsRoot, ct);
        return cluster;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private void Stop()
    {
        if (_folder is null || !Directory.Exists(_folder))
        {
            return;
        }

        // An immediate stop: the cluster is thrown away, nothing in it needs a clean shutdown.
        RunAsync(Path.Combine(_binaries!, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "stop"], IsRoot, CancellationToken.None, check: false)
            .GetAwaiter().GetResult();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner will get it.
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres, CancellationToken ct, bool check = true)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in asPostgres ? ["-u", "postgres", "--", file, .. args] : args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }
    }
}
