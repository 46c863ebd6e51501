using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using ClaudeProxy.FakeUpstreams;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>doctor</c>: one line per check, a fix under each problem, and exit 6 only when a check failed.</summary>
public sealed class DoctorCommandTests
{
    private const string UpstreamKey = "sk-ant-api03-doctor-0000000000000000000000007";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>PORT 0 keeps the port check off ports other tests (or a gateway on this machine) hold.</summary>
    private static Dictionary<string, string> Variables(params (string Name, string Value)[] more)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["PORT"] = "0", ["HOST"] = "127.0.0.1" };
        foreach (var (name, value) in more)
        {
            variables[name] = value;
        }

        return variables;
    }

    private static string Channel(string name, string urls, string status = "active") =>
        $$"""{"id":"ch_{{name}}","name":"{{name}}","serviceType":"claude",{{urls}},"apiKeys":["{{UpstreamKey}}"],"status":"{{status}}"}""";

    private static string Config(params string[] channels) => $$"""{"upstream":[{{string.Join(",", channels)}}],"loadBalance":"failover"}""";

    private static Task<CliRun> DoctorAsync(CliHarness cli, Dictionary<string, string> variables, params string[] args) =>
        cli.RunWithoutConfigAsync(["doctor", .. args, "--config", cli.ConfigPath], variables);

    /// <summary>A loopback port nothing listens on: connecting is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Line(CliRun run, string start) =>
        Assert.Single(run.Output.Split('\n'), line => line.StartsWith(start, StringComparison.Ordinal)).TrimEnd();

    [Fact]
    public async Task A_fresh_folder_is_ready_to_start_as_the_gateway_creates_the_config_and_the_key_itself()
    {
        using var cli = new CliHarness();

        var run = await DoctorAsync(cli, Variables());

        run.Succeeded();
        Assert.Contains($"ok    config      {cli.ConfigPath} does not exist yet", run.Output, StringComparison.Ordinal);
        Assert.Contains("access-key does not exist yet; the gateway generates a key there", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 failed: ready to start.", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.ConfigPath), "doctor must not create the config file");
    }

    [Fact]
    public async Task A_free_port_is_ok()
    {
        using var cli = new CliHarness();
        var port = ClosedPort();

        var run = await DoctorAsync(cli, Variables(("PORT", $"{port}")));

        run.Succeeded();
        Assert.EndsWith($"127.0.0.1:{port} is free", Line(run, "ok    port"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_fails_and_says_another_gateway_may_hold_it()
    {
        using var cli = new CliHarness();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var fromVariable = await DoctorAsync(cli, Variables(("PORT", $"{port}")));
        var fromOption = await DoctorAsync(cli, Variables(), "--port", $"{port}");

        foreach (var run in new[] { fromVariable, fromOption })
        {
            Assert.Equal(6, run.ExitCode);
            Assert.EndsWith($"127.0.0.1:{port} is in use", Line(run, "fail  port"), StringComparison.Ordinal);
            Assert.Contains("another gateway running there", run.Output, StringComparison.Ordinal);
            Assert.Contains("set PORT (or --port) to a free port", run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Malformed_settings_fail_naming_the_variable_and_the_port_goes_unchecked()
    {
        using var cli = new CliHarness();

        var run = await DoctorAsync(cli, Variables(("PORT", "eighty")));

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("fail  settings", run.Output, StringComparison.Ordinal);
        Assert.Contains("PORT='eighty': expected a whole number from 0 to 65535", run.Output, StringComparison.Ordinal);
        Assert.Contains("skip  port", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_config_fails_naming_the_file_and_the_line()
    {
        using var cli = await CliHarness.WithConfigAsync("{\n  \"upstream\": [\n    {\"name\": \"a\",,}\n  ]\n}\n");

        var run = await DoctorAsync(cli, Variables());

        Assert.Equal(6, run.ExitCode);
        Assert.Contains($"fail  config      {cli.ConfigPath} is not a valid config", run.Output, StringComparison.Ordinal);
        Assert.Contains($"      {cli.ConfigPath}:3:", run.Output, StringComparison.Ordinal);
        Assert.Contains("fix: fix the lines named above, or replace the file with `claude-proxy config import`", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_breaking_a_rule_fails_as_config_validate_does()
    {
        using var cli = await CliHarness.WithConfigAsync(Config(Channel("bad", "\"baseUrl\":\"ftp://example.com\"")));

        var run = await DoctorAsync(cli, Variables(), "--offline");
        var validate = await cli.RunAsync("config", "validate");

        Assert.Equal(6, run.ExitCode);
        var problem = Assert.Single(validate.Error.Split('\n'), l => l.Contains("upstream[0].baseUrl", StringComparison.Ordinal)).Trim();
        Assert.Contains($"      {problem}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_config_notices_are_listed_under_a_valid_config()
    {
        using var cli = await CliHarness.WithConfigAsync(
            """{"upstream":[{"id":"ch_a","name":"keyless","serviceType":"claude","baseUrl":"http://127.0.0.1:9/","apiKeys":[]}],"loadBalance":"failover"}""");

        var run = await DoctorAsync(cli, Variables(), "--offline");

        run.Succeeded();
        Assert.EndsWith($"{cli.ConfigPath}: valid; 1 channel(s), loadBalance failover", Line(run, "ok    config"), StringComparison.Ordinal);
        Assert.Contains("      channel 'keyless' is active but has no API keys", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_key_file_others_can_read_is_a_warning_whose_fix_is_chmod_600()
    {
        using var cli = await CliHarness.WithConfigAsync(Config());
        var keyFile = Path.Combine(cli.FolderPath, ".config", "access-key");
        await File.WriteAllTextAsync(keyFile, "cpk-a-stored-access-key-0123456789abcdef\n", Token);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(cli.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var run = await DoctorAsync(cli, Variables());

        run.Succeeded();
        Assert.Contains($"warn  access key  {keyFile}: other users can access it (mode 644)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"      fix: chmod 600 {keyFile}", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("config mode", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("cpk-a-stored-access-key", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task An_owner_only_key_file_is_ok_and_a_config_file_others_can_read_is_a_warning()
    {
        using var cli = await CliHarness.WithConfigAsync(Config());
        var keyFile = Path.Combine(cli.FolderPath, ".config", "access-key");
        await File.WriteAllTextAsync(keyFile, "cpk-a-stored-access-key-0123456789abcdef\n", Token);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(cli.ConfigPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var run = await DoctorAsync(cli, Variables());

        run.Succeeded();
        Assert.Contains($"ok    access key   {keyFile} holds a key, readable by its owner only", run.Output, StringComparison.Ordinal);
        Assert.Contains($"warn  config mode  {cli.ConfigPath}: other users can access it (mode 640), and it holds the upstream API keys", run.Output, StringComparison.Ordinal);
        Assert.Contains($"fix: chmod 600 {cli.ConfigPath}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PROXY_ACCESS_KEY_makes_the_key_file_unneeded_and_a_weak_one_is_a_warning()
    {
        using var cli = new CliHarness();

        var strong = await DoctorAsync(cli, Variables(("PROXY_ACCESS_KEY", "cpk-0123456789abcdefghijklmnopqrstuvwxyz")));
        var weak = await DoctorAsync(cli, Variables(("PROXY_ACCESS_KEY", "changeme")));

        Assert.Contains("ok    access key  PROXY_ACCESS_KEY is set (the key file is not used)", strong.Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains("warn  access key  PROXY_ACCESS_KEY is a well-known placeholder value", weak.Succeeded().Output, StringComparison.Ordinal);
        Assert.DoesNotContain("changeme", weak.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_base_url_is_asked_at_once_without_a_key_and_a_refused_one_fails()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var closed = $"http://127.0.0.1:{ClosedPort()}/v1";
        var withSecrets = new UriBuilder(upstream.BaseUrl) { UserName = "user", Password = "pass-in-url", Path = "/v1", Query = "key=query-secret" }.Uri;
        using var cli = await CliHarness.WithConfigAsync(Config(
            Channel("main", $"\"baseUrl\":\"{withSecrets}\""),
            Channel("relay", $"\"baseUrls\":[\"{closed}\",\"{upstream.BaseUrl}\"]")));

        var run = await DoctorAsync(cli, Variables());

        Assert.Equal(6, run.ExitCode);
        Assert.Matches($@"^ok    channel main   {upstream.BaseUrl}v1 answers \(HTTP 500 in \d+ ms\)$", Line(run, "ok    channel main"));
        Assert.Equal($"fail  channel relay  {closed}: connection refused", Line(run, "fail  channel relay"));
        Assert.StartsWith($"ok    channel relay  {upstream.BaseUrl} answers", Line(run, "ok    channel relay"), StringComparison.Ordinal);
        Assert.Contains("fix: check that the upstream is up", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, upstream.Requests.Count);
        Assert.All(upstream.Requests, request =>
        {
            Assert.Equal("GET", request.Method);
            Assert.DoesNotContain("x-api-key", request.Headers.Keys, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain("authorization", request.Headers.Keys, StringComparer.OrdinalIgnoreCase);
            Assert.DoesNotContain("query-secret", request.RawTarget, StringComparison.Ordinal);
        });
        run.ShowsNoRawKey(UpstreamKey, "pass-in-url", "query-secret");
    }

    [Fact]
    public async Task A_disabled_channel_that_does_not_answer_is_only_a_warning()
    {
        var closed = $"http://127.0.0.1:{ClosedPort()}";
        using var cli = await CliHarness.WithConfigAsync(Config(Channel("spare", $"\"baseUrl\":\"{closed}\"", status: "disabled")));

        var run = await DoctorAsync(cli, Variables());

        run.Succeeded();
        Assert.Equal($"warn  channel spare (disabled)  {closed}/: connection refused; the channel is not routed to now", Line(run, "warn  channel spare"));
    }

    [Fact]
    public async Task Offline_asks_no_upstream_and_says_each_url_was_skipped()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/v1";
        using var cli = await CliHarness.WithConfigAsync(Config(Channel("main", $"\"baseUrl\":\"{url}\"")));

        var run = await DoctorAsync(cli, Variables(), "--offline");

        run.Succeeded();
        Assert.Equal($"skip  channel main  {url}: not asked (--offline)", Line(run, "skip  channel main"));
        Assert.False(listener.Pending(), "--offline connected to the upstream");
    }

    [Fact]
    public async Task Json_lists_every_check_with_its_status_and_fix()
    {
        using var cli = await CliHarness.WithConfigAsync(Config(Channel("main", $"\"baseUrl\":\"http://127.0.0.1:{ClosedPort()}\"")));

        var run = await DoctorAsync(cli, Variables(), "--json");

        Assert.Equal(6, run.ExitCode);
        var report = run.Json();
        Assert.False((bool?)report["ok"]);
        // The harness's file has the umask's mode (644 here), which adds a "config mode" warning on Unix.
        var checks = report["checks"]!.AsArray().Where(c => (string?)c!["name"] != "config mode").ToList();
        Assert.Equal(["config", "access key", "port", "channel main"], checks.Select(c => (string?)c!["name"]));
        Assert.Equal(["ok", "ok", "ok", "fail"], checks.Select(c => (string?)c!["status"]));
        Assert.StartsWith("check that the upstream is up", (string?)checks[3]!["fix"], StringComparison.Ordinal);
        Assert.Null(checks[0]!["fix"]);
    }
}
