using System.Text;
using System.Text.Json;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Responses;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.Hardening;

/// <summary>
/// The Responses fixtures, broken as the other upstreams' are: a mutated response is mapped or fails
/// as unreadable, and a mutated stream still gives a well-formed Anthropic stream that ends with
/// <c>message_stop</c> or an <c>error</c> event.
/// </summary>
public sealed class ResponsesAnswerFuzzTests
{
    private static readonly IReadOnlyList<byte[]> Responses = Load(GoldenKind.Response, "upstream.json");

    private static readonly IReadOnlyList<byte[]> Streams = Load(GoldenKind.Stream, "upstream.sse");

    [Fact]
    public void Mutated_responses_answers_are_mapped_or_fail_as_unreadable()
    {
        FuzzRun.Check(JsonMutator.Of(Responses), defaultIterations: 800, body =>
        {
            byte[] message;
            try
            {
                message = ResponsesResponseMapper.Map(body, new ResponsesResponseContext("claude-sonnet-4-5", ToolNameMap.ForOpenAI()));
            }
            catch (Exception ex) when (ex is JsonException || UpstreamShape.IsMismatch(ex))
            {
                return;
            }

            using var document = JsonDocument.Parse(message);
            Assert.Equal("message", document.RootElement.GetProperty("type").GetString());
        }, body => Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Broken_responses_streams_still_give_a_well_formed_anthropic_stream()
    {
        FuzzRun.Check(UpstreamStreamMutator.Of(Streams), defaultIterations: 400, reads =>
            AnthropicStreamChecker.Check(
                AnthropicSseFrames.Parse(TranslatorDrive.Run(reads, output => new ResponsesStreamTranslator(output, new ResponsesResponseContext("claude-sonnet-4-5", ToolNameMap.ForOpenAI())))),
                toolInputsMustParse: false),
            reads => "reads: " + string.Join(" | ", reads.Select(r => SseBoundaryReference.Escape(r))));
    }

    private static List<byte[]> Load(string kind, string file) =>
        [.. GoldenCase.CaseFolders(GoldenPaths.Responses, kind)
            .Order(StringComparer.Ordinal)
            .Select(folder => Path.Combine(folder, file))
            .Where(File.Exists)
            .Select(File.ReadAllBytes)];
}
