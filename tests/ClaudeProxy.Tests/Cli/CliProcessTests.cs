using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Cli;

/// <summary>The config tool in the shipped executable (the Native AOT binary in CI), run as a user runs it.</summary>
public sealed class CliProcessTests
{
    private const string UpstreamKey = "sk-ant-api03-process-0000000000000000000000007";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_binary_edits_the_config_in_its_folder_masks_keys_and_returns_exit_codes()
    {
        using var folder = new TempFolder();
        var noVariables = new Dictionary<string, string>();

        await using (var add = GatewayProcess.Start(folder.Path, noVariables, "channels", "add", "bin", "claude", "https://api.anthropic.com", "--key", UpstreamKey, "--json"))
        {
            Assert.Equal(0, await add.WaitForExitAsync(Token));
            Assert.Equal("sk-ant…0007", (string?)JsonNode.Parse(add.Output)!["apiKeys"]![0]);
            Assert.DoesNotContain(UpstreamKey, add.Output, StringComparison.Ordinal);
        }

        var saved = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"), Token))!;
        Assert.Equal(UpstreamKey, (string?)saved["upstream"]![0]!["apiKeys"]![0]);

        await using (var missing = GatewayProcess.Start(folder.Path, noVariables, "channels", "show", "nope"))
        {
            Assert.Equal(3, await missing.WaitForExitAsync(Token));
            Assert.Contains("There is no channel 'nope'", missing.Output, StringComparison.Ordinal);
        }

        await using (var path = GatewayProcess.Start(folder.Path, new Dictionary<string, string> { ["CONFIG_PATH"] = "other/config.json" }, "config", "path"))
        {
            Assert.Equal(0, await path.WaitForExitAsync(Token));
            Assert.EndsWith(Path.Combine("other", "config.json"), path.Output.Trim(), StringComparison.Ordinal);
        }
    }
}
