using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Responses;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// A 200 answer that is not an answer: the non-stream mapper refuses it with a <see cref="JsonException"/>
/// (the gateway then fails over, as for any unreadable body), quoting the upstream's error, and the
/// stream errors are read whatever their shape.
/// </summary>
public sealed class ResponsesAnswerErrorTests
{
    [Fact]
    public void A_failed_response_is_refused_with_its_error_message()
    {
        var body = """{"id":"resp_1","object":"response","status":"failed","error":{"code":"server_error","message":"The model failed to generate a response."},"output":[{"type":"message","content":[{"type":"output_text","text":"Partial"}]}],"usage":{"input_tokens":5,"output_tokens":1}}""";

        var error = Assert.Throws<JsonException>(() => ResponsesResponseMapper.Map(Encoding.UTF8.GetBytes(body), Context()));

        Assert.Equal("The body is an error: The model failed to generate a response.", error.Message);
    }

    [Fact]
    public void A_failed_response_without_an_error_is_refused_too()
    {
        var error = Assert.Throws<JsonException>(() => ResponsesResponseMapper.Map("""{"object":"response","status":"failed","error":null,"output":[]}"""u8.ToArray(), Context()));

        Assert.Equal("The body is an error: The upstream response ended with status 'failed' and no error.", error.Message);
    }

    [Theory]
    [InlineData("""{"error":{"message":"Invalid key.","type":"invalid_request_error","code":"invalid_api_key"}}""")]
    [InlineData("""{"error":"Invalid key."}""")]
    public void An_openai_error_envelope_with_a_200_status_is_refused(string body)
    {
        var error = Assert.Throws<JsonException>(() => ResponsesResponseMapper.Map(Encoding.UTF8.GetBytes(body), Context()));

        Assert.Equal("The body is an error: Invalid key.", error.Message);
    }

    [Theory]
    [InlineData("<html>Bad gateway</html>")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void A_body_that_is_not_a_response_object_is_refused(string body) =>
        Assert.ThrowsAny<JsonException>(() => ResponsesResponseMapper.Map(Encoding.UTF8.GetBytes(body), Context()));

    [Theory]
    [InlineData("""{"type":"error","code":"server_error","message":"Boom.","param":null}""", "api_error", "Boom.")]
    [InlineData("""{"type":"error","code":"429","message":"Slow down."}""", "rate_limit_error", "Slow down.")]
    [InlineData("""{"type":"error","error":{"type":"invalid_request_error","code":"unknown_code","message":"Bad input."}}""", "invalid_request_error", "Bad input.")]
    [InlineData("""{"type":"error","error":"Plain words."}""", "api_error", "Plain words.")]
    [InlineData("""{"type":"response.failed","response":{"status":"failed","error":{"code":"rate_limit_exceeded","message":"Too many."}}}""", "rate_limit_error", "Too many.")]
    [InlineData("""{"status":"failed","error":{"code":"insufficient_quota","message":"No quota."}}""", "billing_error", "No quota.")]
    [InlineData("""{"type":"error","code":"overloaded","message":"Busy."}""", "overloaded_error", "Busy.")]
    public void Stream_errors_are_read_in_every_shape(string payload, string errorType, string message)
    {
        using var document = JsonDocument.Parse(payload);

        Assert.Equal((errorType, message), ResponsesErrorTranslator.FromStreamPayload(document.RootElement));
    }

    private static ResponsesResponseContext Context() => new("claude-sonnet-4-5", ToolNameMap.ForOpenAI());
}
