using System.Text;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Anthropic;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// The door parses a Messages body once into a document that routing and the translators share; what
/// routing reads from it is exactly what the forward-only peek reads, for every body, good or broken
/// (a body both broken and wrong in a field is named broken: the whole body is read before any field).
/// </summary>
public sealed class ParsedMessageRequestTests
{
    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,"messages":[{"role":"user","content":"Hi"}]}""")]
    [InlineData("""{"model":"claude-\u0073onnet","stream":false}""")]
    [InlineData("""{"messages":[{"role":"user","content":"ééé"}],"model":"m\"q\\"}""")]
    [InlineData("""{"model":"first","model":null}""")]
    [InlineData("""{"model":"first","model":"second"}""")]
    [InlineData("""{"model":"first","model":42}""")]
    [InlineData("""{"stream":true,"stream":false,"model":"m"}""")]
    [InlineData("""{"stream":"yes","model":"m"}""")]
    [InlineData("""{"stream":{"model":"inner"},"model":"outer"}""")]
    [InlineData("""{"metadata":{"model":"inner","stream":true},"model":"outer"}""")]
    [InlineData("""{"model":"\ud800"}""")]
    [InlineData("""{"model":"m"} {}""")]
    [InlineData("""{"model":"m",""")]
    [InlineData("""[{"model":"m"}]""")]
    [InlineData("\"model\"")]
    [InlineData("")]
    [InlineData("  \n ")]
    [InlineData("""{"model":"m",/* comment */"stream":true}""")]
    public void Routing_reads_the_same_from_the_parsed_body_as_from_the_peek(string body) =>
        AssertSameAsPeek(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Invalid_UTF_8_inside_a_string_is_refused_like_the_peek_refuses_it() =>
        AssertSameAsPeek([.. "{\"model\":\"m\",\"system\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]);

    [Fact]
    public void Nesting_deeper_than_64_is_refused_like_the_peek_refuses_it() =>
        AssertSameAsPeek(Encoding.UTF8.GetBytes("{\"model\":\"m\",\"x\":" + new string('[', 70) + new string(']', 70) + "}"));

    [Fact]
    public void Mutated_requests_read_the_same_through_both()
    {
        FuzzRun.Check(JsonMutator.Of(GoldenCorpus.Requests), defaultIterations: 1000, AssertSameAsPeek, body => Encoding.UTF8.GetString(body));
    }

    private const string NotJson = "The request body is not valid JSON";

    private static void AssertSameAsPeek(byte[] body)
    {
        var peek = MessageRequestPeek.TryRead(body, out var peekProblem);
        using var parsed = ParsedMessageRequest.TryParse(body, out var parseProblem);

        Assert.Equal(peek is null, parsed is null);
        Assert.Equal(peekProblem is null, parseProblem is null);
        if (peek is { } expected)
        {
            Assert.Equal(expected, parsed!.Peek);
        }
        else if (parseProblem!.StartsWith(NotJson, StringComparison.Ordinal))
        {
            // The peek stops at the first wrong field it meets; the parser first reads the whole body.
            Assert.True(peekProblem!.StartsWith(NotJson, StringComparison.Ordinal) || peekProblem is "model: expected a string" or "stream: expected a boolean", peekProblem);
        }
        else
        {
            Assert.Equal(peekProblem, parseProblem);
        }
    }
}
