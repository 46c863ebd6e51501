using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Responses;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.AnthropicEvents;
using static ClaudeProxy.Protocols.Tests.ResponsesDoor.ResponsesAnswerDoor;

namespace ClaudeProxy.Protocols.Tests.ResponsesDoor;

/// <summary>How a non-streaming Anthropic message becomes a Responses <c>response</c> object and its output items.</summary>
public sealed class ResponsesResponseTranslatorTests
{
    private const string Usage100 = """{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":300,"output_tokens":50}""";

    private static string Message(string content, string stopReason = "end_turn", string usage = Usage100, string model = "\"claude-sonnet-4-5\"") =>
        $$$"""{"id":"msg_01XyZ","type":"message","role":"assistant","model":{{{model}}},"content":{{{content}}},"stop_reason":"{{{stopReason}}}","stop_sequence":null,"usage":{{{usage}}}}""";

    private static JsonElement Output(string content, ResponsesAnswerContext? context = null) => Translate(Message(content), context).Response.GetProperty("output");

    [Fact]
    public void A_text_answer_becomes_a_completed_response_with_one_message_and_the_defaults_of_an_empty_echo()
    {
        var (response, _) = Translate(Message("""[{"type":"text","text":"Hello!"}]"""));

        AssertJsonEqual(Response($$"""
            "status":"completed","error":null,"incomplete_details":null,
            "output":[{"id":"{{ItemId("msg", 0)}}","type":"message","status":"completed","role":"assistant",
                       "content":[{"type":"output_text","annotations":[],"logprobs":[],"text":"Hello!"}]}],
            "usage":{{UsageJson(420, 300, 50)}}
            """), response);
    }

    [Fact]
    public void The_output_items_are_the_response_output()
    {
        var (response, items) = Translate(Message("""
            [{"type":"thinking","thinking":"Hm.","signature":"sig"},{"type":"text","text":"Hi"},{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":1}}]
            """));

        AssertJsonEqual(response.GetProperty("output").GetRawText(), items);
        Assert.Equal(3, items.GetArrayLength());
    }

    [Fact]
    public void A_run_of_text_blocks_joins_into_one_message_and_other_items_end_the_run()
    {
        var output = Output("""
            [{"type":"text","text":"The answer "},{"type":"text","text":""},{"type":"text","text":"is \"42\".\n","citations":[]},
             {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"q"}},{"type":"text","text":" Sure."},
             {"type":"tool_use","id":"toolu_1","name":"f","input":{}},{"type":"text","text":"After."}]
            """);

        Assert.Equal(3, output.GetArrayLength());
        Assert.Equal("The answer is \"42\".\n Sure.", output[0].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Single(output[0].GetProperty("content").EnumerateArray());
        Assert.Equal("function_call", output[1].GetProperty("type").GetString());
        Assert.Equal("After.", output[2].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(new[] { ItemId("msg", 0), ItemId("fc", 1), ItemId("msg", 2) }, output.EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
    }

    [Fact]
    public void Empty_text_blocks_make_no_message()
    {
        Assert.Equal(0, Output("""[{"type":"text","text":""}]""").GetArrayLength());
    }

    [Fact]
    public void A_thinking_block_becomes_a_reasoning_item_whose_encrypted_content_gives_back_the_block_exactly()
    {
        const string Thinking = "Let me think about \"this\"\nstep by step 😀";
        const string Signature = "EqQBCkYIBxgCKkA+/=";
        var item = Assert.Single(Output($$"""[{"type":"thinking","thinking":{{Quote(Thinking)}},"signature":"{{Signature}}"}]""").EnumerateArray());

        Assert.Equal("reasoning", item.GetProperty("type").GetString());
        Assert.Equal(ItemId("rs", 0), item.GetProperty("id").GetString());
        AssertJsonEqual($$"""[{"type":"summary_text","text":{{Quote(Thinking)}}}]""", item.GetProperty("summary"));
        Assert.True(ResponsesReasoning.TryUnpack(item.GetProperty("encrypted_content").GetString(), out var thinking, out var signature, out var redacted));
        Assert.Equal(Thinking, thinking);
        Assert.Equal(Signature, signature);
        Assert.Null(redacted);
    }

    [Fact]
    public void A_thinking_block_with_empty_text_keeps_its_signature_and_has_no_summary()
    {
        var item = Assert.Single(Output("""[{"type":"thinking","thinking":"","signature":"sig"}]""").EnumerateArray());

        Assert.Equal(0, item.GetProperty("summary").GetArrayLength());
        Assert.True(ResponsesReasoning.TryUnpack(item.GetProperty("encrypted_content").GetString(), out var thinking, out var signature, out _));
        Assert.Equal("", thinking);
        Assert.Equal("sig", signature);
    }

    [Fact]
    public void A_redacted_thinking_block_becomes_a_reasoning_item_without_summary_carrying_its_data()
    {
        var item = Assert.Single(Output("""[{"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4a"}]""").EnumerateArray());

        Assert.Equal("reasoning", item.GetProperty("type").GetString());
        Assert.Equal(0, item.GetProperty("summary").GetArrayLength());
        Assert.True(ResponsesReasoning.TryUnpack(item.GetProperty("encrypted_content").GetString(), out var thinking, out var signature, out var redacted));
        Assert.Equal("EmwKAhgBEgy3va3pzix/LafPsn4a", redacted);
        Assert.Null(thinking);
        Assert.Null(signature);
    }

    [Fact]
    public void A_tool_use_becomes_a_function_call_whose_arguments_are_the_compact_input()
    {
        var item = Assert.Single(Output("""
            [{"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{ "city" : "Paris",
              "units": ["c"] }}]
            """).EnumerateArray());

        AssertJsonEqual($$"""
            {"id":"{{ItemId("fc", 0)}}","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\",\"units\":[\"c\"]}","call_id":"toolu_01A","name":"get_weather"}
            """, item);
    }

    [Fact]
    public void A_tool_use_without_an_input_object_has_empty_arguments_object()
    {
        var item = Assert.Single(Output("""[{"type":"tool_use","id":"toolu_01A","name":"now"}]""").EnumerateArray());

        Assert.Equal("{}", item.GetProperty("arguments").GetString());
    }

    [Fact]
    public void A_tool_use_of_a_custom_tool_becomes_a_custom_tool_call_with_its_input_string()
    {
        var item = Assert.Single(Output(
            """[{"type":"tool_use","id":"toolu_01B","name":"apply_patch","input":{"input":"*** Begin Patch\n*** End Patch"}}]""",
            Context(customTools: "apply_patch")).EnumerateArray());

        AssertJsonEqual($$"""
            {"id":"{{ItemId("ctc", 0)}}","type":"custom_tool_call","status":"completed","call_id":"toolu_01B","name":"apply_patch","input":"*** Begin Patch\n*** End Patch"}
            """, item);
    }

    [Theory]
    [InlineData("""{"patch":"x"}""", """{"patch":"x"}""")]
    [InlineData("""{"input":42}""", """{"input":42}""")]
    [InlineData("""{ "input" : [ "a" ] }""", """{"input":["a"]}""")]
    public void A_custom_tool_call_without_an_input_string_carries_the_input_JSON_text(string input, string expected)
    {
        var item = Assert.Single(Output($$"""[{"type":"tool_use","id":"toolu_01B","name":"shell","input":{{input}}}]""", Context(customTools: "shell")).EnumerateArray());

        Assert.Equal(expected, item.GetProperty("input").GetString());
    }

    [Fact]
    public void Usage_counts_cache_reads_and_writes_as_input_and_cache_reads_as_cached()
    {
        var usage = Translate(Message("[]", usage: """{"input_tokens":7,"cache_creation_input_tokens":11,"cache_read_input_tokens":1000,"output_tokens":3}""")).Response.GetProperty("usage");

        AssertJsonEqual(UsageJson(1018, 1000, 3), usage);
    }

    [Theory]
    [InlineData("end_turn", "completed", null)]
    [InlineData("stop_sequence", "completed", null)]
    [InlineData("tool_use", "completed", null)]
    [InlineData("pause_turn", "completed", null)]
    [InlineData("max_tokens", "incomplete", "max_output_tokens")]
    [InlineData("model_context_window_exceeded", "incomplete", "max_output_tokens")]
    [InlineData("refusal", "incomplete", "content_filter")]
    public void The_stop_reason_gives_the_status_and_incomplete_details(string stopReason, string status, string? reason)
    {
        var response = Translate(Message("""[{"type":"text","text":"x"}]""", stopReason)).Response;

        Assert.Equal(status, response.GetProperty("status").GetString());
        AssertJsonEqual(reason is null ? "null" : $$"""{"reason":"{{reason}}"}""", response.GetProperty("incomplete_details"));
        Assert.Equal(JsonValueKind.Null, response.GetProperty("error").ValueKind);
    }

    [Fact]
    public void Echo_fields_are_copied_compact_and_absent_ones_take_OpenAIs_defaults()
    {
        const string Echo = """
            {"instructions":"Be brief.","tools":[{"type":"function","name":"f",
              "parameters":{"type":"object"}}],"tool_choice":"required","temperature":0.2,"metadata":{"k":"v"},"store":false,"prompt_cache_key":"conv-1"}
            """;

        var (response, _) = Translate(Message("[]"), Context(Echo));

        Assert.Equal("Be brief.", response.GetProperty("instructions").GetString());
        Assert.Equal("""[{"type":"function","name":"f","parameters":{"type":"object"}}]""", response.GetProperty("tools").GetRawText());
        Assert.Equal("required", response.GetProperty("tool_choice").GetString());
        Assert.Equal(0.2, response.GetProperty("temperature").GetDouble());
        AssertJsonEqual("""{"k":"v"}""", response.GetProperty("metadata"));
        Assert.False(response.GetProperty("store").GetBoolean());
        Assert.Equal("conv-1", response.GetProperty("prompt_cache_key").GetString());
        Assert.True(response.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal(1, response.GetProperty("top_p").GetDouble());
        Assert.Equal(JsonValueKind.Null, response.GetProperty("previous_response_id").ValueKind);
        AssertJsonEqual("""{"effort":null,"summary":null}""", response.GetProperty("reasoning"));
    }

    [Fact]
    public void The_echo_cannot_replace_the_fields_the_answer_sets()
    {
        var (response, _) = Translate(Message("[]"), Context("""{"id":"resp_x","model":"m","status":"failed","output":[1],"usage":null}"""));

        Assert.Equal(ResponseId, response.GetProperty("id").GetString());
        Assert.Equal("claude-sonnet-4-5", response.GetProperty("model").GetString());
        Assert.Equal("completed", response.GetProperty("status").GetString());
        Assert.Equal(0, response.GetProperty("output").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, response.GetProperty("usage").ValueKind);
        Assert.Single(response.EnumerateObject(), p => p.Name == "id");
    }

    [Theory]
    [InlineData("\"claude-opus-4-1\"", "claude-opus-4-1")]
    [InlineData("null", ClientModel)]
    [InlineData("\"\"", ClientModel)]
    public void The_model_is_the_messages_when_it_names_one_else_the_clients(string model, string expected)
    {
        Assert.Equal(expected, Translate(Message("[]", model: model)).Response.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"content":[{"type":"text","text":"\ud800"}]}""")]
    public void A_message_that_cannot_be_read_throws_a_JSON_exception(string message)
    {
        Assert.ThrowsAny<JsonException>(() => ResponsesResponseTranslator.Translate(Encoding.UTF8.GetBytes(message), Context(), ResponseId, ClientModel, Created));
    }

    [Fact]
    public void New_response_ids_are_resp_and_32_random_lowercase_hex_digits()
    {
        var first = ResponsesIds.NewResponseId();
        var second = ResponsesIds.NewResponseId();

        Assert.Matches("^resp_[0-9a-f]{32}$", first);
        Assert.Matches("^resp_[0-9a-f]{32}$", second);
        Assert.NotEqual(first, second);
    }
}
