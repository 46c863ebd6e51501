using System.Text;
using System.Text.Json;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// Mutated upstream answers through both response mappers: each gives an Anthropic message, or
/// fails the way the gateway turns into a 502 — a <see cref="JsonException"/> for a body that is
/// not JSON, a shape mismatch (<see cref="UpstreamShape"/>) for JSON of the wrong shape.
/// </summary>
public sealed class ResponseMapperFuzzTests
{
    [Fact]
    public void Mutated_openai_answers_are_mapped_or_fail_as_unreadable()
    {
        FuzzRun.Check(JsonMutator.Of(GoldenCorpus.OpenAIResponses), defaultIterations: 800,
            body => MapsOrFailsAsUnreadable(() => ChatResponseMapper.Map(body, new ChatResponseContext("claude-sonnet-4-5", ToolNameMap.ForOpenAI()))),
            body => Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Mutated_gemini_answers_are_mapped_or_fail_as_unreadable()
    {
        FuzzRun.Check(JsonMutator.Of(GoldenCorpus.GeminiResponses), defaultIterations: 800,
            body => MapsOrFailsAsUnreadable(() => GeminiResponseMapper.Map(body, new GeminiResponseContext("claude-sonnet-4-5", ToolNameMap.ForGemini()))),
            body => Encoding.UTF8.GetString(body));
    }

    private static void MapsOrFailsAsUnreadable(Func<byte[]> map)
    {
        byte[] message;
        try
        {
            message = map();
        }
        catch (Exception ex) when (ex is JsonException || UpstreamShape.IsMismatch(ex))
        {
            return;
        }

        using var document = JsonDocument.Parse(message);
        Assert.Equal("message", document.RootElement.GetProperty("type").GetString());
    }
}
