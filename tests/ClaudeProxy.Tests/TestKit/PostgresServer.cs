using System.Diagnostics;
using Npgsql;
using Xunit;

[assembly: AssemblyFixture(typeof(ClaudeProxy.Tests.TestKit.PostgresServer))]

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// A PostgreSQL server for the tests: the one <c>CLAUDE_PROXY_TEST_POSTGRES</c> names (a <c>postgres://</c> URL whose
/// user may create databases), else a scratch cluster of Debian's <c>postgresql</c> binaries, started on first use
/// (once per test run, in a temp folder, on a free loopback port) and stopped with the test process. Each caller gets
/// a fresh database of its own, so tests never see each other's rows and may run in parallel.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string Variable = "CLAUDE_PROXY_TEST_POSTGRES";

    private readonly SemaphoreSlim _starting = new(1, 1);
    private string? _adminUrl;
    private string? _clusterFolder;
    private string? _binaries;

    /// <summary>Creates an empty database; returns its <c>postgres://</c> URL (the form USAGE_DB_URL takes).</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var admin = await AdminUrlAsync(cancellationToken);
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(ClaudeProxy.Observability.Usage.Postgres.PostgresAddress.Parse(admin).ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new UriBuilder(admin) { Path = "/" + name };
        return builder.Uri.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_clusterFolder is { } folder)
        {
            // An immediate stop: the cluster is thrown away, nothing in it needs a clean shutdown.
            await RunAsync(Tool("pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "stop"], CancellationToken.None, check: false);
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner will get it.
            }
        }

        _starting.Dispose();
    }

    private async Task<string> AdminUrlAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            return _adminUrl ??= Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given
                ? given
                : await StartClusterAsync(cancellationToken);
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task<string> StartClusterAsync(CancellationToken cancellationToken)
    {
        _binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
        if (_binaries is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL store tests need a server: install Debian's postgresql package (apt-get install postgresql), which puts initdb and pg_ctl under /usr/lib/postgresql/<version>/bin/, or set {Variable} to a postgres:// URL.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "claude-proxy-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        _clusterFolder = folder;
        if (IsRoot)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user Debian's package creates.
            await RunAsync("chown", ["postgres:postgres", folder], cancellationToken);
        }

        var data = Path.Combine(folder, "data");
        await RunAsync(Tool("initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"], cancellationToken);
        var port = LoopbackPorts.Free();
        await RunAsync(
            Tool("pg_ctl"),
            ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
                $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"],
            cancellationToken);
        return $"postgres://postgres@127.0.0.1:{port}/postgres";
    }

    private string Tool(string name) => Path.Combine(_binaries!, name);

    private static bool IsRoot => Environment.UserName == "root";


    /// <summary>Runs a tool (as the postgres user when the tests run as root); a failure carries its output and the server's log.</summary>
    private async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken, bool check = true)
    {
        var asPostgres = IsRoot && file != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var arg in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (check && process.ExitCode != 0)
        {
            var log = _clusterFolder is { } folder && File.Exists(Path.Combine(folder, "server.log"))
                ? await File.ReadAllTextAsync(Path.Combine(folder, "server.log"), cancellationToken)
                : "";
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed with exit code {process.ExitCode}:\n{await output}{await error}{log}");
        }
    }
}
