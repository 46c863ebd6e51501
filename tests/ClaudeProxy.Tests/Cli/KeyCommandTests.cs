using System.Text.RegularExpressions;
using Xunit;
using static ClaudeProxy.Tests.Cli.CliHarness;

namespace ClaudeProxy.Tests.Cli;

/// <summary><c>keys list|add|remove</c> on a channel's upstream keys, and <c>key generate</c> for the gateway's own access key.</summary>
public sealed partial class KeyCommandTests
{
    [Fact]
    public async Task Keys_add_appends_the_key_and_shows_it_masked()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("keys", "add", "main", KeyC);

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB, KeyC);
        Assert.Contains("Added key sk-pro…0003", run.Output, StringComparison.Ordinal);
        Assert.Equal([KeyA, KeyB, KeyC], (await cli.ChannelAsync(0))["apiKeys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task Keys_add_of_a_key_the_channel_has_is_a_conflict()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync("keys", "add", "main", KeyB);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("has this key already", run.Error, StringComparison.Ordinal);
        run.ShowsNoRawKey(KeyB);
        Assert.Equal(before, await cli.ConfigTextAsync());
    }

    [Fact]
    public async Task Keys_add_reads_the_key_from_stdin_when_given_a_dash()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        cli.Input = KeyC + "\n";

        var run = await cli.RunAsync("keys", "add", "relay", "-");

        run.Succeeded().ShowsNoRawKey(KeyC);
        Assert.Equal([KeyC], (await cli.ChannelAsync(1))["apiKeys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task Keys_add_of_an_empty_key_is_invalid()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("keys", "add", "relay", "-");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty((await cli.ChannelAsync(1))["apiKeys"]!.AsArray());
    }

    [Fact]
    public async Task Keys_remove_by_masked_fingerprint()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("keys", "remove", "main", "sk-ant…0001");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Contains("Removed key sk-ant…0001", run.Output, StringComparison.Ordinal);
        Assert.Equal([KeyB], (await cli.ChannelAsync(0))["apiKeys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task Keys_remove_by_position()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("keys", "remove", "ch_main", "1", "--json");

        run.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Equal("sk-ant…0001", (string?)Assert.Single(run.Json()["keys"]!.AsArray())!["masked"]);
        Assert.Equal([KeyA], (await cli.ChannelAsync(0))["apiKeys"]!.AsArray().Select(k => (string?)k));
    }

    [Fact]
    public async Task Keys_remove_of_an_unknown_key_is_not_found()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("keys", "remove", "main", "sk-ant…9999");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(2, (await cli.ChannelAsync(0))["apiKeys"]!.AsArray().Count);
    }

    [Fact]
    public async Task Keys_list_shows_positions_and_masked_keys()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var text = await cli.RunAsync("keys", "list", "main");
        var json = await cli.RunAsync("keys", "list", "main", "--json");

        text.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        json.Succeeded().ShowsNoRawKey(KeyA, KeyB);
        Assert.Contains("[0] sk-ant…0001", text.Output, StringComparison.Ordinal);
        Assert.Contains("[1] sk-ant…0002", text.Output, StringComparison.Ordinal);
        var keys = json.Json()["keys"]!.AsArray();
        Assert.Equal([0, 1], keys.Select(k => (int?)k!["index"]));
        Assert.Equal(["sk-ant…0001", "sk-ant…0002"], keys.Select(k => (string?)k!["masked"]));
        Assert.Equal("ch_main", (string?)json.Json()["id"]);
    }

    [Fact]
    public async Task Key_generate_prints_a_fresh_strong_access_key()
    {
        using var cli = new CliHarness();

        var first = (await cli.RunAsync("key", "generate")).Succeeded().Output.Trim();
        var second = (string?)(await cli.RunAsync("key", "generate", "--json")).Succeeded().Json()["key"];

        Assert.Matches(AccessKeyShape(), first);
        Assert.Matches(AccessKeyShape(), second!);
        Assert.NotEqual(first, second);
        // 43 base62 characters: a repeated character run this long would mean a broken generator.
        Assert.True(first[4..].Distinct().Count() > 15, first);
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [GeneratedRegex("^cpk-[0-9A-Za-z]{43}$")]
    private static partial Regex AccessKeyShape();
}
