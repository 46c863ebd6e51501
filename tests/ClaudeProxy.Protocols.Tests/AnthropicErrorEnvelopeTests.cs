using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using Xunit;

namespace ClaudeProxy.Protocols.Tests;

public sealed class AnthropicErrorEnvelopeTests
{
    [Fact]
    public void An_error_envelope_with_a_request_id_has_the_exact_Anthropic_shape()
    {
        var bytes = AnthropicErrorEnvelope.ToUtf8Bytes("not_found_error", "model: nope", "req_123");

        Assert.Equal(
            "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\",\"message\":\"model: nope\"},\"request_id\":\"req_123\"}",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void An_error_envelope_without_a_request_id_omits_the_property()
    {
        var bytes = AnthropicErrorEnvelope.ToUtf8Bytes("api_error", "boom", requestId: null);

        Assert.Equal(
            "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"boom\"}}",
            Encoding.UTF8.GetString(bytes));
        using var document = JsonDocument.Parse(bytes);
        Assert.False(document.RootElement.TryGetProperty("request_id", out _));
    }

    [Fact]
    public void An_empty_request_id_is_kept_because_only_null_is_omitted()
    {
        var bytes = AnthropicErrorEnvelope.ToUtf8Bytes("api_error", "boom", "");

        using var document = JsonDocument.Parse(bytes);
        Assert.Equal("", document.RootElement.GetProperty("request_id").GetString());
    }

    [Theory]
    [InlineData("He said \"no\"")]
    [InlineData("back\\slash")]
    [InlineData("模型不存在")]
    [InlineData("Modell „x“ nicht gefunden — 🎉")]
    [InlineData("<script>alert('x')</script> & more")]
    [InlineData("tab\tnewline\nnul\0")]
    [InlineData("")]
    public void An_error_envelope_with_any_message_is_valid_json_that_round_trips(string message)
    {
        var bytes = AnthropicErrorEnvelope.ToUtf8Bytes("invalid_request_error", message, "req_1");

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        Assert.Equal("error", root.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", root.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(message, root.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("req_1", root.GetProperty("request_id").GetString());
        Assert.True(AnthropicErrorEnvelope.IsEnvelope(bytes));
    }

    [Fact]
    public void Quotes_and_non_ASCII_in_the_message_stay_readable_instead_of_unicode_escapes()
    {
        var bytes = AnthropicErrorEnvelope.ToUtf8Bytes("api_error", "模型 \"x\" <b>&'", null);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"message\":\"模型 \\\"x\\\" <b>&'\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_an_envelope_appends_the_same_bytes_as_ToUtf8Bytes_after_existing_content()
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("prefix:"u8);

        AnthropicErrorEnvelope.Write(buffer, "rate_limit_error", "slow down", "req_9");

        var expected = "prefix:"u8.ToArray().Concat(AnthropicErrorEnvelope.ToUtf8Bytes("rate_limit_error", "slow down", "req_9"));
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"},\"request_id\":\"req_1\"}")]
    [InlineData("{\"error\":{\"message\":\"x\",\"type\":\"api_error\"},\"type\":\"error\"}")]
    [InlineData("{\"request_id\":\"req_1\",\"extra\":[1,{\"type\":\"x\"}],\"error\":{\"type\":\"api_error\",\"details\":{\"a\":[]}},\"more\":null,\"type\":\"error\"}")]
    [InlineData(" \n {\n  \"type\" : \"error\" ,\n  \"error\" : { }\n } \n")]
    [InlineData("{\"type\":\"\\u0065rror\",\"error\":{}}")]
    public void An_Anthropic_error_envelope_is_recognised_as_one(string body)
    {
        Assert.True(AnthropicErrorEnvelope.IsEnvelope(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("{\"error\":{\"message\":\"Invalid API key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")]
    [InlineData("{\"type\":\"error\",\"error\":\"text\"}")]
    [InlineData("{\"type\":\"error\",\"error\":null}")]
    [InlineData("{\"type\":\"error\",\"error\":[{\"type\":\"api_error\"}]}")]
    [InlineData("{\"type\":\"error\"}")]
    [InlineData("{\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}")]
    [InlineData("{\"type\":\"message\",\"error\":{\"type\":\"api_error\"}}")]
    [InlineData("{\"type\":\"Error\",\"error\":{\"type\":\"api_error\"}}")]
    [InlineData("{\"type\":1,\"error\":{\"type\":\"api_error\"}}")]
    [InlineData("{\"type\":null,\"error\":{\"type\":\"api_error\"}}")]
    [InlineData("{\"message\":{\"type\":\"error\",\"error\":{}}}")]
    [InlineData("[{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}]")]
    [InlineData("\"error\"")]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>")]
    [InlineData("upstream connect error or disconnect/reset before headers")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"")]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}")]
    [InlineData("{\"type\":\"error\",\"error\":{},\"request_id\":")]
    [InlineData("{\"type\":\"err")]
    public void A_body_that_is_not_an_Anthropic_error_envelope_is_not_recognised_as_one(string body)
    {
        Assert.False(AnthropicErrorEnvelope.IsEnvelope(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void When_type_is_repeated_its_last_value_decides_whether_a_body_is_an_envelope()
    {
        Assert.False(AnthropicErrorEnvelope.IsEnvelope("{\"type\":\"error\",\"error\":{},\"type\":\"message\"}"u8));
        Assert.True(AnthropicErrorEnvelope.IsEnvelope("{\"type\":\"message\",\"error\":{},\"type\":\"error\"}"u8));
    }

    [Fact]
    public void A_type_that_is_an_object_holding_envelope_fields_is_not_an_envelope()
    {
        // The top level has no "error" property and its "type" is not the string "error";
        // the fields that look right are one level down, inside "type".
        var body = "{\"type\":{\"error\":{},\"type\":\"error\"}}"u8;

        Assert.False(AnthropicErrorEnvelope.IsEnvelope(body));
    }

    [Theory]
    [InlineData("{\"type\":\"error\",\"error\":{}}}")]
    [InlineData("{\"type\":\"error\",\"error\":{}} <html>")]
    [InlineData("{\"type\":\"error\",\"error\":{}}{\"type\":\"error\",\"error\":{}}")]
    public void An_envelope_followed_by_trailing_bytes_is_not_an_envelope(string body)
    {
        // Such a body cannot be relayed as it is: a client would fail to parse it.
        Assert.False(AnthropicErrorEnvelope.IsEnvelope(Encoding.UTF8.GetBytes(body)));
    }
}
