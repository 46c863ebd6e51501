using Xunit;
using static ClaudeProxy.Tests.Cli.CliHarness;

namespace ClaudeProxy.Tests.Cli;

/// <summary>claude-proxy's CLI verbs (<c>show</c>, <c>add</c>, <c>remove</c>, <c>update</c>, <c>use</c>, <c>key</c>, <c>balance</c>, <c>help</c>) keep working.</summary>
public sealed class SeedAliasTests
{
    [Fact]
    public async Task Show_lists_like_channels_list_and_shows_one_like_channels_show()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var show = await cli.RunAsync("show");
        var showOne = await cli.RunAsync("show", "relay");

        Assert.Equal((await cli.RunAsync("channels", "list")).Succeeded().Output, show.Succeeded().Output);
        Assert.Equal((await cli.RunAsync("channels", "show", "relay")).Succeeded().Output, showOne.Succeeded().Output);
        show.ShowsNoRawKey(KeyA, KeyB);
    }

    [Fact]
    public async Task Add_takes_name_type_url_and_the_seed_options()
    {
        using var cli = new CliHarness();

        var run = await cli.RunAsync("add", "Relay", "openaiold", "https://relay.example.com/v1",
            "--description", "cheap", "--website", "https://relay.example.com", "--insecureSkipVerify", "true");

        run.Succeeded();
        var channel = await cli.ChannelAsync(0);
        Assert.Equal("Relay", (string?)channel["name"]);
        Assert.Equal("openaiold", (string?)channel["serviceType"]);
        Assert.Equal("cheap", (string?)channel["description"]);
        Assert.Equal("https://relay.example.com", (string?)channel["website"]);
        Assert.True((bool?)channel["insecureSkipVerify"]);
    }

    [Fact]
    public async Task Update_takes_the_seed_options_for_name_url_and_type()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels.Replace("\"apiKeys\":[]", "\"apiKeys\":[],\"insecureSkipVerify\":true", StringComparison.Ordinal));

        var run = await cli.RunAsync("update", "1", "--name", "Renamed", "--url", "https://new.example.com/v1", "--type", "openaiold", "--insecureSkipVerify", "false");

        run.Succeeded();
        var channel = await cli.ChannelAsync(1);
        Assert.Equal("Renamed", (string?)channel["name"]);
        Assert.Equal("https://new.example.com/v1", (string?)channel["baseUrl"]);
        Assert.Equal("openaiold", (string?)channel["serviceType"]);
        Assert.False((bool?)channel["insecureSkipVerify"]);
        Assert.Equal("gpt-4o", (string?)channel["modelMapping"]!["sonnet"]);
    }

    [Fact]
    public async Task Remove_and_use_take_a_name_in_any_case_or_a_position()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        (await cli.RunAsync("use", "RELAY")).Succeeded();
        Assert.Equal(1, (int?)(await cli.ConfigJsonAsync())["currentUpstream"]);

        (await cli.RunAsync("remove", "0")).Succeeded();
        var saved = await cli.ConfigJsonAsync();
        Assert.Equal("ch_relay", (string?)Assert.Single(saved["upstream"]!.AsArray())!["id"]);
        Assert.Equal(0, (int?)saved["currentUpstream"]);
    }

    [Fact]
    public async Task Key_channel_add_list_remove_manage_upstream_keys()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var add = await cli.RunAsync("key", "relay", "add", KeyC);
        var list = await cli.RunAsync("key", "relay", "list");
        var duplicate = await cli.RunAsync("key", "relay", "add", KeyC);
        var remove = await cli.RunAsync("key", "relay", "remove", KeyC);
        var missingKey = await cli.RunAsync("key", "relay", "add");
        var badVerb = await cli.RunAsync("key", "relay", "rotate");

        add.Succeeded().ShowsNoRawKey(KeyC);
        Assert.Contains("[0] sk-pro…0003", list.Succeeded().Output, StringComparison.Ordinal);
        list.ShowsNoRawKey(KeyC);
        Assert.Equal(4, duplicate.ExitCode);
        remove.Succeeded().ShowsNoRawKey(KeyC);
        Assert.Empty((await cli.ChannelAsync(1))["apiKeys"]!.AsArray());
        Assert.Equal(2, missingKey.ExitCode);
        Assert.Equal(2, badVerb.ExitCode);
    }

    [Fact]
    public async Task Balance_takes_the_seed_strategies()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        foreach (var strategy in new[] { "round-robin", "random", "failover" })
        {
            (await cli.RunAsync("balance", strategy)).Succeeded();
            Assert.Equal(strategy, (string?)(await cli.ConfigJsonAsync())["loadBalance"]);
        }
    }

    [Fact]
    public async Task Help_prints_the_help_of_the_command_after_it()
    {
        using var cli = new CliHarness();

        var help = await cli.RunWithoutConfigAsync(["help", "channels", "add"]);
        var option = await cli.RunWithoutConfigAsync(["channels", "add", "--help"]);

        Assert.Equal(option.Succeeded().Output, help.Succeeded().Output);
        Assert.Contains("channels add <name> <type> <url>", help.Output, StringComparison.Ordinal);
    }
}
