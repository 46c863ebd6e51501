using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>A channel's <c>reasoning</c> names a field of its own upstream protocol; a style of another one is refused when the config loads.</summary>
public sealed class ReasoningSettingTests
{
    [Theory]
    [InlineData("gemini", "openai")]
    [InlineData("gemini", "deepseek")]
    [InlineData("openai", "gemini-budget")]
    [InlineData("openaiold", "gemini-level")]
    [InlineData("claude", "openai")]
    [InlineData("responses", "deepseek")]
    [InlineData("responses", "gemini-budget")]
    public void A_reasoning_style_of_another_protocol_is_refused_naming_the_field_and_the_styles_that_fit(string serviceType, string reasoning)
    {
        var error = Assert.Throws<ConfigFileException>(() => Parse(serviceType, reasoning));

        var problem = Assert.Single(error.Problems);
        Assert.Contains("upstream[0].reasoning", problem, StringComparison.Ordinal);
        Assert.Contains($"not for {serviceType} channels", problem, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", ReasoningSetting.For(serviceType)), problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gemini", "gemini-budget")]
    [InlineData("gemini", "Gemini-Level")]
    [InlineData("openai", "openai")]
    [InlineData("openaiold", "deepseek")]
    [InlineData("claude", "none")]
    [InlineData("responses", "openai")]
    public void A_reasoning_style_of_the_channels_own_protocol_loads(string serviceType, string reasoning) =>
        Assert.Equal(reasoning, Assert.Single(Parse(serviceType, reasoning).Upstream).Reasoning);

    private static ProxyConfig Parse(string serviceType, string reasoning)
    {
        var config = JsonNode.Parse(TestConfigs.Config(TestConfigs.Channel("c", serviceType, new Uri("http://127.0.0.1:9/v1"), "k-1")))!;
        config["upstream"]![0]!["reasoning"] = reasoning;
        return ConfigParser.Parse(Encoding.UTF8.GetBytes(config.ToJsonString()), "config.json");
    }
}
