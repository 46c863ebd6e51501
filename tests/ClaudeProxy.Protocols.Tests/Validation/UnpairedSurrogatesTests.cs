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
}
