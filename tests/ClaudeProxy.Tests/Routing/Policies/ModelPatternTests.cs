using ClaudeProxy.Routing.Policies;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Policies;

/// <summary>A channel's model patterns: <c>*</c> any run, <c>?</c> one character, case-insensitive.</summary>
public sealed class ModelPatternTests
{
    [Theory]
    [InlineData("claude-*haiku*", "claude-3-5-haiku-20241022", true)]
    [InlineData("claude-*haiku*", "claude-haiku-4-5", true)]
    [InlineData("claude-*haiku*", "claude-haiku-4-5-20251001", true)]
    [InlineData("claude-*haiku*", "claude-sonnet-4-5-20250929", false)]
    [InlineData("claude-*haiku*", "claude-opus-4-1", false)]
    [InlineData("claude-*haiku*", "haiku", false)]
    [InlineData("claude-*haiku*", "anthropic/claude-3-haiku", false)]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5", true)]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4-5-20250929", false)]
    [InlineData("claude-sonnet-4-5", "claude-sonnet-4", false)]
    [InlineData("*", "", true)]
    [InlineData("*", "anything-at-all", true)]
    [InlineData("", "", true)]
    [InlineData("", "claude", false)]
    [InlineData("claude-3-?-sonnet", "claude-3-5-sonnet", true)]
    [InlineData("claude-3-?-sonnet", "claude-3-7-sonnet", true)]
    [InlineData("claude-3-?-sonnet", "claude-3--sonnet", false)]
    [InlineData("claude-3-?-sonnet", "claude-3-57-sonnet", false)]
    [InlineData("gpt-4?", "gpt-4o", true)]
    [InlineData("gpt-4?", "gpt-4", false)]
    [InlineData("???", "abc", true)]
    [InlineData("???", "ab", false)]
    [InlineData("???", "abcd", false)]
    [InlineData("CLAUDE-*HAIKU*", "claude-3-5-haiku-20241022", true)]
    [InlineData("claude-*haiku*", "Claude-3-5-HAIKU-20241022", true)]
    [InlineData("Gemini-2.5-Pro", "gemini-2.5-pro", true)]
    // Several stars.
    [InlineData("claude-*-4-*", "claude-sonnet-4-5-20250929", true)]
    [InlineData("claude-*-4-*", "claude-3-5-sonnet-20241022", false)]
    [InlineData("*sonnet*4*", "claude-sonnet-4-5", true)]
    [InlineData("*sonnet*4*", "claude-4-sonnet", false)]
    [InlineData("**haiku**", "claude-haiku-4-5", true)]
    [InlineData("*-*-*", "a-b-c", true)]
    [InlineData("*-*-*", "a-b", false)]
    [InlineData("*?", "", false)]
    [InlineData("*?", "x", true)]
    // Backtracking: the first place a literal fits is not the one that matches.
    [InlineData("*haiku", "claude-haiku-haiku", true)]
    [InlineData("*haiku", "claude-haiku-4-5", false)]
    [InlineData("*4-5", "claude-sonnet-4-4-5", true)]
    [InlineData("a*ab", "aaab", true)]
    [InlineData("a*ab", "aaba", false)]
    [InlineData("*aab", "aaaab", true)]
    [InlineData("c*laude", "claudelaude", true)]
    [InlineData("*-20250929", "claude-sonnet-4-5-20250929", true)]
    [InlineData("*-20250929", "claude-sonnet-4-5-20250929-v2", false)]
    [InlineData("*a*b*c*", "xaxbxaxc", true)]
    [InlineData("*a*b*c*", "xcxbxa", false)]
    public void Matches_one_pattern(string pattern, string model, bool expected) => Assert.Equal(expected, ModelPattern.Matches(pattern, model));

    [Fact]
    public void No_patterns_match_every_model_even_none()
    {
        Assert.True(ModelPattern.Matches((IReadOnlyList<string>?)null, "claude-sonnet-4-5"));
        Assert.True(ModelPattern.Matches((IReadOnlyList<string>?)null, null));
        Assert.True(ModelPattern.Matches([], "gpt-4o"));
        Assert.True(ModelPattern.Matches([], null));
    }

    [Fact]
    public void Patterns_never_match_a_request_without_a_model()
    {
        Assert.False(ModelPattern.Matches(["*"], null));
        Assert.False(ModelPattern.Matches(["claude-*haiku*"], null));
    }

    [Fact]
    public void Any_one_of_several_patterns_is_enough()
    {
        IReadOnlyList<string> patterns = ["claude-*haiku*", "claude-sonnet-4-?"];

        Assert.True(ModelPattern.Matches(patterns, "claude-3-5-haiku-latest"));
        Assert.True(ModelPattern.Matches(patterns, "claude-sonnet-4-5"));
        Assert.False(ModelPattern.Matches(patterns, "claude-sonnet-4-5-20250929"));
        Assert.False(ModelPattern.Matches(patterns, "claude-opus-4-1"));
    }

    [Fact]
    public void A_long_model_name_against_many_stars_is_matched_correctly()
    {
        var model = new string('a', 5_000) + "b";
        var pattern = string.Concat(Enumerable.Repeat("*a", 40)) + "*c";

        Assert.False(ModelPattern.Matches(pattern, model));
        Assert.True(ModelPattern.Matches(pattern[..^1] + "b", model));
    }
}
