using System.Text;
using ClaudeProxy.Protocols.Validation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Validation;

public sealed class UnpairedSurrogatesTests
{
    [Theory]
    [InlineData("""
        "a\ud800b"
        """)]
    [InlineData("""
        "\udc00"
        """)]
    [InlineData("""
        "\ud83c"
        """)]
    [InlineData("""
        "\uDBFF\u0041"
        """)]
    [InlineData("""
        "\udf89\ud83c"
        """)]
    [InlineData("""
        "ok \\ then \ud800"
        """)]
    public void A_surrogate_escape_without_its_partner_is_found(string token)
    {
        Assert.True(UnpairedSurrogates.In(Encoding.UTF8.GetBytes(token.Trim())));
    }

    [Theory]
    [InlineData("""
        "plain"
        """)]
    [InlineData("""
        "\ud83c\udf89 and \uD83D\uDE00"
        """)]
    [InlineData("""
        "\\ud800 is an escaped backslash, not an escape"
        """)]
    [InlineData("""
        "\u00e9\n\t\"\/"
        """)]
    [InlineData("""
        "🎉 raw UTF-8"
        """)]
    public void Paired_surrogates_and_other_escapes_are_fine(string token)
    {
        Assert.False(UnpairedSurrogates.In(Encoding.UTF8.GetBytes(token.Trim())));
    }

    [Theory]
    [InlineData("""{"a":1,"messages":[{"role":"user","content":[{"type":"text","text":"ok"},{"type":"text","text":"x\ud800"}]}]}""", "messages.0.content.1.text")]
    [InlineData("""{"tools":[{"input_schema":{"properties":{"q":{"description":"\udc00"}}}}]}""", "tools.0.input_schema.properties.q.description")]
    [InlineData("""{"list":[1,[true,null],{"k":"\ud83c"}]}""", "list.2.k")]
    [InlineData("""{"meta":{"\ud800":1}}""", "meta")]
    [InlineData("""["fine","\ud800"]""", "1")]
    public void The_string_holding_the_unpaired_escape_is_named_by_its_path(string body, string path)
    {
        var at = UnpairedSurrogates.Locate(Encoding.UTF8.GetBytes(body));

        Assert.Equal(path, at.ToString());
    }

    [Fact]
    public void A_body_that_breaks_before_the_escape_is_located_at_the_root()
    {
        var at = UnpairedSurrogates.Locate("""{"a" oops "\ud800"}"""u8);

        Assert.True(at.IsRoot);
    }
}
