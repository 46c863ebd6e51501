using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.Responses;
using ClaudeProxy.Protocols.Sse;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.AnthropicEvents;
using static ClaudeProxy.Protocols.Tests.ResponsesDoor.ResponsesAnswerDoor;

namespace ClaudeProxy.Protocols.Tests.ResponsesDoor;

/// <summary>
/// How an Anthropic Messages event stream becomes a Responses event stream. Every stream is fed whole,
/// split in two at every byte, one byte per read and at random cuts, and must write the same.
/// </summary>
public sealed class ResponsesStreamTranslatorTests
{
    private const string EarlyEnd = "The upstream stream ended before the answer was complete.";

    private static readonly string InProgress = Response("""
        "status":"in_progress","error":null,"incomplete_details":null,"output":[],"usage":null
        """);

    private static string ToolStartWithInput(int index, string id, string name, string input) =>
        Event("content_block_start", $$$"""{"type":"content_block_start","index":{{{index}}},"content_block":{"type":"tool_use","id":"{{{id}}}","name":"{{{name}}}","input":{{{input}}}}}""");

    /// <summary>Checks each event's type and payload (its data without type and sequence number).</summary>
    private static void AssertEvents(List<JsonElement> events, params (string Type, string Payload)[] expected)
    {
        Assert.Equal(expected.Select(e => e.Type), Types(events));
        for (var i = 0; i < expected.Length; i++)
        {
            AssertJsonEqual(expected[i].Payload, Payload(events[i]));
        }
    }

    /// <summary>The payload of an event about an item: its id and output index, then the fields of <paramref name="fields"/> (a JSON object).</summary>
    private static string ItemPayload(string itemId, int outputIndex, string fields) =>
        $$"""{"item_id":"{{itemId}}","output_index":{{outputIndex}},""" + fields[1..];

    /// <summary>The payload of a terminal event: the response with <paramref name="rest"/>.</summary>
    private static string Terminal(string rest) => "{\"response\":" + Response(rest) + "}";

    [Fact]
    public void A_text_stream_becomes_created_in_progress_one_message_item_with_its_text_events_and_completed()
    {
        var events = Events(StreamAllWays(TextAnswer("end_turn", "Hel", "lo!")));

        var msg = ItemId("msg", 0);
        const string Part = """{"type":"output_text","annotations":[],"logprobs":[],"text":"Hello!"}""";
        var done = $$"""{"id":"{{msg}}","type":"message","status":"completed","role":"assistant","content":[{{Part}}]}""";
        AssertEvents(
            events,
            ("response.created", $$"""{"response":{{InProgress}}}"""),
            ("response.in_progress", $$"""{"response":{{InProgress}}}"""),
            ("response.output_item.added", $$$"""{"output_index":0,"item":{"id":"{{{msg}}}","type":"message","status":"in_progress","role":"assistant","content":[]}}"""),
            ("response.content_part.added", ItemPayload(msg, 0, """{"content_index":0,"part":{"type":"output_text","annotations":[],"logprobs":[],"text":""}}""")),
            ("response.output_text.delta", ItemPayload(msg, 0, """{"content_index":0,"delta":"Hel","logprobs":[]}""")),
            ("response.output_text.delta", ItemPayload(msg, 0, """{"content_index":0,"delta":"lo!","logprobs":[]}""")),
            ("response.output_text.done", ItemPayload(msg, 0, """{"content_index":0,"text":"Hello!","logprobs":[]}""")),
            ("response.content_part.done", ItemPayload(msg, 0, $$"""{"content_index":0,"part":{{Part}}}""")),
            ("response.output_item.done", $$"""{"output_index":0,"item":{{done}}}"""),
            ("response.completed", Terminal($$"""
                "status":"completed","error":null,"incomplete_details":null,"output":[{{done}}],"usage":{{UsageJson(10, 0, 42)}}
                """)));
    }

    [Fact]
    public void Thinking_then_a_tool_call_become_a_reasoning_item_with_its_summary_events_then_a_function_call_with_streamed_arguments()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"Let me\"") + ThinkingDelta(0, "\" see.\"") + SignatureDelta(0) + BlockStop(0)
            + ToolStart(1, "toolu_01A", "get_weather") + InputDelta(1, "") + InputDelta(1, "{\"city\":") + InputDelta(1, "\"Paris\"}") + BlockStop(1)
            + MessageDelta("tool_use") + MessageStop();

        var events = Events(StreamAllWays(sse));

        var rs = ItemId("rs", 0);
        var fc = ItemId("fc", 1);
        var reasoning = $$"""
            {"id":"{{rs}}","type":"reasoning","summary":[{"type":"summary_text","text":"Let me see."}],"encrypted_content":"{{ResponsesReasoning.Pack("Let me see.", "EqQBCkYIBxgCKkA")}}"}
            """;
        var call = $$"""{"id":"{{fc}}","type":"function_call","status":"completed","arguments":"{\"city\":\"Paris\"}","call_id":"toolu_01A","name":"get_weather"}""";
        AssertEvents(
            events,
            ("response.created", $$"""{"response":{{InProgress}}}"""),
            ("response.in_progress", $$"""{"response":{{InProgress}}}"""),
            ("response.output_item.added", $$$"""{"output_index":0,"item":{"id":"{{{rs}}}","type":"reasoning","summary":[]}}"""),
            ("response.reasoning_summary_part.added", ItemPayload(rs, 0, """{"summary_index":0,"part":{"type":"summary_text","text":""}}""")),
            ("response.reasoning_summary_text.delta", ItemPayload(rs, 0, """{"summary_index":0,"delta":"Let me"}""")),
            ("response.reasoning_summary_text.delta", ItemPayload(rs, 0, """{"summary_index":0,"delta":" see."}""")),
            ("response.reasoning_summary_text.done", ItemPayload(rs, 0, """{"summary_index":0,"text":"Let me see."}""")),
            ("response.reasoning_summary_part.done", ItemPayload(rs, 0, """{"summary_index":0,"part":{"type":"summary_text","text":"Let me see."}}""")),
            ("response.output_item.done", $$"""{"output_index":0,"item":{{reasoning}}}"""),
            ("response.output_item.added", $$$"""{"output_index":1,"item":{"id":"{{{fc}}}","type":"function_call","status":"in_progress","arguments":"","call_id":"toolu_01A","name":"get_weather"}}"""),
            ("response.function_call_arguments.delta", ItemPayload(fc, 1, """{"delta":"{\"city\":"}""")),
            ("response.function_call_arguments.delta", ItemPayload(fc, 1, """{"delta":"\"Paris\"}"}""")),
            ("response.function_call_arguments.done", ItemPayload(fc, 1, """{"arguments":"{\"city\":\"Paris\"}"}""")),
            ("response.output_item.done", $$"""{"output_index":1,"item":{{call}}}"""),
            ("response.completed", Terminal($$"""
                "status":"completed","error":null,"incomplete_details":null,"output":[{{reasoning}},{{call}}],"usage":{{UsageJson(10, 0, 42)}}
                """)));
    }

    [Fact]
    public void Two_parallel_tool_calls_become_two_function_call_items_whose_deltas_add_up_to_their_arguments()
    {
        var sse = MessageStart() + ToolStart(0, "toolu_A", "read") + InputDelta(0, "{\"path\":") + InputDelta(0, "\"a.txt\"}") + BlockStop(0)
            + ToolStart(1, "toolu_B", "read") + InputDelta(1, "{\"path\":\"b.txt\"}") + BlockStop(1) + MessageDelta("tool_use") + MessageStop();

        var events = Events(StreamAllWays(sse));

        Assert.Equal(
        [
            "response.created", "response.in_progress",
            "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done",
            "response.output_item.added", "response.function_call_arguments.delta", "response.function_call_arguments.done", "response.output_item.done",
            "response.completed",
        ], Types(events));
        var deltas = events.Where(e => e.GetProperty("type").GetString() == "response.function_call_arguments.delta")
            .GroupBy(e => (e.GetProperty("item_id").GetString(), e.GetProperty("output_index").GetInt32()))
            .ToDictionary(g => g.Key, g => string.Concat(g.Select(e => e.GetProperty("delta").GetString())));
        Assert.Equal("""{"path":"a.txt"}""", deltas[(ItemId("fc", 0), 0)]);
        Assert.Equal("""{"path":"b.txt"}""", deltas[(ItemId("fc", 1), 1)]);
        var output = events[^1].GetProperty("response").GetProperty("output");
        List<string> callIds = [.. output.EnumerateArray().Select(i => i.GetProperty("call_id").GetString()!)];
        List<string> arguments = [.. output.EnumerateArray().Select(i => i.GetProperty("arguments").GetString()!)];
        Assert.Equal(["toolu_A", "toolu_B"], callIds);
        Assert.Equal(["""{"path":"a.txt"}""", """{"path":"b.txt"}"""], arguments);
    }

    [Fact]
    public void A_custom_tool_call_sends_its_input_string_once_its_block_has_ended()
    {
        var sse = MessageStart() + ToolStart(0, "toolu_01B", "apply_patch") + InputDelta(0, "{\"input\":\"*** Begin") + InputDelta(0, " Patch\\n\"}") + BlockStop(0)
            + MessageDelta("tool_use") + MessageStop();

        var events = Events(StreamAllWays(sse, Context(customTools: "apply_patch")));

        var ctc = ItemId("ctc", 0);
        var item = $$"""{"id":"{{ctc}}","type":"custom_tool_call","status":"completed","call_id":"toolu_01B","name":"apply_patch","input":"*** Begin Patch\n"}""";
        AssertEvents(
            events,
            ("response.created", $$"""{"response":{{InProgress}}}"""),
            ("response.in_progress", $$"""{"response":{{InProgress}}}"""),
            ("response.output_item.added", $$$"""{"output_index":0,"item":{"id":"{{{ctc}}}","type":"custom_tool_call","status":"in_progress","call_id":"toolu_01B","name":"apply_patch","input":""}}"""),
            ("response.custom_tool_call_input.delta", ItemPayload(ctc, 0, """{"delta":"*** Begin Patch\n"}""")),
            ("response.custom_tool_call_input.done", ItemPayload(ctc, 0, """{"input":"*** Begin Patch\n"}""")),
            ("response.output_item.done", $$"""{"output_index":0,"item":{{item}}}"""),
            ("response.completed", Terminal($$"""
                "status":"completed","error":null,"incomplete_details":null,"output":[{{item}}],"usage":{{UsageJson(10, 0, 42)}}
                """)));
    }

    [Fact]
    public void A_tool_block_that_begins_with_its_whole_input_keeps_it()
    {
        var sse = MessageStart() + ToolStartWithInput(0, "toolu_1", "search", """{ "q": "x",  "n": 2 }""") + BlockStop(0)
            + ToolStartWithInput(1, "toolu_2", "shell", """{"input":"ls -la"}""") + BlockStop(1) + MessageDelta("tool_use") + MessageStop();

        var events = Events(StreamAllWays(sse, Context(customTools: "shell")));

        var argumentsDelta = Assert.Single(events, e => e.GetProperty("type").GetString() == "response.function_call_arguments.delta");
        Assert.Equal("""{"q":"x","n":2}""", argumentsDelta.GetProperty("delta").GetString());
        var output = events[^1].GetProperty("response").GetProperty("output");
        Assert.Equal("""{"q":"x","n":2}""", output[0].GetProperty("arguments").GetString());
        Assert.Equal("ls -la", output[1].GetProperty("input").GetString());
    }

    [Fact]
    public void A_tool_call_without_any_input_has_an_empty_object_as_arguments()
    {
        var sse = MessageStart() + ToolStart(0, "toolu_1", "now") + BlockStop(0) + MessageDelta("tool_use") + MessageStop();

        var events = Events(StreamAllWays(sse));

        Assert.Equal("{}", Assert.Single(events, e => e.GetProperty("type").GetString() == "response.function_call_arguments.delta").GetProperty("delta").GetString());
        Assert.Equal("{}", Assert.Single(events, e => e.GetProperty("type").GetString() == "response.function_call_arguments.done").GetProperty("arguments").GetString());
    }

    [Fact]
    public void A_redacted_thinking_block_becomes_a_reasoning_item_carrying_its_data()
    {
        var sse = MessageStart()
            + Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"redacted_thinking","data":"opaque=="}}""") + BlockStop(0)
            + TextStart(1) + TextDelta(1, "\"Hi\"") + BlockStop(1) + MessageDelta("end_turn") + MessageStop();

        var events = Events(StreamAllWays(sse));

        Assert.Equal(
        [
            "response.created", "response.in_progress", "response.output_item.added", "response.output_item.done",
            "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.output_text.done", "response.content_part.done", "response.output_item.done",
            "response.completed",
        ], Types(events));
        var reasoning = events[3].GetProperty("item");
        Assert.Equal(0, reasoning.GetProperty("summary").GetArrayLength());
        Assert.True(ResponsesReasoning.TryUnpack(reasoning.GetProperty("encrypted_content").GetString(), out _, out _, out var data));
        Assert.Equal("opaque==", data);
    }

    [Fact]
    public void A_run_of_text_blocks_is_one_message_item_and_an_empty_text_block_opens_none()
    {
        var sse = MessageStart() + TextStart(0) + BlockStop(0) + ToolStart(1, "toolu_1", "f") + InputDelta(1, "{}") + BlockStop(1)
            + TextStart(2) + TextDelta(2, "\"One \"") + BlockStop(2) + TextStart(3) + TextDelta(3, "\"two.\"") + BlockStop(3)
            + MessageDelta("end_turn") + MessageStop();

        var events = Events(StreamAllWays(sse));

        var output = events[^1].GetProperty("response").GetProperty("output");
        Assert.Equal(2, output.GetArrayLength());
        Assert.Equal(ItemId("fc", 0), output[0].GetProperty("id").GetString());
        Assert.Equal(ItemId("msg", 1), output[1].GetProperty("id").GetString());
        Assert.Equal("One two.", output[1].GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Single(events, e => e.GetProperty("type").GetString() == "response.content_part.added");
    }

    [Theory]
    [InlineData("max_tokens", "max_output_tokens")]
    [InlineData("refusal", "content_filter")]
    public void A_stop_for_length_or_refusal_ends_with_response_incomplete(string stopReason, string reason)
    {
        var stream = StreamAllWays(TextAnswer(stopReason, "Cut"));

        var last = Events(stream)[^1];
        Assert.Equal("response.incomplete", last.GetProperty("type").GetString());
        Assert.Equal("incomplete", last.GetProperty("response").GetProperty("status").GetString());
        AssertJsonEqual($$"""{"reason":"{{reason}}"}""", last.GetProperty("response").GetProperty("incomplete_details"));
        Stream(TextAnswer(stopReason, "Cut"), inspect: translator =>
        {
            Assert.NotNull(translator.OutputItems);
            Assert.False(translator.Failed);
        });
    }

    [Fact]
    public void An_error_event_becomes_response_failed_and_the_rest_is_ignored()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Part\"") + Error("overloaded_error", "Overloaded")
            + TextDelta(0, "\"ignored\"") + MessageDelta("end_turn") + MessageStop();

        var events = Events(StreamAllWays(sse));

        Assert.Equal(
        [
            "response.created", "response.in_progress", "response.output_item.added", "response.content_part.added", "response.output_text.delta", "response.failed",
        ], Types(events));
        AssertJsonEqual(Terminal($$"""
            "status":"failed","error":{"code":"server_error","message":"Overloaded"},"incomplete_details":null,"output":[],"usage":{{UsageJson(10, 0, 1)}}
            """), Payload(events[^1]));
        Stream(sse, inspect: translator =>
        {
            Assert.True(translator.Failed);
            Assert.Null(translator.OutputItems);
        });
    }

    [Theory]
    [InlineData("rate_limit_error", "rate_limit_exceeded")]
    [InlineData("invalid_request_error", "invalid_prompt")]
    [InlineData("request_too_large", "invalid_prompt")]
    [InlineData("overloaded_error", "server_error")]
    [InlineData("api_error", "server_error")]
    [InlineData("timeout_error", "server_error")]
    [InlineData("mystery_error", "server_error")]
    public void The_Anthropic_error_type_gives_the_error_code(string errorType, string code)
    {
        var failed = Events(Stream(MessageStart() + Error(errorType, "boom")))[^1];

        Assert.Equal(code, failed.GetProperty("response").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("boom", failed.GetProperty("response").GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void The_output_of_a_failed_response_is_the_items_finished_before_the_failure()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Done.\"") + BlockStop(0) + ToolStart(1, "toolu_1", "f") + InputDelta(1, "{\"a\"")
            + Error("api_error", "Internal error");

        var failed = Events(StreamAllWays(sse))[^1].GetProperty("response");

        var item = Assert.Single(failed.GetProperty("output").EnumerateArray());
        Assert.Equal("Done.", item.GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void A_stream_that_ends_without_message_stop_ends_with_response_failed()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Half\"") + BlockStop(0) + MessageDelta("end_turn")
            + "event: message_stop\ndata: {\"type\":\"mess";

        var events = Events(StreamAllWays(sse));

        Assert.Equal("response.output_text.delta", events[^2].GetProperty("type").GetString());
        AssertJsonEqual(Terminal($$"""
            "status":"failed","error":{"code":"server_error","message":"{{EarlyEnd}}"},"incomplete_details":null,"output":[],"usage":{{UsageJson(10, 0, 42)}}
            """), Payload(events[^1]));
        Assert.Equal("response.failed", events[^1].GetProperty("type").GetString());
        Stream(sse, inspect: translator =>
        {
            Assert.True(translator.Failed);
            Assert.Null(translator.OutputItems);
        });
    }

    [Fact]
    public void An_empty_upstream_still_gives_created_in_progress_and_failed_with_the_clients_model()
    {
        var events = Events(Stream([]));

        Assert.Equal(["response.created", "response.in_progress", "response.failed"], Types(events));
        Assert.Equal(ClientModel, events[0].GetProperty("response").GetProperty("model").GetString());
        Assert.Equal(EarlyEnd, events[2].GetProperty("response").GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public void A_failure_the_upstream_did_not_report_ends_the_stream_with_response_failed_once()
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ResponsesStreamTranslator(Context(), ResponseId, ClientModel, Created);
        translator.Write(Encoding.UTF8.GetBytes(MessageStart() + TextStart(0) + TextDelta(0, "\"Hal\"")), output);

        translator.Fail("The upstream connection broke.", "server_error", output);
        translator.Fail("again", "server_error", output);
        translator.Complete(output);
        translator.Write(Encoding.UTF8.GetBytes(TextDelta(0, "\"more\"") + MessageStop()), output);

        var events = Events(Encoding.UTF8.GetString(output.WrittenSpan));
        var failed = Assert.Single(events, e => e.GetProperty("type").GetString() == "response.failed");
        Assert.Equal("response.failed", events[^1].GetProperty("type").GetString());
        AssertJsonEqual("""{"code":"server_error","message":"The upstream connection broke."}""", failed.GetProperty("response").GetProperty("error"));
        Assert.True(translator.Failed);
        Assert.Null(translator.OutputItems);
    }

    [Fact]
    public void Nothing_is_written_once_the_response_has_completed()
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ResponsesStreamTranslator(Context(), ResponseId, ClientModel, Created);
        translator.Write(Encoding.UTF8.GetBytes(TextAnswer("end_turn", "Hi")), output);
        var afterStop = output.WrittenCount;

        translator.Write(Encoding.UTF8.GetBytes(TextAnswer("end_turn", "again")), output);
        translator.Fail("late", "server_error", output);
        translator.Complete(output);

        Assert.Equal(afterStop, output.WrittenCount);
        Assert.False(translator.Failed);
        Assert.Equal("response.completed", Events(Encoding.UTF8.GetString(output.WrittenSpan))[^1].GetProperty("type").GetString());
    }

    [Fact]
    public void The_output_items_are_the_completed_responses_output_and_the_same_as_the_whole_messages()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"Hm.\"") + SignatureDelta(0) + BlockStop(0)
            + TextStart(1) + TextDelta(1, "\"Sure: \"") + TextDelta(1, "\"\\\"quoted\\\" \\u00e9\"") + BlockStop(1)
            + ToolStart(2, "toolu_A", "read") + InputDelta(2, "{\"path\":\"a\"}") + BlockStop(2)
            + ToolStart(3, "toolu_B", "shell") + InputDelta(3, "{\"input\":\"ls\"}") + BlockStop(3)
            + MessageDelta("tool_use") + MessageStop();
        const string Message = """
            {"id":"msg_01abc","type":"message","role":"assistant","model":"claude-sonnet-4-5","stop_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":42},
             "content":[{"type":"thinking","thinking":"Hm.","signature":"EqQBCkYIBxgCKkA"},{"type":"text","text":"Sure: \"quoted\" é"},
                        {"type":"tool_use","id":"toolu_A","name":"read","input":{"path":"a"}},{"type":"tool_use","id":"toolu_B","name":"shell","input":{"input":"ls"}}]}
            """;
        var context = Context(customTools: "shell");

        byte[]? outputItems = null;
        var stream = Stream(sse, context, inspect: translator => outputItems = translator.OutputItems);

        Assert.NotNull(outputItems);
        var completed = Events(stream)[^1].GetProperty("response");
        Assert.Equal(completed.GetProperty("output").GetRawText(), Encoding.UTF8.GetString(outputItems));
        Assert.Equal(4, completed.GetProperty("output").GetArrayLength());
        var (whole, wholeItems) = Translate(Message, context);
        AssertJsonEqual(wholeItems.GetRawText(), Parse(outputItems));
        AssertJsonEqual(whole.GetRawText(), completed);
    }

    [Fact]
    public void Usage_takes_the_input_side_from_message_start_and_the_latest_counts_from_message_delta()
    {
        var sse = MessageStart(usage: """{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,"output_tokens":1}""")
            + TextStart(0) + TextDelta(0, "\"a\"") + BlockStop(0)
            + Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":null},"usage":{"output_tokens":3}}""")
            + MessageDelta("end_turn", """{"output_tokens":9}""") + MessageStop();

        var completed = Events(StreamAllWays(sse))[^1].GetProperty("response");

        AssertJsonEqual(UsageJson(112, 100, 9), completed.GetProperty("usage"));
        Assert.Equal("completed", completed.GetProperty("status").GetString());
    }

    [Fact]
    public void Input_counts_reported_only_in_message_delta_still_count()
    {
        var sse = MessageStart(usage: """{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}""")
            + TextStart(0) + TextDelta(0, "\"a\"") + BlockStop(0)
            + MessageDelta("end_turn", """{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":20,"output_tokens":4}""") + MessageStop();

        Stream(sse, inspect: translator => Assert.Equal(new AnthropicUsage(30, 4, 0, 20), translator.Usage));
        AssertJsonEqual(UsageJson(50, 20, 4), Events(StreamAllWays(sse))[^1].GetProperty("response").GetProperty("usage"));
    }

    [Fact]
    public void The_response_reports_the_upstreams_model_and_the_requests_echo()
    {
        var context = Context("""{"instructions":"Be brief.","tool_choice":"none","store":false}""");

        var events = Events(StreamAllWays(MessageStart(model: "claude-opus-4-1") + MessageStop(), context));

        Assert.All(events.Where(e => e.TryGetProperty("response", out _)), e =>
        {
            var response = e.GetProperty("response");
            Assert.Equal("claude-opus-4-1", response.GetProperty("model").GetString());
            Assert.Equal("Be brief.", response.GetProperty("instructions").GetString());
            Assert.Equal("none", response.GetProperty("tool_choice").GetString());
            Assert.False(response.GetProperty("store").GetBoolean());
            Assert.Equal(ResponseId, response.GetProperty("id").GetString());
            Assert.Equal(Created, response.GetProperty("created_at").GetInt64());
        });
        Assert.Equal(["response.created", "response.in_progress", "response.completed"], Types(events));
    }

    [Fact]
    public void Text_is_escaped_as_JSON_needs_and_arrives_intact()
    {
        const string Text = "Line \"one\"\nTab\there \\ back </script> émoji 😀 \u0001";
        var events = Events(StreamAllWays(TextAnswer("end_turn", Text[..9], Text[9..])));

        Assert.Equal(Text, string.Concat(events.Where(e => e.GetProperty("type").GetString() == "response.output_text.delta").Select(e => e.GetProperty("delta").GetString())));
        Assert.Equal(Text, Assert.Single(events, e => e.GetProperty("type").GetString() == "response.output_text.done").GetProperty("text").GetString());
    }

    [Fact]
    public void Pings_comments_unknown_events_and_data_that_is_not_JSON_are_ignored()
    {
        var plain = TextAnswer("end_turn", "Hi");
        var noisy = ": keep-alive\n\n" + Ping() + MessageStart() + Ping() + Event("mystery", """{"type":"mystery"}""") + "event: content_block_delta\ndata: not json\n\n"
            + TextStart(0) + TextDelta(0, "\"Hi\"") + Ping() + BlockStop(0) + MessageDelta("end_turn") + MessageStop();

        Assert.Equal(StreamAllWays(plain), StreamAllWays(noisy));
    }

    [Fact]
    public void Events_without_an_event_line_are_read_by_their_type()
    {
        var withNames = MessageStart() + ToolStart(0, "toolu_1", "f") + InputDelta(0, "{\"a\":1}") + BlockStop(0) + TextStart(1) + TextDelta(1, "\"x\"") + BlockStop(1)
            + MessageDelta("end_turn") + MessageStop();
        var withoutNames = string.Join("\n\n", withNames.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(f => f[(f.IndexOf('\n', StringComparison.Ordinal) + 1)..])) + "\n\n";

        Assert.Equal(StreamAllWays(withNames), StreamAllWays(withoutNames));
    }

    [Fact]
    public void CRLF_line_endings_write_the_same_events()
    {
        var lf = TextAnswer("end_turn", "Hi", " there");

        Assert.Equal(StreamAllWays(lf), StreamAllWays(lf.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_event_larger_than_the_bound_throws()
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ResponsesStreamTranslator(Context(), ResponseId, ClientModel, Created, maxEventBytes: 64);

        Assert.Throws<SseEventTooLargeException>(() => translator.Write(Encoding.UTF8.GetBytes(TextAnswer("end_turn", new string('x', 200))), output));
    }
}
