using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>A channel's <c>foldSystemMessages</c> loads on its own; with <c>systemMessagesInPlace</c> it contradicts it and is refused.</summary>
public sealed class FoldSystemMessagesSettingTests
{
    [Theory]
    [InlineData("openai")]
    [InlineData("openaiold")]
    [InlineData("gemini")]
    public void Fold_system_messages_loads_on_translated_channels(string serviceType) =>
        Assert.True(Assert.Single(Parse(serviceType, channel => channel["foldSystemMessages"] = true).Upstream).FoldSystemMessages);

    [Fact]
    public void Fold_system_messages_is_absent_unless_set_so_the_default_keeps_them_in_place() =>
        Assert.Null(Assert.Single(Parse("openai", _ => { }).Upstream).FoldSystemMessages);

    [Fact]
    public void Fold_system_messages_with_system_messages_in_place_is_refused_naming_both_fields()
    {
        var error = Assert.Throws<ConfigFileException>(() => Parse("openai", channel =>
        {
            channel["foldSystemMessages"] = true;
            channel["systemMessagesInPlace"] = true;
        }));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("upstream[0].foldSystemMessages", problem, StringComparison.Ordinal);
        Assert.Contains("systemMessagesInPlace", problem, StringComparison.Ordinal);
    }

    private static ProxyConfig Parse(string serviceType, Action<JsonObject> configure)
    {
        var config = JsonNode.Parse(TestConfigs.Config(TestConfigs.Channel("c", serviceType, new Uri("http://127.0.0.1:9/v1"), "k-1")))!;
        configure(config["upstream"]![0]!.AsObject());
        return ConfigParser.Parse(Encoding.UTF8.GetBytes(config.ToJsonString()), "config.json");
    }
}
