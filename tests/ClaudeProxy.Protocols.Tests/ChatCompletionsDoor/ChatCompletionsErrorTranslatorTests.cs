using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.ChatDoor;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>How an error from the hub becomes the <c>{"error":{…}}</c> a Chat Completions client reads.</summary>
public sealed class ChatCompletionsErrorTranslatorTests
{
    private static JsonElement Translate(int status, string body)
    {
        using var document = JsonDocument.Parse(ChatCompletionsErrorTranslator.Translate(status, Encoding.UTF8.GetBytes(body)));
        var root = document.RootElement;
        Assert.Equal(["error"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["message", "type", "param", "code"], root.GetProperty("error").EnumerateObject().Select(p => p.Name));
        return root.GetProperty("error").Clone();
    }

    private static string Envelope(string type, string message) => $$$"""{"type":"error","error":{"type":"{{{type}}}","message":"{{{message}}}"},"request_id":"req_1"}""";

    [Theory]
    [InlineData(400, "invalid_request_error", "invalid_request_error", null)]
    [InlineData(401, "authentication_error", "authentication_error", "invalid_api_key")]
    [InlineData(403, "permission_error", "permission_error", null)]
    [InlineData(404, "not_found_error", "not_found_error", null)]
    [InlineData(413, "request_too_large", "invalid_request_error", null)]
    [InlineData(429, "rate_limit_error", "rate_limit_error", "rate_limit_exceeded")]
    [InlineData(402, "billing_error", "billing_error", null)]
    [InlineData(409, "", "invalid_request_error", null)]
    [InlineData(500, "api_error", "api_error", null)]
    [InlineData(504, "timeout_error", "timeout_error", null)]
    [InlineData(529, "overloaded_error", "overloaded_error", "overloaded")]
    [InlineData(503, "", "server_error", "overloaded")]
    [InlineData(502, "", "server_error", null)]
    public void The_status_gives_the_type_and_code(int status, string anthropicType, string type, string? code)
    {
        var error = Translate(status, Envelope(anthropicType, "Something happened."));

        Assert.Equal("Something happened.", error.GetProperty("message").GetString());
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
        if (code is null)
        {
            Assert.Equal(JsonValueKind.Null, error.GetProperty("code").ValueKind);
        }
        else
        {
            Assert.Equal(code, error.GetProperty("code").GetString());
        }
    }

    [Fact]
    public void The_message_of_the_Anthropic_envelope_is_copied_exactly()
    {
        const string Message = "max_tokens: 200000 > 64000, which is the maximum allowed number of output tokens for \"claude\" – sorry";
        var body = $$$"""{"type":"error","error":{"type":"invalid_request_error","message":{{{AnthropicEvents.Quote(Message)}}}}}""";

        Assert.Equal(Message, Translate(400, body).GetProperty("message").GetString());
    }

    [Fact]
    public void An_OpenAI_style_error_body_keeps_its_message()
    {
        Assert.Equal("Bad key", Translate(401, """{"error":{"message":"Bad key","type":"invalid_request_error"}}""").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"error":"Plain error string"}""", "Plain error string")]
    [InlineData("""{"message":"Bare message"}""", "Bare message")]
    public void Other_JSON_bodies_give_their_message(string body, string message)
    {
        Assert.Equal(message, Translate(500, body).GetProperty("message").GetString());
    }

    [Fact]
    public void A_body_that_is_not_JSON_gives_its_text_trimmed()
    {
        var error = Translate(502, "  <html><body>Bad Gateway</body></html>\n");

        Assert.Equal("<html><body>Bad Gateway</body></html>", error.GetProperty("message").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public void A_long_text_body_is_cut_at_2_KB()
    {
        var message = Translate(500, new string('x', 10_000)).GetProperty("message").GetString()!;

        Assert.Equal(new string('x', 2048) + "…", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_body_gives_a_message_naming_the_status(string body)
    {
        Assert.Equal("The upstream answered HTTP 503 without an error message.", Translate(503, body).GetProperty("message").GetString());
    }

    [Fact]
    public void Create_writes_the_four_fields()
    {
        using var document = JsonDocument.Parse(ChatCompletionsErrorTranslator.Create("messages: Field required", "invalid_request_error", "messages", null));

        AssertJsonEqual("""{"error":{"message":"messages: Field required","type":"invalid_request_error","param":"messages","code":null}}""", document.RootElement);
    }

    [Fact]
    public void Create_escapes_the_message()
    {
        var bytes = ChatCompletionsErrorTranslator.Create("a \"quoted\"\nline", "server_error", null, "x");
        using var document = JsonDocument.Parse(bytes);

        Assert.Equal("a \"quoted\"\nline", document.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("x", document.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
