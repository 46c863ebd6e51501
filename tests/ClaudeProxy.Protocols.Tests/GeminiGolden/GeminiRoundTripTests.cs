using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// A conversation's next request built from what the gateway answered, as a client does: the
/// thought signature Gemini put on a call comes back on that same call (bug class 23), tool ids
/// stay unique across answers (bug class 25), and results find their call's name.
/// </summary>
public sealed class GeminiRoundTripTests
{
    private const string Weather = """{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}}}}""";

    [Theory]
    [InlineData("gemini-2.5-flash")]
    [InlineData("gemini-3-pro-preview")]
    public void A_streamed_signature_travels_in_the_thinking_block_and_returns_on_its_call(string model)
    {
        var message = Stream("thought-then-function-call-signature", new GeminiResponseContext("claude-sonnet-4-5", ToolNameMap.ForGemini()));
        var thinking = message["content"]![0]!;
        Assert.Equal("thinking", (string?)thinking["type"]);
        Assert.StartsWith(ThoughtSignatureEnvelope.Prefix, (string?)thinking["signature"], StringComparison.Ordinal);

        // No cache: only what the client sends back.
        var body = NextRequest(message, new GeminiRequestOptions { Model = model });

        var call = ModelParts(body).Single(p => p["functionCall"] is not null);
        Assert.Equal("CiQBsig-G7", (string?)call["thoughtSignature"]);
        Assert.Equal("get_weather", (string?)call["functionCall"]!["name"]);
        Assert.Equal("Paris", (string?)call["functionCall"]!["args"]!["city"]);
        Assert.DoesNotContain(ModelParts(body), p => p["thought"] is not null);
    }

    [Fact]
    public void A_signature_without_thoughts_is_remembered_by_the_tool_id_and_replayed_from_the_cache()
    {
        var cache = new ThoughtSignatureCache(TimeProvider.System);
        var message = Stream("function-call-signature-without-thoughts", new GeminiResponseContext("claude-sonnet-4-5", ToolNameMap.ForGemini(), cache));
        var toolUse = Assert.Single(message["content"]!.AsArray());
        Assert.Equal("tool_use", (string?)toolUse!["type"]);
        Assert.True(cache.TryRecall((string)toolUse["id"]!, out var remembered));
        Assert.Equal("sig-plain", remembered);

        var withCache = NextRequest(message, new GeminiRequestOptions { Model = "gemini-3-pro-preview", Signatures = cache });
        var forgotten = NextRequest(message, new GeminiRequestOptions { Model = "gemini-3-pro-preview", Signatures = new ThoughtSignatureCache(TimeProvider.System) });
        var olderModel = NextRequest(message, new GeminiRequestOptions { Model = "gemini-2.5-flash" });

        Assert.Equal("sig-plain", (string?)ModelParts(withCache).Single()["thoughtSignature"]);
        Assert.Equal(GeminiModels.SkipSignatureValidator, (string?)ModelParts(forgotten).Single()["thoughtSignature"]);
        Assert.Null(ModelParts(olderModel).Single()["thoughtSignature"]);
    }

    [Fact]
    public void Tool_ids_are_fresh_in_every_answer_and_results_find_their_calls_by_them()
    {
        var upstream = GoldenCaseBytes(GoldenKind.Response, "function-calls-stop", "upstream.json");
        var first = JsonNode.Parse(GeminiResponseMapper.Map(upstream, new GeminiResponseContext("claude-sonnet-4-5", ToolNameMap.ForGemini())))!;
        var second = JsonNode.Parse(GeminiResponseMapper.Map(upstream, new GeminiResponseContext("claude-sonnet-4-5", ToolNameMap.ForGemini())))!;

        var ids = first["content"]!.AsArray().Concat(second["content"]!.AsArray()).Select(b => (string)b!["id"]!).ToList();
        Assert.Equal(4, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches("^toolu_[A-Za-z0-9]{24}$", id));
        Assert.Equal("tool_use", (string?)first["stop_reason"]);

        // The client answers the second call first: responses still follow the calls' order and names.
        var request = new JsonObject
        {
            ["model"] = "claude-sonnet-4-5",
            ["max_tokens"] = 100,
            ["tools"] = new JsonArray(JsonNode.Parse(Weather)),
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Paris and Rome?" },
                new JsonObject { ["role"] = "assistant", ["content"] = first["content"]!.DeepClone() },
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(
                        new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = ids[1], ["content"] = "25C" },
                        new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = ids[0], ["content"] = "18C" }),
                }),
        };
        var body = JsonNode.Parse(GeminiRequestMapper.Map(Encoding.UTF8.GetBytes(request.ToJsonString()), new GeminiRequestOptions { Model = "gemini-2.5-flash" }).Body.Span)!;

        var responses = body["contents"]![2]!["parts"]!.AsArray().Select(p => p!["functionResponse"]!).ToList();
        Assert.Equal(["get_weather", "get_weather"], responses.Select(r => (string?)r["name"]));
        Assert.Equal(["18C", "25C"], responses.Select(r => (string?)r["response"]!["result"]));
    }

    private static JsonObject Stream(string fixture, GeminiResponseContext context)
    {
        var events = TranslatorDrive.Run([GoldenCaseBytes(GoldenKind.Stream, fixture, "upstream.sse")], output => new GeminiStreamTranslator(output, context));

        var result = AnthropicStreamChecker.Check(AnthropicSseFrames.Parse(events));
        Assert.Null(result.Error);
        return result.Message;
    }

    /// <summary>The client's next request: its question, the answer as it received it, and a result for every call.</summary>
    private static JsonObject NextRequest(JsonObject answer, GeminiRequestOptions options)
    {
        var results = new JsonArray();
        foreach (var toolUse in answer["content"]!.AsArray().Where(b => (string?)b!["type"] == "tool_use"))
        {
            results.Add(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = (string?)toolUse!["id"], ["content"] = "done" });
        }

        var request = new JsonObject
        {
            ["model"] = "claude-sonnet-4-5",
            ["max_tokens"] = 100,
            ["tools"] = new JsonArray(JsonNode.Parse(Weather), JsonNode.Parse("""{"name":"Bash","input_schema":{"type":"object","properties":{"command":{"type":"string"}}}}""")),
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Go" },
                new JsonObject { ["role"] = "assistant", ["content"] = answer["content"]!.DeepClone() },
                new JsonObject { ["role"] = "user", ["content"] = results }),
        };
        return JsonNode.Parse(GeminiRequestMapper.Map(Encoding.UTF8.GetBytes(request.ToJsonString()), options).Body.Span)!.AsObject();
    }

    private static List<JsonObject> ModelParts(JsonObject body) =>
        [.. body["contents"]!.AsArray().Where(c => (string?)c!["role"] == "model").SelectMany(c => c!["parts"]!.AsArray()).Select(p => p!.AsObject())];

    private static byte[] GoldenCaseBytes(string kind, string name, string file) => GoldenCase.Open(GoldenPaths.Gemini, kind, name).ReadBytes(file);
}
