using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Hosting;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>health</c>: the container probe; one line out, exit 0 only when the gateway says it is healthy.</summary>
public sealed class HealthCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_running_gateway_is_healthy()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var cli = new CliHarness();

        var run = await cli.RunWithoutConfigAsync(["health", "--url", $"{gateway.BaseUrl}health"]);

        Assert.Equal($"healthy: {gateway.BaseUrl}health answered 200 (ClaudeProxy {GatewayVersion.Current})", run.Succeeded().Output.TrimEnd());
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task The_health_report_names_the_commit_the_gateway_was_built_from()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        var report = JsonNode.Parse(await client.GetStringAsync(new Uri("/health", UriKind.Relative), Token))!;

        Assert.Equal(BuildInfo.Current.Commit, (string?)report["commit"]);
        Assert.Equal(GatewayVersion.Current, (string?)report["version"]);
    }

    [Fact]
    public async Task Without_a_url_it_asks_the_loopback_on_PORT_when_HOST_means_every_address()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var cli = new CliHarness();
        var variables = new Dictionary<string, string> { ["HOST"] = "0.0.0.0", ["PORT"] = $"{gateway.BaseUrl.Port}" };

        var fromVariables = await cli.RunWithoutConfigAsync(["health"], variables);
        var fromOption = await cli.RunWithoutConfigAsync(["health", "--port", $"{gateway.BaseUrl.Port}"], new Dictionary<string, string> { ["PORT"] = "1" });

        Assert.StartsWith($"healthy: http://127.0.0.1:{gateway.BaseUrl.Port}/health answered 200", fromVariables.Succeeded().Output, StringComparison.Ordinal);
        Assert.StartsWith($"healthy: http://127.0.0.1:{gateway.BaseUrl.Port}/health answered 200", fromOption.Succeeded().Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_unhealthy_in_one_line()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var cli = new CliHarness();

        var run = await cli.RunWithoutConfigAsync(["health"], new Dictionary<string, string> { ["PORT"] = $"{port}" });

        Assert.Equal(6, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Equal($"unhealthy: http://127.0.0.1:{port}/health: connection refused (is the gateway running?)", run.Error.TrimEnd());
    }

    [Fact]
    public async Task A_draining_gateway_or_a_server_that_is_not_a_gateway_is_unhealthy()
    {
        await using var other = await FakeUpstream.StartAsync(Token);
        other.Enqueue(FakeReply.Json(503, """{"status":"draining","version":"0.1.0"}"""), FakeReply.Text(200, "OK"));
        using var cli = new CliHarness();

        var draining = await cli.RunWithoutConfigAsync(["health", "--url", $"{other.BaseUrl}health"]);
        var notGateway = await cli.RunWithoutConfigAsync(["health", "--url", $"{other.BaseUrl}health"]);

        Assert.Equal(6, draining.ExitCode);
        Assert.Equal($"unhealthy: {other.BaseUrl}health answered 503, status draining", draining.Error.TrimEnd());
        Assert.Equal(6, notGateway.ExitCode);
        Assert.Equal($"unhealthy: {other.BaseUrl}health answered 200, no health report", notGateway.Error.TrimEnd());
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_bad_usage()
    {
        using var cli = new CliHarness();

        var run = await cli.RunWithoutConfigAsync(["health", "--url", "ftp://127.0.0.1/health"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--url 'ftp://127.0.0.1/health' is not an absolute http(s) URL.", run.Error, StringComparison.Ordinal);
    }
}
