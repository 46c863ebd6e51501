using System.Text;
using System.Text.Json;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Tests.Hardening;
using ClaudeProxy.Protocols.Validation;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.ChatDoor;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>
/// The door over everything the golden fixtures hold: every Chat Completions request the forward
/// mapper's goldens expect (real client shapes) becomes a valid hub request, and every Anthropic
/// stream the stream goldens expect comes back with its text, reasoning, tool calls and ending intact.
/// Then the same inputs broken (see <see cref="JsonMutator"/> and <see cref="UpstreamStreamMutator"/>):
/// a request is translated into a valid hub request or refused with a problem, never an exception; a
/// stream always gives well-formed chunks ending in one <c>[DONE]</c>.
/// </summary>
public sealed class ChatCompletionsCorpusTests
{
    /// <summary>The Chat Completions requests of the OpenAI request goldens, by case name.</summary>
    private static readonly List<(string Name, byte[] Body)> ChatRequests = Load(GoldenPaths.OpenAI, GoldenKind.Request, "expected.json");

    /// <summary>The Anthropic streams the OpenAI and Gemini stream goldens expect, by case name.</summary>
    private static readonly List<(string Name, byte[] Body)> HubStreams =
        [.. Load(GoldenPaths.OpenAI, GoldenKind.Stream, "expected.sse"), .. Load(GoldenPaths.Gemini, GoldenKind.Stream, "expected.sse")];

    public static TheoryData<string> ChatRequestNames => [.. ChatRequests.Select(r => r.Name)];

    public static TheoryData<string> HubStreamNames => [.. HubStreams.Select(s => s.Name)];

    [Fact]
    public void The_corpora_are_there()
    {
        Assert.True(ChatRequests.Count >= 40, $"{ChatRequests.Count} requests");
        Assert.True(HubStreams.Count >= 40, $"{HubStreams.Count} streams");
    }

    [Theory]
    [MemberData(nameof(ChatRequestNames))]
    public void Every_golden_Chat_Completions_request_becomes_a_valid_hub_request_or_names_its_file_part(string name)
    {
        var body = ChatRequests.Single(r => r.Name == name).Body;
        var result = ChatCompletionsRequestTranslator.Translate(body);

        if (Encoding.UTF8.GetString(body).Contains("\"type\": \"file\"", StringComparison.Ordinal))
        {
            // PDFs the forward mapper sends as file parts: the door takes text and images only.
            Assert.Null(result.Body);
            Assert.Matches(@"^messages\[\d+\]\.content\[\d+\]$", result.ProblemParam);
            return;
        }

        Assert.Null(result.Problem);
        AssertValidHub(result.Body!);
    }

    [Theory]
    [MemberData(nameof(HubStreamNames))]
    public void Every_golden_hub_stream_comes_back_with_its_text_reasoning_tool_calls_and_ending(string name)
    {
        var sse = HubStreams.Single(s => s.Name == name).Body;
        var expected = ReferenceAnswer.Of(Encoding.UTF8.GetString(sse));

        var whole = Stream([sse], includeUsage: true);
        foreach (var (label, pieces) in StreamFeeds.All(sse))
        {
            Assert.True(whole == Stream(pieces, includeUsage: true), $"The cut '{label}' wrote something else.");
        }

        var frames = Frames(whole);
        Assert.Equal("[DONE]", frames[^1]);
        Assert.Single(frames, f => f == "[DONE]");
        var chunks = frames.SkipLast(1).Select(f =>
        {
            using var document = JsonDocument.Parse(f);
            return document.RootElement.Clone();
        }).ToList();
        if (expected.Error is { } error)
        {
            Assert.Equal(error, chunks[^1].GetProperty("error").GetProperty("message").GetString());
            chunks.RemoveAt(chunks.Count - 1);
        }
        else
        {
            Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
            chunks.RemoveAt(chunks.Count - 1);
        }

        Assert.Equal(expected.Text, Content(chunks));
        Assert.Equal(expected.Thinking, Content(chunks, "reasoning_content"));
        Assert.Equal(expected.Tools, [.. ToolCalls(chunks).Values]);
        var finishes = chunks.Select(c => c.GetProperty("choices")[0].GetProperty("finish_reason"))
            .Where(f => f.ValueKind == JsonValueKind.String).Select(f => f.GetString()).ToList();
        if (expected.StopReason is { } stopReason)
        {
            Assert.Equal([ChatCompletionsShape.FinishReason(stopReason)], finishes);
        }
        else if (expected.Error is not null)
        {
            Assert.Empty(finishes);
        }
    }

    [Fact]
    public void Mutated_Chat_Completions_requests_become_valid_hub_requests_or_problems()
    {
        var corpus = ChatRequests.Select(r => r.Body).ToList();
        FuzzRun.Check(JsonMutator.Of(corpus), defaultIterations: 1000, body =>
        {
            var result = ChatCompletionsRequestTranslator.Translate(body);
            Assert.True(result.Body is null != result.Problem is null, "Exactly one of Body and Problem.");
            if (result.Body is { } hub)
            {
                AssertValidHub(hub);
            }
        }, body => Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void The_request_mutator_reaches_both_outcomes()
    {
        var corpus = ChatRequests.Select(r => r.Body).ToList();
        var outcomes = FuzzRun.Inputs(JsonMutator.Of(corpus), 300, exactly: true)
            .Select(input => ChatCompletionsRequestTranslator.Translate(input.Input).Body is not null)
            .ToHashSet();

        Assert.Equal(2, outcomes.Count);
    }

    [Fact]
    public void Broken_hub_streams_still_give_well_formed_chunks_ending_in_one_done()
    {
        var corpus = HubStreams.Select(s => s.Body).ToList();
        FuzzRun.Check(UpstreamStreamMutator.Of(corpus), defaultIterations: 400, reads =>
        {
            foreach (var includeUsage in (bool[])[true, false])
            {
                var frames = Frames(Stream(reads, includeUsage));
                Assert.Equal("[DONE]", frames[^1]);
                Assert.Single(frames, f => f == "[DONE]");
                foreach (var frame in frames.SkipLast(1))
                {
                    using var chunk = JsonDocument.Parse(frame);
                    var root = chunk.RootElement;
                    if (root.TryGetProperty("error", out var error))
                    {
                        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
                        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
                        continue;
                    }

                    Assert.Equal("chat.completion.chunk", root.GetProperty("object").GetString());
                    Assert.StartsWith("chatcmpl-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
                    Assert.InRange(root.GetProperty("choices").GetArrayLength(), includeUsage ? 0 : 1, 1);
                }
            }
        }, reads => Encoding.UTF8.GetString([.. reads.SelectMany(r => r)]));
    }

    /// <summary>The hub's own checks: routing's parse, the validator, and turns that alternate with tool results first.</summary>
    private static void AssertValidHub(byte[] hub)
    {
        using var parsed = ParsedMessageRequest.TryParse(hub, out var problem);
        Assert.True(parsed is not null, problem);
        MessageRequestValidator.Validate(parsed.Root);
        var messages = parsed.Root.GetProperty("messages").EnumerateArray().ToList();
        Assert.NotEmpty(messages);
        for (var i = 0; i < messages.Count; i++)
        {
            if (i > 0)
            {
                Assert.NotEqual(messages[i - 1].GetProperty("role").GetString(), messages[i].GetProperty("role").GetString());
            }

            var types = messages[i].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()).ToList();
            Assert.NotEmpty(types);
            Assert.Equal(types.OrderBy(t => t == "tool_result" ? 0 : 1), types);
        }
    }

    private static List<(string Name, byte[] Body)> Load(GoldenPaths paths, string kind, string file) =>
        [.. GoldenCase.CaseFolders(paths, kind)
            .Order(StringComparer.Ordinal)
            .Where(folder => File.Exists(Path.Combine(folder, file)))
            .Select(folder => (paths.Provider + "/" + Path.GetFileName(folder), File.ReadAllBytes(Path.Combine(folder, file))))];

    /// <summary>What a client should get from an Anthropic stream, read independently of the translator.</summary>
    private sealed record ReferenceAnswer(string Text, string Thinking, List<(string Id, string Name, string Arguments)> Tools, string? StopReason, string? Error)
    {
        public static ReferenceAnswer Of(string sse)
        {
            var text = new StringBuilder();
            var thinking = new StringBuilder();
            var tools = new List<(string Id, string Name, string Arguments)>();
            var toolByIndex = new Dictionary<int, int>();
            string? stopReason = null;
            string? error = null;
            foreach (var (name, data) in AnthropicSseFrames.Parse(sse))
            {
                using var document = JsonDocument.Parse(data);
                var root = document.RootElement;
                switch (name)
                {
                    case "content_block_start" when root.GetProperty("content_block").GetProperty("type").GetString() == "tool_use":
                        toolByIndex[root.GetProperty("index").GetInt32()] = tools.Count;
                        var block = root.GetProperty("content_block");
                        tools.Add((block.GetProperty("id").GetString()!, block.GetProperty("name").GetString()!, ""));
                        break;
                    case "content_block_delta":
                        var delta = root.GetProperty("delta");
                        switch (delta.GetProperty("type").GetString())
                        {
                            case "text_delta":
                                text.Append(delta.GetProperty("text").GetString());
                                break;
                            case "thinking_delta":
                                thinking.Append(delta.GetProperty("thinking").GetString());
                                break;
                            case "input_json_delta":
                                var at = toolByIndex[root.GetProperty("index").GetInt32()];
                                tools[at] = tools[at] with { Arguments = tools[at].Arguments + delta.GetProperty("partial_json").GetString() };
                                break;
                        }

                        break;
                    case "message_delta" when root.GetProperty("delta").TryGetProperty("stop_reason", out var stop) && stop.ValueKind == JsonValueKind.String:
                        stopReason ??= stop.GetString();
                        break;
                    case "error":
                        error = root.GetProperty("error").GetProperty("message").GetString();
                        return new ReferenceAnswer(text.ToString(), thinking.ToString(), tools, stopReason, error);
                    case "message_stop":
                        return new ReferenceAnswer(text.ToString(), thinking.ToString(), tools, stopReason, null);
                }
            }

            return new ReferenceAnswer(text.ToString(), thinking.ToString(), tools, stopReason, error);
        }
    }
}
