using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Gemini;
using Xunit;
using static ClaudeProxy.Protocols.Tests.GeminiDoor.GeminiDoorDriver;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>Errors in Google's envelope, and the countTokens answer.</summary>
public sealed class GeminiDoorErrorTranslatorTests
{
    [Theory]
    [InlineData(400, "INVALID_ARGUMENT")]
    [InlineData(401, "UNAUTHENTICATED")]
    [InlineData(402, "FAILED_PRECONDITION")]
    [InlineData(403, "PERMISSION_DENIED")]
    [InlineData(404, "NOT_FOUND")]
    [InlineData(413, "INVALID_ARGUMENT")]
    [InlineData(429, "RESOURCE_EXHAUSTED")]
    [InlineData(500, "INTERNAL")]
    [InlineData(502, "UNAVAILABLE")]
    [InlineData(503, "UNAVAILABLE")]
    [InlineData(504, "DEADLINE_EXCEEDED")]
    [InlineData(529, "UNAVAILABLE")]
    public void The_status_name_follows_the_http_code(int status, string name)
    {
        Assert.Equal(name, GeminiDoorErrorTranslator.StatusName(status));
    }

    [Fact]
    public void An_anthropic_error_envelope_becomes_googles_error_with_its_message()
    {
        var error = GeminiDoorErrorTranslator.Translate(429, """{"type":"error","error":{"type":"rate_limit_error","message":"Slow down."}}"""u8);

        AssertJsonEqual("""{"error":{"code":429,"message":"Slow down.","status":"RESOURCE_EXHAUSTED"}}""", error);
    }

    [Fact]
    public void Anthropics_overloaded_529_is_written_as_googles_503()
    {
        var error = GeminiDoorErrorTranslator.Translate(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""u8);

        AssertJsonEqual("""{"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}""", error);
        Assert.Equal(503, GeminiDoorErrorTranslator.ClientStatus(529));
        Assert.Equal(500, GeminiDoorErrorTranslator.ClientStatus(500));
    }

    [Theory]
    [InlineData("""{"error":{"code":400,"message":"Google said no.","status":"INVALID_ARGUMENT"}}""", "Google said no.")]
    [InlineData("""{"error":"plain error"}""", "plain error")]
    [InlineData("""{"message":"bare message"}""", "bare message")]
    [InlineData("  <html>Bad gateway</html>  ", "<html>Bad gateway</html>")]
    [InlineData("", "The upstream answered HTTP 502 without an error message.")]
    public void Other_error_bodies_give_their_message(string body, string message)
    {
        var error = Parse(GeminiDoorErrorTranslator.Translate(502, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(message, error.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(502, error.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("UNAVAILABLE", error.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public void Create_writes_the_envelope_as_given()
    {
        AssertJsonEqual("""{"error":{"code":400,"message":"contents: Field required","status":"INVALID_ARGUMENT"}}""",
            GeminiDoorErrorTranslator.Create(400, "contents: Field required", "INVALID_ARGUMENT"));
    }

    [Fact]
    public void A_count_tokens_answer_becomes_total_tokens()
    {
        AssertJsonEqual("""{"totalTokens":1234}""", GeminiDoorCountTokensTranslator.Translate("""{"input_tokens":1234}"""u8));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"input_tokens":"many"}""")]
    [InlineData("[]")]
    [InlineData("nope")]
    public void A_count_tokens_answer_without_an_integer_input_tokens_throws_a_json_exception(string answer)
    {
        Assert.ThrowsAny<JsonException>(() => GeminiDoorCountTokensTranslator.Translate(Encoding.UTF8.GetBytes(answer)));
    }
}
