using System.Text;
using ClaudeProxy.Protocols.Anthropic;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

public sealed class MessageRequestPeekTests
{
    private static MessageRequestPeek Read(string body) => Read(Encoding.UTF8.GetBytes(body));

    private static MessageRequestPeek Read(byte[] body)
    {
        var peek = MessageRequestPeek.TryRead(body, out var problem);
        Assert.Null(problem);
        Assert.NotNull(peek);
        return peek.Value;
    }

    private static string Token(byte[] body, Range range) => Encoding.UTF8.GetString(body.AsSpan()[range]);

    [Fact]
    public void TryRead_TypicalRequest_ReturnsModelTokenAndStream()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        var peek = Read(body);

        Assert.Equal("claude-sonnet-4-5", peek.Model);
        Assert.Equal(new Range(9, 28), peek.ModelToken);
        Assert.Equal("\"claude-sonnet-4-5\"", Token(body, peek.ModelToken));
        Assert.True(peek.Stream);
    }

    [Fact]
    public void TryRead_EscapedModel_DecodesModelAndTokenCoversTheRawEscapedText()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"claude\\u002dsonnet\",\"messages\":[]}");

        var peek = Read(body);

        Assert.Equal("claude-sonnet", peek.Model);
        Assert.Equal("\"claude\\u002dsonnet\"", Token(body, peek.ModelToken));
    }

    [Fact]
    public void TryRead_ModelWithEscapedQuoteAndBackslash_TokenEndsAtTheClosingQuote()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"a\\\"b\\\\\",\"stream\":true}");

        var peek = Read(body);

        Assert.Equal("a\"b\\", peek.Model);
        Assert.Equal("\"a\\\"b\\\\\"", Token(body, peek.ModelToken));
        Assert.True(peek.Stream);
    }

    [Fact]
    public void TryRead_NonAsciiModel_RangeIsInBytesNotChars()
    {
        var body = Encoding.UTF8.GetBytes("{\"system\":\"日本語のシステム 🎉\",\"model\":\"模型-1\"}");

        var peek = Read(body);

        Assert.Equal("模型-1", peek.Model);
        Assert.Equal("\"模型-1\"", Token(body, peek.ModelToken));
        var (offset, length) = peek.ModelToken.GetOffsetAndLength(body.Length);
        Assert.Equal(body.Length - 1 - length, offset);
    }

    [Fact]
    public void TryRead_NonAsciiElsewhereBeforeModel_RangeStillPointsAtTheModelToken()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Grüße, 世界! 🎉 \\u00e9\"}],\"model\":\"claude-haiku\",\"stream\":false}");

        var peek = Read(body);

        Assert.Equal("claude-haiku", peek.Model);
        Assert.Equal("\"claude-haiku\"", Token(body, peek.ModelToken));
        Assert.False(peek.Stream);
    }

    [Theory]
    [InlineData("{\"model\":null}")]
    [InlineData("{\"messages\":[]}")]
    [InlineData("{}")]
    public void TryRead_ModelMissingOrNull_ModelIsNullAndTokenIsEmpty(string body)
    {
        var peek = Read(body);

        Assert.Null(peek.Model);
        Assert.Equal(default, peek.ModelToken);
    }

    [Theory]
    [InlineData("{\"model\":42}")]
    [InlineData("{\"model\":true}")]
    [InlineData("{\"model\":{\"model\":\"inner\"},\"stream\":true}")]
    [InlineData("{\"model\":[\"claude\"]}")]
    [InlineData("{\"model\":\"first\",\"model\":42}")]
    public void TryRead_ModelThatIsNotAString_IsAProblemNamingTheField(string body)
    {
        Assert.Null(MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem));
        Assert.Equal("model: expected a string", problem);
    }

    [Theory]
    [InlineData("{\"model\":\"m\",\"stream\":\"true\"}")]
    [InlineData("{\"model\":\"m\",\"stream\":1}")]
    [InlineData("{\"model\":\"m\",\"stream\":{\"stream\":true}}")]
    [InlineData("{\"model\":\"m\",\"stream\":[true]}")]
    [InlineData("{\"stream\":true,\"stream\":\"yes\"}")]
    [InlineData("{\"stream\":{\"model\":\"inner\",\"x\":[1,2]},\"model\":\"outer\"}")]
    public void TryRead_StreamThatIsNotABoolean_IsAProblemNamingTheField(string body)
    {
        Assert.Null(MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem));
        Assert.Equal("stream: expected a boolean", problem);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    public void TryRead_InvalidUtf8AnywhereInTheBody_IsAProblem(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x!\"}]}");
        var at = Array.IndexOf(body, (byte)'!');
        byte[] broken = [.. body[..at], .. bad, .. body[(at + 1)..]];

        Assert.Null(MessageRequestPeek.TryRead(broken, out var problem));
        Assert.Equal("The request body is not valid UTF-8.", problem);
    }

    [Fact]
    public void TryRead_NestingDeeperThan64_IsAProblem()
    {
        var body = "{\"model\":\"m\",\"metadata\":" + new string('[', 70) + new string(']', 70) + "}";

        Assert.Null(MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem));
        Assert.StartsWith("The request body is not valid JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_NestedModelAndStreamKeys_AreIgnored()
    {
        var body =
            "{\"messages\":[{\"role\":\"user\",\"model\":\"nested-in-message\",\"stream\":true," +
            "\"content\":[{\"type\":\"text\",\"text\":\"x\",\"model\":\"deeper\"}]}]," +
            "\"metadata\":{\"model\":\"in-metadata\",\"stream\":true}," +
            "\"tools\":[{\"name\":\"t\",\"input_schema\":{\"properties\":{\"model\":{\"type\":\"string\"}}}}]}";

        var peek = Read(body);

        Assert.Null(peek.Model);
        Assert.False(peek.Stream);
    }

    [Fact]
    public void TryRead_NestedModelBeforeTopLevelModel_ReturnsTheTopLevelOne()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"messages\":[{\"role\":\"user\",\"model\":\"nested\",\"content\":\"model\"}],\"model\":\"top\"}");

        var peek = Read(body);

        Assert.Equal("top", peek.Model);
        Assert.Equal("\"top\"", Token(body, peek.ModelToken));
    }

    [Fact]
    public void TryRead_ModelAfterALargeMessagesArray_IsFoundWithTheRightRange()
    {
        var builder = new StringBuilder("{\"max_tokens\":10,\"messages\":[");
        for (var i = 0; i < 5_000; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"message ")
                .Append(i)
                .Append(" with \\\"quotes\\\" and ünïcödé\",\"model\":\"decoy\"}]}");
        }

        builder.Append("],\"stream\":true,\"model\":\"claude-opus\"}");
        var body = Encoding.UTF8.GetBytes(builder.ToString());

        var peek = Read(body);

        Assert.Equal("claude-opus", peek.Model);
        Assert.Equal("\"claude-opus\"", Token(body, peek.ModelToken));
        Assert.Equal(body.Length - 1, peek.ModelToken.End.GetOffset(body.Length));
        Assert.True(peek.Stream);
    }

    [Fact]
    public void TryRead_WhitespaceAndNewlinesEverywhere_RangeCoversOnlyTheStringToken()
    {
        var body = Encoding.UTF8.GetBytes("\r\n\t {\n  \"stream\" :\ttrue ,\r\n  \"model\"\n:\n  \"claude-x\"  \n}\n\t ");

        var peek = Read(body);

        Assert.Equal("claude-x", peek.Model);
        Assert.Equal("\"claude-x\"", Token(body, peek.ModelToken));
        Assert.True(peek.Stream);
    }

    [Theory]
    [InlineData("{\"model\":\"m\",\"stream\":true}", true)]
    [InlineData("{\"stream\":true,\"model\":\"m\"}", true)]
    [InlineData("{\"model\":\"m\",\"stream\":false}", false)]
    [InlineData("{\"model\":\"m\"}", false)]
    [InlineData("{\"model\":\"m\",\"stream\":null}", false)]
    public void TryRead_StreamProperty_IsTrueOnlyForTheLiteralTrue(string body, bool expected)
    {
        Assert.Equal(expected, Read(body).Stream);
    }

    [Fact]
    public void TryRead_DuplicateModelStrings_LastOneWinsIncludingItsRange()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"first\",\"messages\":[],\"model\":\"second\"}");

        var peek = Read(body);

        Assert.Equal("second", peek.Model);
        Assert.Equal("\"second\"", Token(body, peek.ModelToken));
        Assert.Equal(body.Length - 1, peek.ModelToken.End.GetOffset(body.Length));
    }

    [Theory]
    [InlineData("{\"stream\":true,\"stream\":false}", false)]
    [InlineData("{\"stream\":false,\"stream\":true}", true)]
    public void TryRead_DuplicateStream_LastOneWins(string body, bool expected)
    {
        Assert.Equal(expected, Read(body).Stream);
    }

    [Theory]
    [InlineData("{\"model\":\"first\",\"model\":null}")]
    public void TryRead_DuplicateModelWhereTheLastIsNull_DoesNotKeepTheEarlierString(string body)
    {
        // Consistent with "last wins" for string duplicates and for stream: a JSON reader that
        // keeps the last value (as the upstream does) never sees "first" as the model.
        Assert.Null(Read(body).Model);
    }

    [Fact]
    public void TryRead_ModelPropertyNameWrittenWithEscapes_IsRecognised()
    {
        var body = Encoding.UTF8.GetBytes("{\"m\\u006fdel\":\"claude\"}");

        var peek = Read(body);

        Assert.Equal("claude", peek.Model);
        Assert.Equal("\"claude\"", Token(body, peek.ModelToken));
    }

    [Theory]
    [InlineData("{\"Model\":\"x\"}")]
    [InlineData("{\"model \":\"x\"}")]
    [InlineData("{\"models\":\"x\"}")]
    public void TryRead_PropertyNameOnlySimilarToModel_IsIgnored(string body)
    {
        Assert.Null(Read(body).Model);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"model\":\"m\"}]")]
    [InlineData("\"model\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void TryRead_NotAnObject_ReturnsNullWithObjectProblem(string body)
    {
        var peek = MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem);

        Assert.Null(peek);
        Assert.Equal("The request body must be a JSON object.", problem);
    }

    [Theory]
    [InlineData("{\"model\":\"m\"")]
    [InlineData("{\"model\":\"m\",")]
    [InlineData("{\"model\":\"m")]
    [InlineData("{\"model\":")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"model\":\"m\"")]
    [InlineData("{")]
    [InlineData("{\"model\":\"m\"} x")]
    [InlineData("{\"model\":\"m\"}}")]
    [InlineData("{\"model\":\"m\"}{}")]
    [InlineData("{\"model\":\"m\"},")]
    [InlineData("{\"model\":\"m\"} []")]
    [InlineData("{\"model\":tru}")]
    [InlineData("{\"model\":\"m\",\"stream\":True}")]
    [InlineData("{model:\"m\"}")]
    [InlineData("{'model':'m'}")]
    [InlineData("{\"model\":\"m\",}")]
    [InlineData("{\"model\":\"m\" \"stream\":true}")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":01}")]
    [InlineData("{\"model\":\"m\",\"max_tokens\":NaN}")]
    [InlineData("{\"model\":\"a\tb\"}")]
    [InlineData("{\"model\":\"a\\qb\"}")]
    [InlineData("{/* comment */\"model\":\"m\"}")]
    [InlineData("{\"model\":\"m\"} // trailing comment")]
    [InlineData("{\"model\":\"m\",\"messages\":[1,2}")]
    public void TryRead_MalformedJson_ReturnsNullWithInvalidJsonProblem(string body)
    {
        var peek = MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem);

        Assert.Null(peek);
        Assert.NotNull(problem);
        Assert.StartsWith("The request body is not valid JSON: ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\r\n\t ")]
    public void TryRead_EmptyOrWhitespaceBody_ReturnsNullWithTheEmptyBodyProblem(string body)
    {
        var peek = MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem);

        Assert.Null(peek);
        Assert.Equal("The request body is empty; expected a JSON object.", problem);
    }

    [Fact]
    public void TryRead_EveryTruncationOfAValidBody_IsRejected()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"model\":\"claude-sonnet\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Grüße 🎉\"}],\"max_tokens\":100}");

        for (var length = 0; length < body.Length; length++)
        {
            var peek = MessageRequestPeek.TryRead(body.AsSpan(0, length), out var problem);

            Assert.True(peek is null, $"A body truncated to {length} bytes was accepted.");
            Assert.NotNull(problem);
        }
    }

    [Fact]
    public void TryRead_InvalidUtf8InsideTheModelString_ReturnsNullWithAProblemInsteadOfThrowing()
    {
        byte[] body = [.. "{\"model\":\"claude"u8, 0xC3, 0x28, .. "\"}"u8];

        var peek = MessageRequestPeek.TryRead(body, out var problem);

        Assert.Null(peek);
        Assert.NotNull(problem);
    }

    [Fact]
    public void TryRead_LoneSurrogateEscapeInTheModelString_ReturnsNullWithAProblemInsteadOfThrowing()
    {
        var body = "{\"model\":\"claude\\ud800\"}"u8.ToArray();

        var peek = MessageRequestPeek.TryRead(body, out var problem);

        Assert.Null(peek);
        Assert.NotNull(problem);
    }

    [Fact]
    public void TryRead_ValidBody_LeavesProblemNull()
    {
        var peek = MessageRequestPeek.TryRead("{\"model\":\"m\"}"u8, out var problem);

        Assert.NotNull(peek);
        Assert.Null(problem);
    }
}
