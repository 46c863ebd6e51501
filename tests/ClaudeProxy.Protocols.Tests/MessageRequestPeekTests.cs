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
    public void A_typical_request_gives_the_model_its_token_and_the_stream_flag()
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
    public void An_escaped_model_is_decoded_and_its_token_covers_the_raw_escaped_text()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"claude\\u002dsonnet\",\"messages\":[]}");

        var peek = Read(body);

        Assert.Equal("claude-sonnet", peek.Model);
        Assert.Equal("\"claude\\u002dsonnet\"", Token(body, peek.ModelToken));
    }

    [Fact]
    public void The_token_of_a_model_with_an_escaped_quote_and_backslash_ends_at_the_closing_quote()
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"a\\\"b\\\\\",\"stream\":true}");

        var peek = Read(body);

        Assert.Equal("a\"b\\", peek.Model);
        Assert.Equal("\"a\\\"b\\\\\"", Token(body, peek.ModelToken));
        Assert.True(peek.Stream);
    }

    [Fact]
    public void The_token_range_of_a_non_ASCII_model_is_in_bytes_not_chars()
    {
        var body = Encoding.UTF8.GetBytes("{\"system\":\"日本語のシステム 🎉\",\"model\":\"模型-1\"}");

        var peek = Read(body);

        Assert.Equal("模型-1", peek.Model);
        Assert.Equal("\"模型-1\"", Token(body, peek.ModelToken));
        var (offset, length) = peek.ModelToken.GetOffsetAndLength(body.Length);
        Assert.Equal(body.Length - 1 - length, offset);
    }

    [Fact]
    public void With_non_ASCII_elsewhere_before_the_model_the_range_still_points_at_the_model_token()
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
    public void A_missing_or_null_model_gives_a_null_model_and_an_empty_token(string body)
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
    public void A_model_that_is_not_a_string_is_a_problem_naming_the_field(string body)
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
    public void A_stream_that_is_not_a_boolean_is_a_problem_naming_the_field(string body)
    {
        Assert.Null(MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem));
        Assert.Equal("stream: expected a boolean", problem);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xFF })]
    public void Invalid_UTF_8_anywhere_in_the_body_is_a_problem(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x!\"}]}");
        var at = Array.IndexOf(body, (byte)'!');
        byte[] broken = [.. body[..at], .. bad, .. body[(at + 1)..]];

        Assert.Null(MessageRequestPeek.TryRead(broken, out var problem));
        Assert.Equal("The request body is not valid UTF-8.", problem);
    }

    [Fact]
    public void Nesting_deeper_than_64_is_a_problem()
    {
        var body = "{\"model\":\"m\",\"metadata\":" + new string('[', 70) + new string(']', 70) + "}";

        Assert.Null(MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem));
        Assert.StartsWith("The request body is not valid JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_model_and_stream_keys_are_ignored()
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
    public void With_a_nested_model_before_the_top_level_model_the_top_level_one_is_read()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"messages\":[{\"role\":\"user\",\"model\":\"nested\",\"content\":\"model\"}],\"model\":\"top\"}");

        var peek = Read(body);

        Assert.Equal("top", peek.Model);
        Assert.Equal("\"top\"", Token(body, peek.ModelToken));
    }

    [Fact]
    public void A_model_after_a_large_messages_array_is_found_with_the_right_range()
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
    public void With_whitespace_and_newlines_everywhere_the_range_covers_only_the_string_token()
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
    public void Stream_is_true_only_for_the_literal_true(string body, bool expected)
    {
        Assert.Equal(expected, Read(body).Stream);
    }

    [Fact]
    public void Of_duplicate_model_strings_the_last_one_wins_including_its_range()
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
    public void Of_duplicate_stream_properties_the_last_one_wins(string body, bool expected)
    {
        Assert.Equal(expected, Read(body).Stream);
    }

    [Theory]
    [InlineData("{\"model\":\"first\",\"model\":null}")]
    public void A_duplicate_model_whose_last_value_is_null_does_not_keep_the_earlier_string(string body)
    {
        // Consistent with "last wins" for string duplicates and for stream: a JSON reader that
        // keeps the last value (as the upstream does) never sees "first" as the model.
        Assert.Null(Read(body).Model);
    }

    [Fact]
    public void A_model_property_name_written_with_escapes_is_recognised()
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
    public void A_property_name_only_similar_to_model_is_ignored(string body)
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
    public void A_body_that_is_not_an_object_gives_no_peek_and_the_object_problem(string body)
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
    public void Malformed_json_gives_no_peek_and_the_invalid_json_problem(string body)
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
    public void An_empty_or_whitespace_body_gives_no_peek_and_the_empty_body_problem(string body)
    {
        var peek = MessageRequestPeek.TryRead(Encoding.UTF8.GetBytes(body), out var problem);

        Assert.Null(peek);
        Assert.Equal("The request body is empty; expected a JSON object.", problem);
    }

    [Fact]
    public void Every_truncation_of_a_valid_body_is_rejected()
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
    public void Invalid_UTF_8_inside_the_model_string_gives_no_peek_and_a_problem_instead_of_throwing()
    {
        byte[] body = [.. "{\"model\":\"claude"u8, 0xC3, 0x28, .. "\"}"u8];

        var peek = MessageRequestPeek.TryRead(body, out var problem);

        Assert.Null(peek);
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_the_model_string_gives_no_peek_and_a_problem_instead_of_throwing()
    {
        var body = "{\"model\":\"claude\\ud800\"}"u8.ToArray();

        var peek = MessageRequestPeek.TryRead(body, out var problem);

        Assert.Null(peek);
        Assert.NotNull(problem);
    }

    [Fact]
    public void A_valid_body_leaves_the_problem_null()
    {
        var peek = MessageRequestPeek.TryRead("{\"model\":\"m\"}"u8, out var problem);

        Assert.NotNull(peek);
        Assert.Null(problem);
    }
}
