using System.Text.Json;
using ClaudeProxy.Protocols.Validation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Validation;

public sealed class JsonFieldsTests
{
    private static readonly string[] Types = ["text", "image", "tool_use"];

    [Theory]
    [InlineData("\"text\"", 0)]
    [InlineData("\"tool_use\"", 2)]
    [InlineData("\"\\u0074ext\"", 0)]
    [InlineData("\"tool\\u005fuse\"", 2)]
    [InlineData("\"Text\"", -1)]
    [InlineData("\"texts\"", -1)]
    [InlineData("\"t\u00e9xt\"", -1)]
    [InlineData("\"\"", -1)]
    public void A_string_is_matched_against_ascii_names_whether_or_not_it_is_escaped(string json, int expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, JsonFields.IndexOfAscii(document.RootElement, Types));
    }
}
