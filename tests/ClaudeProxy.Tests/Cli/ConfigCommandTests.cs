using System.Text.Json.Nodes;
using Xunit;
using static ClaudeProxy.Tests.Cli.CliHarness;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>config validate|import|export|path</c>.</summary>
public sealed class ConfigCommandTests
{
    private const string BrokenRules = """
        {
          "upstream": [
            {"name":"a","serviceType":"claude","baseUrl":"https://api.anthropic.com"},
            {"name":"b","serviceType":"claude","baseUrl":"ftp://example.com","weight":0}
          ],
          "loadBalance": "failover"
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Validate_accepts_a_good_file()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("config", "validate");
        var json = await cli.RunAsync("config", "validate", "--json");

        Assert.Contains("valid; 2 channel(s)", run.Succeeded().Output, StringComparison.Ordinal);
        Assert.True((bool?)json.Succeeded().Json()["valid"]);
        Assert.Empty(json.Json()["problems"]!.AsArray());
    }

    [Fact]
    public async Task Validate_lists_every_broken_rule_with_file_and_line()
    {
        using var cli = await CliHarness.WithConfigAsync(BrokenRules);

        var run = await cli.RunAsync("config", "validate");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{cli.ConfigPath}:4: upstream[1].baseUrl", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{cli.ConfigPath}:4: upstream[1].weight", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reports_bad_json_with_line_and_column_also_as_json()
    {
        using var cli = await CliHarness.WithConfigAsync("{\n  \"upstream\": [\n    {\"name\": \"a\",,}\n  ]\n}\n");

        var run = await cli.RunAsync("config", "validate", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.False((bool?)run.Json()["valid"]);
        Assert.StartsWith($"{cli.ConfigPath}:3:", (string?)Assert.Single(run.Json()["problems"]!.AsArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_checks_a_file_given_as_argument_and_a_missing_one_is_not_found()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var other = Path.Combine(cli.FolderPath, "other.json");
        await File.WriteAllTextAsync(other, BrokenRules, Token);

        Assert.Equal(1, (await cli.RunAsync("config", "validate", other)).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("config", "validate", Path.Combine(cli.FolderPath, "absent.json"))).ExitCode);
    }

    [Fact]
    public async Task Export_masks_keys_unless_asked_to_include_them()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var masked = await cli.RunAsync("config", "export");
        var full = await cli.RunAsync("config", "export", "--include-keys");

        masked.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Equal(["sk-ant…0001", "sk-ant…0002"], masked.Json()["upstream"]![0]!["apiKeys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal([KeyA, KeyB], full.Succeeded().Json()["upstream"]![0]!["apiKeys"]!.AsArray().Select(k => (string?)k));
        Assert.Equal(1, (int?)full.Json()["upstream"]![1]!["modelMapping"]!.AsObject().Count);
    }

    [Fact]
    public async Task Export_masks_secrets_in_fields_it_only_carries_along()
    {
        var config = $$"""
            {
              "upstream": [{"id":"ch_a","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":[],"historicalApiKeys":["{{KeyA}}"]}],
              "responsesUpstream": [{"name":"r","serviceType":"responses","baseUrl":"https://api.openai.com","apiKeys":["{{KeyB}}"]}],
              "loadBalance": "failover"
            }
            """;
        using var cli = await CliHarness.WithConfigAsync(config);

        var run = await cli.RunAsync("config", "export");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Equal("sk-ant…0001", (string?)run.Json()["upstream"]![0]!["historicalApiKeys"]![0]);
        Assert.Equal("r", (string?)run.Json()["responsesUpstream"]![0]!["name"]);
    }

    [Fact]
    public async Task Export_then_import_round_trips_and_masked_keys_keep_the_real_keys()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var exported = Path.Combine(cli.FolderPath, "export.json");
        await File.WriteAllTextAsync(exported, (await cli.RunAsync("config", "export")).Succeeded().Output, Token);
        var original = (await cli.RunAsync("config", "export", "--include-keys")).Succeeded().Json();
        (await cli.RunAsync("channels", "remove", "relay")).Succeeded();
        (await cli.RunAsync("balance", "random")).Succeeded();
        var backups = cli.BackupCount;

        var run = await cli.RunAsync("config", "import", exported);

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Empty(run.Error);
        Assert.Contains("2 masked key(s) matched", run.Output, StringComparison.Ordinal);
        // The file keeps its own layout (a default it left out stays out): compare what it means, as export shows it.
        var imported = (await cli.RunAsync("config", "export", "--include-keys")).Succeeded().Json();
        Assert.True(JsonNode.DeepEquals(original, imported), await cli.ConfigTextAsync());
        Assert.Equal(backups + 1, cli.BackupCount);
    }

    [Fact]
    public async Task Import_takes_a_claude_proxy_file_and_gives_its_channels_ids()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var seed = Path.Combine(cli.FolderPath, "seed.json");
        await File.WriteAllTextAsync(seed, $$"""
            {
              "upstream": [
                {"name":"Gemini","baseUrl":"https://generativelanguage.googleapis.com/v1beta","apiKeys":[],"serviceType":"gemini"},
                {"name":"Relay","baseUrl":"https://relay.example.com/v1","apiKeys":["{{KeyC}}"],"serviceType":"openai","modelMapping":{"sonnet":"gpt-4o"},"insecureSkipVerify":false}
              ],
              "currentUpstream": 1,
              "loadBalance": "round-robin"
            }
            """, Token);

        var run = await cli.RunAsync("config", "import", seed, "--json");

        run.Succeeded().ShowsNoRawKey(KeyC);
        Assert.Equal(2, (int?)run.Json()["channelCount"]);
        var saved = await cli.ConfigJsonAsync();
        Assert.All(saved["upstream"]!.AsArray(), c => Assert.StartsWith("ch_", (string?)c!["id"], StringComparison.Ordinal));
        Assert.Equal(KeyC, (string?)saved["upstream"]![1]!["apiKeys"]![0]);
        Assert.Equal(1, (int?)saved["currentUpstream"]);
        Assert.Equal("round-robin", (string?)saved["loadBalance"]);
        Assert.Equal(1, cli.BackupCount);
    }

    [Fact]
    public async Task Import_of_a_broken_file_changes_nothing()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var before = await cli.ConfigTextAsync();
        var broken = Path.Combine(cli.FolderPath, "broken.json");
        await File.WriteAllTextAsync(broken, BrokenRules, Token);

        var run = await cli.RunAsync("config", "import", broken);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{broken}:4:", run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.ConfigTextAsync());
        Assert.Equal(0, cli.BackupCount);
        Assert.Equal(3, (await cli.RunAsync("config", "import", Path.Combine(cli.FolderPath, "absent.json"))).ExitCode);
    }

    [Fact]
    public async Task Import_drops_masked_keys_no_channel_holds_and_says_so()
    {
        using var cli = new CliHarness();
        var foreign = Path.Combine(cli.FolderPath, "foreign.json");
        await File.WriteAllTextAsync(foreign, """{"upstream":[{"id":"ch_x","name":"x","serviceType":"claude","baseUrl":"https://api.anthropic.com","apiKeys":["sk-ant…0001","real-key-kept-000000000000"]}]}""", Token);

        var run = await cli.RunAsync("config", "import", foreign);

        run.Succeeded();
        Assert.Contains("warning: dropped the masked key x: sk-ant…0001", run.Error, StringComparison.Ordinal);
        Assert.Equal(["real-key-kept-000000000000"], (await cli.ChannelAsync(0))["apiKeys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task Import_repairs_a_broken_config_file_keeping_a_backup_of_it()
    {
        using var cli = await CliHarness.WithConfigAsync("{ not json");
        var good = Path.Combine(cli.FolderPath, "good.json");
        await File.WriteAllTextAsync(good, TwoChannels, Token);

        (await cli.RunAsync("config", "import", good)).Succeeded();

        Assert.Equal(0, (await cli.RunAsync("config", "validate")).ExitCode);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(cli.BackupFolder)), Token));
    }

    [Fact]
    public async Task Path_prints_the_absolute_config_path_from_the_option_or_CONFIG_PATH()
    {
        using var cli = new CliHarness();
        var fromVariable = Path.Combine(cli.FolderPath, "elsewhere", "config.json");

        var byOption = await cli.RunAsync("config", "path");
        var byVariable = await cli.RunWithoutConfigAsync(["config", "path", "--json"], new Dictionary<string, string> { ["CONFIG_PATH"] = fromVariable });
        var byDefault = await cli.RunWithoutConfigAsync(["config", "path"]);
        var relative = await cli.RunWithoutConfigAsync(["config", "path", "-c", "some/config.json"]);

        Assert.Equal(cli.ConfigPath, byOption.Succeeded().Output.Trim());
        Assert.Equal(fromVariable, (string?)byVariable.Succeeded().Json()["path"]);
        Assert.False((bool?)byVariable.Json()["exists"]);
        Assert.Equal(Path.GetFullPath(Path.Combine(".config", "config.json")), byDefault.Succeeded().Output.Trim());
        Assert.Equal(Path.GetFullPath("some/config.json"), relative.Succeeded().Output.Trim());
    }
}
