using Xunit;
using static ClaudeProxy.Tests.Cli.CliHarness;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>mapping set|remove</c> and <c>balance</c>.</summary>
public sealed class MappingAndBalanceCommandTests
{
    [Fact]
    public async Task Mapping_set_adds_a_mapping_and_replaces_one_of_the_same_source()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        (await cli.RunAsync("mapping", "set", "relay", "haiku", "gpt-4o-mini")).Succeeded();
        var run = await cli.RunAsync("mapping", "set", "relay", "sonnet", "gpt-4.1", "--json");

        var mapping = (await cli.ChannelAsync(1))["modelMapping"]!;
        Assert.Equal("gpt-4o-mini", (string?)mapping["haiku"]);
        Assert.Equal("gpt-4.1", (string?)mapping["sonnet"]);
        Assert.Equal("gpt-4.1", (string?)run.Succeeded().Json()["modelMapping"]!["sonnet"]);
    }

    [Fact]
    public async Task Mapping_remove_drops_the_mapping_and_an_absent_one_is_not_found()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        (await cli.RunAsync("mapping", "remove", "relay", "sonnet")).Succeeded();
        var again = await cli.RunAsync("mapping", "remove", "relay", "sonnet");

        Assert.Null((await cli.ChannelAsync(1))["modelMapping"]);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("maps no model 'sonnet'", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("round-robin")]
    [InlineData("sticky")]
    public async Task Balance_sets_a_known_strategy(string strategy)
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("balance", strategy);

        Assert.Contains(strategy, run.Succeeded().Output, StringComparison.Ordinal);
        Assert.Equal(strategy, (string?)(await cli.ConfigJsonAsync())["loadBalance"]);
        Assert.Equal(strategy, (string?)(await cli.RunAsync("balance", "--json")).Succeeded().Json()["loadBalance"]);
    }

    [Fact]
    public async Task Balance_refuses_an_unknown_strategy()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync("balance", "fastest");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sticky, failover, round-robin, random", run.Error, StringComparison.Ordinal);
        Assert.Equal(before, await cli.ConfigTextAsync());
    }
}
