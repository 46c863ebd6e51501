using System.Text;
using System.Text.Json;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using ClaudeProxy.Protocols.Translation.Responses;
using ClaudeProxy.Protocols.Validation;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// The golden requests, mutated (see <see cref="JsonMutator"/>), through the validator and every
/// request mapper under several channel settings: each either succeeds, with a body that is JSON,
/// or refuses with a <see cref="TranslationException"/> — never any other exception. Reproducible
/// with a fixed seed; <see cref="FuzzRun"/> says how to run longer.
/// </summary>
public sealed class RequestMapperFuzzTests
{
    private static readonly ChatRequestOptions[] ChatChannels =
    [
        new() { Model = "gpt-5" },
        new() { Model = "deepseek-chat", UseMaxCompletionTokens = false, MaxTokensCap = 100, Reasoning = ReasoningStyle.DeepSeekThinking, SystemMessagesInPlace = true, ForwardUserId = false },
        new() { Model = "o3", Reasoning = ReasoningStyle.OpenAIEffort, FoldSystemMessages = true },
    ];

    private static readonly GeminiRequestOptions[] GeminiChannels =
    [
        new() { Model = "gemini-2.5-pro", Reasoning = ReasoningStyle.GeminiBudget, MaxTokensCap = 8192 },
        new() { Model = "gemini-3-pro-preview", Reasoning = ReasoningStyle.GeminiLevel, Signatures = new ThoughtSignatureCache(TimeProvider.System) },
        new() { Model = "gemini-2.5-flash", MaxStopSequences = 1, FoldSystemMessages = true },
    ];

    private static readonly ResponsesRequestOptions[] ResponsesChannels =
    [
        new() { Model = "gpt-5.1-codex", Reasoning = ReasoningStyle.OpenAIEffort, MaxTokensCap = 8192 },
        new() { Model = "gpt-4.1", FoldSystemMessages = true, ForwardUserId = false },
    ];

    [Fact]
    public void Mutated_requests_are_mapped_or_refused_with_a_translation_exception()
    {
        FuzzRun.Check(JsonMutator.Of(GoldenCorpus.Requests), defaultIterations: 1000, body =>
        {
            RefusesOnlyWithTranslationException(() =>
            {
                using var document = JsonDocument.Parse(body);
                MessageRequestValidator.Validate(document.RootElement);
            }, acceptJsonException: true);

            foreach (var options in ChatChannels)
            {
                RefusesOnlyWithTranslationException(() => AssertIsJson(ChatRequestMapper.Map(body, options).Body));
            }

            foreach (var options in GeminiChannels)
            {
                RefusesOnlyWithTranslationException(() => AssertIsJson(GeminiRequestMapper.Map(body, options).Body));
            }

            foreach (var options in ResponsesChannels)
            {
                RefusesOnlyWithTranslationException(() => AssertIsJson(ResponsesRequestMapper.Map(body, options).Body));
            }
        }, body => Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void The_mutator_reaches_both_outcomes()
    {
        // A corpus that only ever fails validation would prove nothing about the mappers.
        var mapped = 0;
        var refused = 0;
        foreach (var (_, body) in FuzzRun.Inputs(JsonMutator.Of(GoldenCorpus.Requests), defaultIterations: 300, exactly: true))
        {
            try
            {
                ChatRequestMapper.Map(body, ChatChannels[0]);
                mapped++;
            }
            catch (TranslationException)
            {
                refused++;
            }
        }

        Assert.True(mapped > 0 && refused > 0, $"mapped {mapped}, refused {refused}");
    }

    private static void RefusesOnlyWithTranslationException(Action action, bool acceptJsonException = false)
    {
        try
        {
            action();
        }
        catch (TranslationException)
        {
        }
        catch (JsonException) when (acceptJsonException)
        {
            // The test's own parse of a body that is not JSON; the mappers turn this into a TranslationException.
        }
    }

    private static void AssertIsJson(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }
}
