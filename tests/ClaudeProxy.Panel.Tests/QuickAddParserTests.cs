using ClaudeProxy.Panel.Channels;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class QuickAddParserTests
{
    private const string AnthropicKey = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345";
    private const string OpenAIKey = "sk-proj-abcdefghijklmnopqrstuvwxyz012345";
    private const string LegacyOpenAIKey = "sk-abcdefghijklmnopqrstuvwxyz012345";
    private const string GeminiKey = "AIzaSyAbcdefghijklmnopqrstuvwxyz0123456";

    [Fact]
    public void An_anthropic_url_and_two_keys_make_a_claude_channel_with_both_keys()
    {
        var found = QuickAddParser.Parse($"base: https://api.anthropic.com/\nkey1={AnthropicKey}\nkey2={AnthropicKey}X");

        Assert.Equal("https://api.anthropic.com", found.BaseUrl);
        Assert.Equal("claude", found.ServiceType);
        Assert.Equal([AnthropicKey, AnthropicKey + "X"], found.Keys);
        Assert.Equal("anthropic.com", found.Name);
    }

    [Theory]
    [InlineData("https://api.openai.com/v1", "openai")]
    [InlineData("https://generativelanguage.googleapis.com", "gemini")]
    [InlineData("https://api.anthropic.com", "claude")]
    public void The_service_type_comes_from_a_known_host_even_when_the_key_says_otherwise(string url, string serviceType)
    {
        var found = QuickAddParser.Parse($"{url} {GeminiKey}");

        Assert.Equal(serviceType, found.ServiceType);
    }

    [Theory]
    [InlineData(AnthropicKey, "claude")]
    [InlineData(OpenAIKey, "openai")]
    [InlineData(LegacyOpenAIKey, "openai")]
    [InlineData(GeminiKey, "gemini")]
    public void On_an_unknown_host_the_service_type_is_guessed_from_the_key_prefix(string key, string serviceType)
    {
        var found = QuickAddParser.Parse($"https://relay.example.com/api {key}");

        Assert.Equal(serviceType, found.ServiceType);
        Assert.Equal("https://relay.example.com/api", found.BaseUrl);
        Assert.Equal([key], found.Keys);
    }

    [Fact]
    public void An_unknown_host_without_a_recognised_key_is_openai()
    {
        var found = QuickAddParser.Parse("https://relay.example.com some-unknown-token-1234567890");

        Assert.Equal("openai", found.ServiceType);
        Assert.Empty(found.Keys);
        Assert.True(found.FoundAnything);
    }

    [Fact]
    public void A_key_without_a_url_gets_its_vendors_base_url()
    {
        var found = QuickAddParser.Parse(GeminiKey);

        Assert.Equal("gemini", found.ServiceType);
        Assert.Equal("https://generativelanguage.googleapis.com", found.BaseUrl);
    }

    [Fact]
    public void A_key_like_path_segment_of_the_url_is_not_taken_for_a_key_and_repeated_keys_count_once()
    {
        var found = QuickAddParser.Parse($"\"https://relay.example.com/sk-notakey0123456789abcdef/v1\", {OpenAIKey}; {OpenAIKey}");

        Assert.Equal("https://relay.example.com/sk-notakey0123456789abcdef/v1", found.BaseUrl);
        Assert.Equal([OpenAIKey], found.Keys);
    }

    [Fact]
    public void Text_with_neither_url_nor_key_finds_nothing()
    {
        var found = QuickAddParser.Parse("hello sk- there");

        Assert.False(found.FoundAnything);
        Assert.Null(found.BaseUrl);
        Assert.Equal("openai", found.ServiceType);
    }
}
