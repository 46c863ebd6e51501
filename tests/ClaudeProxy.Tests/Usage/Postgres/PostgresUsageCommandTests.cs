using ClaudeProxy.Observability.Usage.Postgres;
using ClaudeProxy.Tests.Cli;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ClaudeProxy.Tests.Usage.UsageEntries;

namespace ClaudeProxy.Tests.Usage.Postgres;

/// <summary><c>logs</c> and <c>stats</c> with USAGE_DB_URL set: they read the PostgreSQL log the gateways write, not a file.</summary>
public sealed class PostgresUsageCommandTests(PostgresServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logs_and_stats_read_the_database_USAGE_DB_URL_names()
    {
        var url = await server.CreateDatabaseAsync(Token);
        using (var store = new PostgresUsageStore(PostgresAddress.Parse(url)))
        {
            store.Append([Entry(time: Noon.AddMinutes(-5)) with { Instance = "gw-a" }, Entry(time: Noon.AddMinutes(-1), channel: "beta") with { Instance = "gw-b" }]);
        }

        using var cli = new CliHarness { Clock = new FakeTimeProvider(Noon) };
        var variables = new Dictionary<string, string> { ["USAGE_DB_URL"] = url };

        var page = (await cli.RunWithoutConfigAsync(["logs", "--json", "--instance", "gw-b", "--config", cli.ConfigPath], variables)).Succeeded().Json();
        var stats = (await cli.RunWithoutConfigAsync(["stats", "--json", "--window", "1h", "--config", cli.ConfigPath], variables)).Succeeded().Json();

        Assert.Equal("gw-b", (string?)Assert.Single(page["items"]!.AsArray())!["instance"]);
        Assert.Equal(2L, (long)stats["totals"]!["requests"]!);
        Assert.False(File.Exists(Path.Combine(cli.FolderPath, ".config", "usage.db")));
    }

    [Fact]
    public async Task An_unreachable_database_fails_the_command_naming_it_without_the_password()
    {
        using var cli = new CliHarness();
        var variables = new Dictionary<string, string> { ["USAGE_DB_URL"] = "postgres://gw:hunter2-pw@127.0.0.1:1/usage" };

        var run = await cli.RunWithoutConfigAsync(["stats", "--config", cli.ConfigPath], variables);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot read the request log at postgres://gw:***@127.0.0.1:1/usage", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-pw", run.Error + run.Output, StringComparison.Ordinal);
    }
}
