using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Gemini;
using Xunit;
using static ClaudeProxy.Protocols.Tests.GeminiDoor.GeminiDoorDriver;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>How a non-streaming Anthropic message becomes a Gemini <c>GenerateContentResponse</c>.</summary>
public sealed class GeminiDoorResponseTranslatorTests
{
    private static JsonElement Answer(string content, string stopReason = "end_turn", string usage = """{"input_tokens":10,"output_tokens":5}""", bool includeThoughts = true) =>
        Parse(GeminiDoorResponseTranslator.Translate(Encoding.UTF8.GetBytes("""
            {"id":"msg_01abc","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":@0,"stop_reason":"@1","stop_sequence":null,"usage":@2}
            """.Fill(content, stopReason, usage)), Model, includeThoughts));

    private static string Signature(params GeminiDoorThinking[] blocks) => GeminiDoorThoughtSignature.Pack([.. blocks]);

    [Fact]
    public void A_text_answer_becomes_one_candidate_with_its_text_finish_reason_usage_model_version_and_response_id()
    {
        var response = Answer("""[{"type":"text","text":"Hello!"}]""");

        AssertJsonEqual("""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello!"}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"totalTokenCount":15},
             "modelVersion":"gemini-2.5-pro","responseId":"msg_01abc"}
            """, response);
    }

    [Fact]
    public void Each_text_block_is_a_part_of_its_own_and_empty_ones_are_left_out()
    {
        var response = Answer("""[{"type":"text","text":"One. "},{"type":"text","text":""},{"type":"text","text":"Two."}]""");

        AssertJsonEqual("""[{"text":"One. "},{"text":"Two."}]""", response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts"));
    }

    [Fact]
    public void Thinking_becomes_a_thought_part_and_its_packed_signature_rides_on_the_next_part()
    {
        var response = Answer("""[{"type":"thinking","thinking":"Let me think.","signature":"EqQBsig"},{"type":"text","text":"42."}]""");

        AssertJsonEqual("""
            [{"text":"Let me think.","thought":true},{"text":"42.","thoughtSignature":"@0"}]
            """.Fill(Signature(GeminiDoorThinking.Signed("Let me think.", "EqQBsig"))), response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts"));
    }

    [Fact]
    public void Without_include_thoughts_the_thought_text_is_left_out_but_the_signature_still_travels()
    {
        var response = Answer("""[{"type":"thinking","thinking":"Secret.","signature":"EqQBsig"},{"type":"text","text":"42."}]""", includeThoughts: false);

        AssertJsonEqual("""
            [{"text":"42.","thoughtSignature":"@0"}]
            """.Fill(Signature(GeminiDoorThinking.Signed("Secret.", "EqQBsig"))), response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts"));
    }

    [Fact]
    public void Tool_uses_become_function_calls_with_id_name_and_args_and_a_tool_use_stop_is_stop()
    {
        var response = Answer("""
            [{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris","days":2}},{"type":"tool_use","id":"toolu_01B","name":"now","input":{}}]
            """, "tool_use");

        AssertJsonEqual("""
            {"candidates":[{"content":{"role":"model","parts":[{"text":"Checking."},
               {"functionCall":{"id":"toolu_01A","name":"get_weather","args":{"city":"Paris","days":2}}},
               {"functionCall":{"id":"toolu_01B","name":"now","args":{}}}]},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,"totalTokenCount":15},
             "modelVersion":"gemini-2.5-pro","responseId":"msg_01abc"}
            """, response);
    }

    [Fact]
    public void Interleaved_thinking_signs_the_function_call_it_precedes_and_a_run_of_thinking_blocks_travels_together()
    {
        var response = Answer("""
            [{"type":"thinking","thinking":"First.","signature":"sig1"},{"type":"redacted_thinking","data":"opaque"},
             {"type":"tool_use","id":"t1","name":"a","input":{}},
             {"type":"thinking","thinking":"Second.","signature":"sig2"},
             {"type":"tool_use","id":"t2","name":"b","input":{}}]
            """, "tool_use", includeThoughts: false);

        AssertJsonEqual("""
            [{"functionCall":{"id":"t1","name":"a","args":{}},"thoughtSignature":"@0"},
             {"functionCall":{"id":"t2","name":"b","args":{}},"thoughtSignature":"@1"}]
            """.Fill(Signature(GeminiDoorThinking.Signed("First.", "sig1"), GeminiDoorThinking.Redacted("opaque")), Signature(GeminiDoorThinking.Signed("Second.", "sig2"))), response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts"));
    }

    [Fact]
    public void A_signature_no_part_follows_goes_on_an_empty_thought_part_at_the_end()
    {
        var response = Answer("""[{"type":"thinking","thinking":"Out of room","signature":"sig"}]""", "max_tokens");

        AssertJsonEqual("""
            [{"text":"Out of room","thought":true},{"text":"","thought":true,"thoughtSignature":"@0"}]
            """.Fill(Signature(GeminiDoorThinking.Signed("Out of room", "sig"))), response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts"));
        Assert.Equal("MAX_TOKENS", response.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public void Thinking_without_a_signature_has_nothing_to_carry_back()
    {
        var response = Answer("""[{"type":"thinking","thinking":"Unsigned.","signature":""},{"type":"text","text":"Hi"}]""", includeThoughts: false);

        AssertJsonEqual("""[{"text":"Hi"}]""", response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts"));
    }

    [Fact]
    public void Server_tool_blocks_are_left_out()
    {
        var response = Answer("""
            [{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"x"}},{"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[]},{"type":"text","text":"Found it."}]
            """);

        AssertJsonEqual("""[{"text":"Found it."}]""", response.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts"));
    }

    [Theory]
    [InlineData("end_turn", "STOP")]
    [InlineData("tool_use", "STOP")]
    [InlineData("stop_sequence", "STOP")]
    [InlineData("pause_turn", "STOP")]
    [InlineData("max_tokens", "MAX_TOKENS")]
    [InlineData("model_context_window_exceeded", "MAX_TOKENS")]
    [InlineData("refusal", "SAFETY")]
    [InlineData("something_new", "STOP")]
    public void The_stop_reason_becomes_the_finish_reason(string stopReason, string finishReason)
    {
        var response = Answer("""[{"type":"text","text":"x"}]""", stopReason);

        Assert.Equal(finishReason, response.GetProperty("candidates")[0].GetProperty("finishReason").GetString());
    }

    [Fact]
    public void The_prompt_count_includes_cache_reads_and_writes_and_cache_reads_are_also_cached_content()
    {
        var response = Answer("""[{"type":"text","text":"x"}]""", usage: """{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,"output_tokens":9}""");

        AssertJsonEqual("""{"promptTokenCount":112,"candidatesTokenCount":9,"totalTokenCount":121,"cachedContentTokenCount":100}""", response.GetProperty("usageMetadata"));
    }

    [Fact]
    public void An_answer_without_content_has_a_candidate_with_no_parts()
    {
        var response = Answer("[]", "max_tokens");

        AssertJsonEqual("""{"content":{"role":"model","parts":[]},"finishReason":"MAX_TOKENS","index":0}""", response.GetProperty("candidates")[0]);
    }

    [Fact]
    public void Text_bytes_are_copied_as_the_upstream_escaped_them()
    {
        var json = Encoding.UTF8.GetString(GeminiDoorResponseTranslator.Translate("""
            {"id":"msg_1","content":[{"type":"text","text":"caf\u00e9 \"x\""}],"stop_reason":"end_turn","usage":{"input_tokens":1,"output_tokens":1}}
            """u8, Model));

        Assert.Contains("""
            {"text":"caf\u00e9 \"x\""}
            """.Trim(), json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public void Input_that_is_no_json_object_throws_a_json_exception(string input)
    {
        Assert.ThrowsAny<JsonException>(() => GeminiDoorResponseTranslator.Translate(Encoding.UTF8.GetBytes(input), Model));
    }
}
