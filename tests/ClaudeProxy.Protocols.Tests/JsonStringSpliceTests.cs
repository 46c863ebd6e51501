using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

public sealed class JsonStringSpliceTests
{
    private const string SampleBody =
        "{\n  \"max_tokens\" : 1024,\n  \"model\":  \"claude-sonnet-4-5\" ,\n" +
        "  \"messages\": [{\"role\":\"user\",\"content\":\"Grüße \\u00e9 模型 🎉\",\"model\":\"nested\"}],\n" +
        "  \"metadata\": {\"user_id\": \"u1\"}, \"stream\": true, \"temperature\": 1.0E0\n}\n";

    private static (byte[] Body, Range Token) Peeked(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var peek = MessageRequestPeek.TryRead(bytes, out var problem);
        Assert.Null(problem);
        Assert.NotNull(peek);
        Assert.NotNull(peek.Value.Model);
        return (bytes, peek.Value.ModelToken);
    }

    private static void AssertOnlyTheTokenChanged(byte[] original, Range token, byte[] result, byte[] expectedToken)
    {
        var (offset, length) = token.GetOffsetAndLength(original.Length);
        Assert.Equal(original.Length - length + expectedToken.Length, result.Length);
        Assert.Equal(original.AsSpan(0, offset).ToArray(), result.AsSpan(0, offset).ToArray());
        Assert.Equal(expectedToken, result.AsSpan(offset, expectedToken.Length).ToArray());
        Assert.Equal(original.AsSpan(offset + length).ToArray(), result.AsSpan(offset + expectedToken.Length).ToArray());
    }

    [Theory]
    [InlineData("claude-opus-4-1")]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("a-much-longer-model-name-than-the-original-one-by-quite-a-lot-of-characters")]
    [InlineData("claude-sonnet-4-5")]
    public void Splicing_in_a_plain_value_changes_only_the_model_token(string newModel)
    {
        var (body, token) = Peeked(SampleBody);

        var result = JsonStringSplice.Replace(body, token, newModel);

        AssertOnlyTheTokenChanged(body, token, result, Encoding.UTF8.GetBytes($"\"{newModel}\""));
        var reread = MessageRequestPeek.TryRead(result, out _);
        Assert.NotNull(reread);
        Assert.Equal(newModel, reread.Value.Model);
        Assert.True(reread.Value.Stream);
    }

    [Theory]
    [InlineData("he said \"hi\"")]
    [InlineData("back\\slash")]
    [InlineData("模型")]
    [InlineData("Grüße-🎉")]
    [InlineData("tab\there")]
    [InlineData("nl\ncr\rnul\0bell\u0007")]
    [InlineData("</script><b>&'+`")]
    [InlineData("\u2028\u2029")]
    public void Splicing_in_a_value_that_needs_escapes_gives_valid_json_that_round_trips(string newModel)
    {
        var (body, token) = Peeked(SampleBody);

        var result = JsonStringSplice.Replace(body, token, newModel);

        using var document = JsonDocument.Parse(result);
        Assert.Equal(newModel, document.RootElement.GetProperty("model").GetString());
        Assert.Equal("nested", document.RootElement.GetProperty("messages")[0].GetProperty("model").GetString());
        var reread = MessageRequestPeek.TryRead(result, out _);
        Assert.NotNull(reread);
        Assert.Equal(newModel, reread.Value.Model);

        // The new token sits exactly where the old one did and everything around it is untouched.
        var newToken = result.AsSpan()[reread.Value.ModelToken].ToArray();
        AssertOnlyTheTokenChanged(body, token, result, newToken);
    }

    [Fact]
    public void A_non_ASCII_value_is_written_as_raw_UTF_8_not_unicode_escapes()
    {
        var (body, token) = Peeked("{\"model\":\"m\"}");

        var result = JsonStringSplice.Replace(body, token, "模型");

        Assert.Equal("{\"model\":\"模型\"}", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void A_quote_and_a_backslash_in_the_value_are_escaped_minimally()
    {
        var (body, token) = Peeked("{\"model\":\"m\"}");

        var result = JsonStringSplice.Replace(body, token, "a\"b\\c");

        Assert.Equal("{\"model\":\"a\\\"b\\\\c\"}", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void A_control_character_in_the_value_is_escaped()
    {
        var (body, token) = Peeked("{\"model\":\"m\"}");

        var result = JsonStringSplice.Replace(body, token, "a\u0001b\nc");

        var text = Encoding.UTF8.GetString(result);
        Assert.DoesNotContain('\u0001', text);
        Assert.DoesNotContain('\n', text);
        using var document = JsonDocument.Parse(result);
        Assert.Equal("a\u0001b\nc", document.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void An_original_token_written_with_escapes_is_replaced_whole()
    {
        var (body, token) = Peeked("{\"model\":\"claude\\u002dsonnet\\\"x\\\\\",\"stream\":false}");

        var result = JsonStringSplice.Replace(body, token, "claude-haiku");

        Assert.Equal("{\"model\":\"claude-haiku\",\"stream\":false}", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void When_the_model_is_the_last_property_the_closing_braces_are_kept()
    {
        var (body, token) = Peeked("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"model\":\"a\"}\n");

        var result = JsonStringSplice.Replace(body, token, "bbbbbb");

        Assert.Equal("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"model\":\"bbbbbb\"}\n", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void The_spliced_length_tracks_the_encoded_value_whether_shorter_or_longer()
    {
        var (body, token) = Peeked(SampleBody);
        var originalTokenLength = token.GetOffsetAndLength(body.Length).Length;

        var shorter = JsonStringSplice.Replace(body, token, "m");
        var longer = JsonStringSplice.Replace(body, token, new string('z', 500));

        Assert.Equal(body.Length - originalTokenLength + 3, shorter.Length);
        Assert.Equal(body.Length - originalTokenLength + 502, longer.Length);
    }

    [Fact]
    public void Splicing_does_not_modify_the_input()
    {
        var (body, token) = Peeked(SampleBody);
        var copy = body.ToArray();

        _ = JsonStringSplice.Replace(body, token, "other");

        Assert.Equal(copy, body);
    }

    [Fact]
    public void A_range_from_the_end_is_resolved_against_the_body()
    {
        var body = "{\"model\":\"abc\"}"u8.ToArray();

        var result = JsonStringSplice.Replace(body, ^6..^1, "xyz-1");

        Assert.Equal("{\"model\":\"xyz-1\"}", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void Repeated_splices_using_fresh_peeks_converge_to_the_last_value()
    {
        var (body, token) = Peeked(SampleBody);

        var once = JsonStringSplice.Replace(body, token, "模型 \"1\"");
        var (onceBody, onceToken) = Peeked(Encoding.UTF8.GetString(once));
        var twice = JsonStringSplice.Replace(onceBody, onceToken, "claude-sonnet-4-5");

        Assert.Equal(body, twice);
    }
}
