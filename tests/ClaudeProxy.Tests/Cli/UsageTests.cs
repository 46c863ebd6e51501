using System.Text.Json.Nodes;
using Xunit;
using static ClaudeProxy.Tests.Cli.CliHarness;

namespace ClaudeProxy.Tests.Cli;

/// <summary>Help on every command, and bad command lines answered on stderr with exit code 2.</summary>
public sealed class UsageTests
{
    [Theory]
    [InlineData("Exit codes: 0 ok", "--help")]
    [InlineData("--insecure-skip-verify", "channels", "add", "--help")]
    [InlineData("--unset", "channels", "update", "--help")]
    [InlineData("<keyRef>", "keys", "remove", "-h")]
    [InlineData("masked keys of channels with the same id keep their real keys", "config", "import", "--help")]
    [InlineData("generate", "key", "--help")]
    [InlineData("<source>", "mapping", "set", "--help")]
    [InlineData("--error-type", "logs", "--help")]
    [InlineData("--window", "stats", "--help")]
    public async Task Help_describes_the_command(string expected, params string[] args)
    {
        using var cli = new CliHarness();

        var run = await cli.RunWithoutConfigAsync(args);

        Assert.Contains("Usage:", run.Succeeded().Output, StringComparison.Ordinal);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Theory]
    [InlineData("Unrecognized command or argument 'frobnicate'", "frobnicate")]
    [InlineData("Required argument missing", "channels", "add", "only-a-name")]
    [InlineData("Required command was not provided", "channels")]
    [InlineData("Unrecognized command or argument '--colour'", "channels", "list", "--colour")]
    [InlineData("Cannot parse argument 'many'", "channels", "update", "main", "--weight", "many")]
    public async Task A_bad_command_line_exits_with_2_and_says_why_on_stderr(string expected, params string[] args)
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);
        var before = await cli.ConfigTextAsync();

        var run = await cli.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Contains("--help' for usage", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Equal(before, await cli.ConfigTextAsync());
    }

    [Fact]
    public async Task Errors_under_json_are_json_on_stderr()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunAsync("keys", "add", "main", KeyA, "--json");

        Assert.Equal(4, run.ExitCode);
        Assert.Empty(run.Output);
        var error = JsonNode.Parse(run.Error)!["error"]!;
        Assert.Equal("conflict", (string?)error["type"]);
        Assert.Contains("has this key already", (string?)error["message"], StringComparison.Ordinal);
        run.ShowsNoRawKey(KeyA);
    }

    [Fact]
    public async Task The_config_option_may_come_before_the_command()
    {
        using var cli = await CliHarness.WithConfigAsync(TwoChannels);

        var run = await cli.RunWithoutConfigAsync(["--config", cli.ConfigPath, "channels", "list", "--json"]);

        Assert.Equal(2, run.Succeeded().Json()["channels"]!.AsArray().Count);
    }
}
