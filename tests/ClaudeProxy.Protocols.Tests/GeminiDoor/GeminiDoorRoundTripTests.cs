using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Doors.Gemini;
using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.AnthropicEvents;
using static ClaudeProxy.Protocols.Tests.GeminiDoor.GeminiDoorDriver;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>
/// A Gemini client that keeps its history the way the Gemini CLI does (thought parts dropped, text parts
/// merged, signatures kept) and sends it back: the hub must get the same signed thinking back.
/// </summary>
public sealed class GeminiDoorRoundTripTests
{
    private const string AnthropicAnswer = """
        {"id":"msg_01abc","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[{"type":"thinking","thinking":"I should list src.","signature":"EqQBCkYIBxgCKkA"},
                    {"type":"text","text":"Listing "},{"type":"text","text":"now."},
                    {"type":"tool_use","id":"toolu_01A","name":"list_directory","input":{"dir_path":"src"}}],
         "stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":5}}
        """;

    private const string ExpectedAssistantTurn = """
        {"role":"assistant","content":[{"type":"thinking","thinking":"I should list src.","signature":"EqQBCkYIBxgCKkA"},
          {"type":"text","text":"Listing now."},{"type":"tool_use","id":"toolu_01A","name":"list_directory","input":{"dir_path":"src"}}]}
        """;

    [Fact]
    public void A_replayed_answer_gives_the_hub_its_signed_thinking_back_and_thinking_stays_on()
    {
        var response = Parse(GeminiDoorResponseTranslator.Translate(Encoding.UTF8.GetBytes(AnthropicAnswer), Model));
        var parts = response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray();

        var hub = Hub(NextRequest(ClientHistory(parts)));

        AssertJsonEqual(ExpectedAssistantTurn, hub.GetProperty("messages")[1]);
        Assert.Equal(2048, hub.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
    }

    [Fact]
    public void A_replayed_streamed_answer_gives_the_hub_its_signed_thinking_back()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"I should \"") + ThinkingDelta(0, "\"list src.\"") + SignatureDelta(0) + BlockStop(0)
            + TextStart(1) + TextDelta(1, "\"Listing \"") + TextDelta(1, "\"now.\"") + BlockStop(1)
            + ToolStart(2, "toolu_01A", "list_directory") + InputDelta(2, "{\"dir_path\":\"src\"}") + BlockStop(2)
            + MessageDelta("tool_use") + MessageStop();
        var chunks = SseFrames(StreamAllWays(sse, sseFraming: true));
        var parts = chunks.SelectMany(c => Parse(c).GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray());

        var hub = Hub(NextRequest(ClientHistory(parts)));

        AssertJsonEqual(ExpectedAssistantTurn, hub.GetProperty("messages")[1]);
        Assert.True(hub.TryGetProperty("thinking", out _));
    }

    [Fact]
    public void A_gemini_channels_signature_travels_through_the_door_back_to_the_gemini_upstream()
    {
        var geminiSignature = ThoughtSignatureEnvelope.Wrap("CiQB0e2Kb3genuine");
        var answer = """
            {"id":"msg_1","content":[{"type":"thinking","thinking":"","signature":"@0"},{"type":"tool_use","id":"toolu_g1","name":"ls","input":{}}],"stop_reason":"tool_use","usage":{"input_tokens":1,"output_tokens":1}}
            """.Fill(geminiSignature);
        var response = Parse(GeminiDoorResponseTranslator.Translate(Encoding.UTF8.GetBytes(answer), Model, includeThoughts: false));
        var parts = response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts").EnumerateArray();
        var hubBody = Succeeded(Translate(NextRequest(ClientHistory(parts), "ls")));

        using var mapping = GeminiRequestMapper.Map(hubBody, new GeminiRequestOptions { Model = "gemini-3-pro-preview" });
        var upstream = Parse(mapping.Body.ToArray());

        var call = upstream.GetProperty("contents")[1].GetProperty("parts")[0];
        Assert.Equal("CiQB0e2Kb3genuine", call.GetProperty("thoughtSignature").GetString());
        Assert.Equal("ls", call.GetProperty("functionCall").GetProperty("name").GetString());
    }

    /// <summary>The model content a Gemini CLI keeps: thought parts dropped, adjacent plain text parts merged into the first.</summary>
    private static string ClientHistory(IEnumerable<JsonElement> parts)
    {
        var kept = new JsonArray();
        foreach (var part in parts.Where(p => !(p.TryGetProperty("thought", out var t) && t.GetBoolean())))
        {
            var node = JsonNode.Parse(part.GetRawText())!.AsObject();
            if (kept.Count > 0 && kept[^1] is JsonObject last && last["text"] is not null && node["text"] is not null && node["thoughtSignature"] is null)
            {
                last["text"] = last["text"]!.GetValue<string>() + node["text"]!.GetValue<string>();
                continue;
            }

            kept.Add(node);
        }

        return new JsonObject { ["role"] = "model", ["parts"] = kept }.ToJsonString();
    }

    private static string NextRequest(string modelContent, string function = "list_directory") => """
        {"contents":[{"role":"user","parts":[{"text":"List src"}]},@0,
          {"role":"user","parts":[{"functionResponse":{"name":"@1","response":{"output":"main.ts"}}}]}],
         "generationConfig":{"thinkingConfig":{"includeThoughts":true,"thinkingBudget":2048}}}
        """.Fill(modelContent, function);
}
