using System.Buffers;
using System.Text;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using ClaudeProxy.Protocols.Translation.OpenAIChat;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// The recorded upstream streams, broken in every way of <see cref="UpstreamStreamMutator"/>, through
/// both stream translators as the gateway drives them: nothing throws, the translator finishes at
/// EOF, and the Anthropic event stream it wrote passes <see cref="AnthropicStreamChecker"/> — it ends
/// with <c>message_stop</c> or an <c>error</c> event, whatever the upstream sent. (Tool arguments are
/// streamed on as the upstream sends them, so broken upstream arguments stay broken; only the event
/// grammar is checked for them.)
/// </summary>
public sealed class StreamTranslatorFuzzTests
{
    [Fact]
    public void Broken_openai_chunk_streams_still_give_a_well_formed_anthropic_stream()
    {
        FuzzRun.Check(UpstreamStreamMutator.Of(GoldenCorpus.OpenAIStreams), defaultIterations: 400, reads =>
            AssertWellFormed(TranslatorDrive.Run(reads, output => new ChatStreamTranslator(output, new ChatResponseContext("claude-sonnet-4-5", ToolNameMap.ForOpenAI())))),
            Describe);
    }

    [Fact]
    public void Broken_gemini_streams_still_give_a_well_formed_anthropic_stream()
    {
        var signatures = new ThoughtSignatureCache(TimeProvider.System);
        FuzzRun.Check(UpstreamStreamMutator.Of(GoldenCorpus.GeminiStreams), defaultIterations: 400, reads =>
            AssertWellFormed(TranslatorDrive.Run(reads, output => new GeminiStreamTranslator(output, new GeminiResponseContext("claude-sonnet-4-5", ToolNameMap.ForGemini(), signatures)))),
            Describe);
    }

    [Fact]
    public void A_translator_failed_midway_still_ends_its_stream_with_an_error_event()
    {
        FuzzRun.Check(UpstreamStreamMutator.Of(GoldenCorpus.OpenAIStreams), defaultIterations: 100, reads =>
        {
            var output = new ArrayBufferWriter<byte>();
            using (var translator = new ChatStreamTranslator(output, new ChatResponseContext("claude-sonnet-4-5", ToolNameMap.ForOpenAI())))
            using (var parser = new ClaudeProxy.Protocols.Sse.SseParser())
            {
                translator.Start();
                foreach (var read in reads.Take(reads.Count / 2))
                {
                    parser.Feed(read, translator);
                }

                translator.Fail("api_error", "The upstream broke off.");
            }

            AssertWellFormed(Encoding.UTF8.GetString(output.WrittenSpan));
        }, Describe);
    }

    private static void AssertWellFormed(string anthropicStream) => AnthropicStreamChecker.Check(AnthropicSseFrames.Parse(anthropicStream), toolInputsMustParse: false);

    private static string Describe(IReadOnlyList<byte[]> reads) =>
        "reads: " + string.Join(" | ", reads.Select(r => SseBoundaryReference.Escape(r)));
}
