using System.Text.RegularExpressions;
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

    [Theory]
    [InlineData("(see https://relay.example.com/v1).", "https://relay.example.com/v1")]
    [InlineData("<https://relay.example.com/v1>", "https://relay.example.com/v1")]
    [InlineData("`https://relay.example.com/v1/`,", "https://relay.example.com/v1")]
    [InlineData("HTTPS://Relay.Example.com/v1 and https://second.example.com", "HTTPS://Relay.Example.com/v1")]
    [InlineData("http:// https://relay.example.com", "https://relay.example.com")]
    [InlineData("httpx://no.example.com http://plain.example.com:8080/x?y=1", "http://plain.example.com:8080/x?y=1")]
    public void The_first_url_is_taken_up_to_whitespace_quotes_or_brackets_without_trailing_punctuation(string text, string url)
    {
        Assert.Equal(url, QuickAddParser.Parse(text).BaseUrl);
    }

    [Theory]
    [InlineData("sk-0123456789abcdef", true)]
    [InlineData("sk-0123456789abcde", false)]
    [InlineData("AIza0123456789abcdef", true)]
    [InlineData("AIza0123456789abcde", false)]
    [InlineData("xsk-0123456789abcdef", false)]
    [InlineData("_AIza0123456789abcdef", false)]
    [InlineData("aiza0123456789abcdef", false)]
    [InlineData("SK-0123456789abcdef", false)]
    public void A_key_is_a_whole_word_with_a_known_prefix_and_at_least_sixteen_characters_after_it(string word, bool isKey)
    {
        var found = QuickAddParser.Parse($"key={word}.");

        Assert.Equal(isKey ? [word] : [], found.Keys);
    }

    [Fact]
    public void Keys_keep_the_order_they_are_pasted_in_and_the_first_decides_the_service_type()
    {
        var found = QuickAddParser.Parse($"{GeminiKey}\n{OpenAIKey}\n{GeminiKey}\n\"{AnthropicKey}\"");

        Assert.Equal([GeminiKey, OpenAIKey, AnthropicKey], found.Keys);
        Assert.Equal("gemini", found.ServiceType);
    }

    [Fact]
    public void A_key_in_any_of_the_urls_is_not_taken_but_a_key_right_after_a_url_is()
    {
        var found = QuickAddParser.Parse($"https://a.example.com/{LegacyOpenAIKey} http://b.example.com/?k={GeminiKey}\"{OpenAIKey}");

        Assert.Equal("https://a.example.com/" + LegacyOpenAIKey, found.BaseUrl);
        Assert.Equal([OpenAIKey], found.Keys);
    }

    [Fact]
    public void The_scanner_finds_what_the_equivalent_regular_expressions_find_in_random_text()
    {
        // The rules the scanner implements, written as the regular expressions they once were.
        var urlPattern = new Regex(@"https?://[^\s""'<>`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var keyPattern = new Regex(@"(?<![A-Za-z0-9_\-])(?:sk-[A-Za-z0-9_\-]{16,}|AIza[A-Za-z0-9_\-]{16,})");
        string[] pieces = ["http", "HTTPS", "s", "://", "/", "sk-", "AIza", "ant-", "0123456789", "abcdef", "_", "-", " ", "\n", "\"", "'", "<", ">", "`", ".", ",", ")", "x", "=", "\u00a0"];
        var random = new Random(1234);
        for (var i = 0; i < 5000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => pieces[random.Next(pieces.Length)]));
            var expectedUrls = urlPattern.Matches(text).Select(m => m.Value).ToList();
            var expectedKeys = keyPattern.Matches(urlPattern.Replace(text, " ")).Select(m => m.Value).Distinct().ToList();

            var urls = UrlScanner.FindAll(text);
            var found = QuickAddParser.Parse(text);

            Assert.Equal(expectedUrls, urls.Select(r => text[r]));
            Assert.Equal(expectedKeys, found.Keys);
        }
    }
}
