using System.Buffers;
using System.Text;
using ClaudeProxy.Protocols.Doors.Gemini;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.AnthropicEvents;
using static ClaudeProxy.Protocols.Tests.GeminiDoor.GeminiDoorDriver;

namespace ClaudeProxy.Protocols.Tests.GeminiDoor;

/// <summary>
/// How an Anthropic Messages event stream becomes Gemini's stream, in both framings. Every stream is fed
/// whole, split in two at every byte, one byte per read and at random cuts, and must write the same.
/// </summary>
public sealed class GeminiDoorStreamTranslatorTests
{
    private const string Tail = "\"modelVersion\":\"gemini-2.5-pro\",\"responseId\":\"msg_01abc\"}";

    private static string Chunk(string part) => """{"candidates":[{"content":{"role":"model","parts":[@0]},"index":0}],@1""".Fill(part, Tail);

    private static string Last(string finishReason = "STOP", string usage = """{"promptTokenCount":10,"candidatesTokenCount":42,"totalTokenCount":52}""", string parts = "") =>
        """{"candidates":[{"content":{"role":"model","parts":[@0]},"finishReason":"@1","index":0}],"usageMetadata":@2,@3""".Fill(parts, finishReason, usage, Tail);

    private static string Sse(params string[] chunks) => string.Concat(chunks.Select(c => "data: " + c + "\r\n\r\n"));

    private static string Array(params string[] elements) => "[" + string.Join(",", elements.Select(e => e + "\n")) + "]";

    private static string Packed(params GeminiDoorThinking[] blocks) => GeminiDoorThoughtSignature.Pack([.. blocks]);

    [Fact]
    public void With_sse_framing_each_text_delta_is_a_data_event_and_the_last_carries_finish_reason_and_usage()
    {
        var output = StreamAllWays(TextAnswer("end_turn", "Hel", "lo!"), sseFraming: true);

        Assert.Equal(Sse(Chunk("""{"text":"Hel"}"""), Chunk("""{"text":"lo!"}"""), Last()), output);
        Assert.Equal(3, SseFrames(output).Count);
    }

    [Fact]
    public void Without_sse_framing_the_chunks_are_the_elements_of_one_json_array_written_as_they_come()
    {
        var output = StreamAllWays(TextAnswer("end_turn", "Hel", "lo!"), sseFraming: false);

        Assert.Equal(Array(Chunk("""{"text":"Hel"}"""), Chunk("""{"text":"lo!"}"""), Last()), output);
        Assert.Equal(3, ArrayElements(output).Count);
    }

    [Fact]
    public void Thinking_deltas_are_thought_parts_and_the_packed_signature_rides_on_the_first_text_delta()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"Let me\"") + ThinkingDelta(0, "\" think.\"") + SignatureDelta(0) + BlockStop(0)
            + TextStart(1) + TextDelta(1, "\"4\"") + TextDelta(1, "\"2\"") + BlockStop(1) + MessageDelta("end_turn") + MessageStop();

        var output = StreamAllWays(sse, sseFraming: true);

        Assert.Equal(Sse(
            Chunk("""{"text":"Let me","thought":true}"""),
            Chunk("""{"text":" think.","thought":true}"""),
            Chunk("""{"text":"4","thoughtSignature":"@0"}""".Fill(Packed(GeminiDoorThinking.Signed("Let me think.", "EqQBCkYIBxgCKkA")))),
            Chunk("""{"text":"2"}"""),
            Last()), output);
    }

    [Fact]
    public void Without_include_thoughts_no_thought_part_is_written_but_the_signature_still_travels()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"Hidden.\"") + SignatureDelta(0) + BlockStop(0)
            + TextStart(1) + TextDelta(1, "\"Hi\"") + BlockStop(1) + MessageDelta("end_turn") + MessageStop();

        var output = StreamAllWays(sse, sseFraming: false, includeThoughts: false);

        Assert.Equal(Array(
            Chunk("""{"text":"Hi","thoughtSignature":"@0"}""".Fill(Packed(GeminiDoorThinking.Signed("Hidden.", "EqQBCkYIBxgCKkA")))),
            Last()), output);
    }

    [Fact]
    public void A_tool_use_becomes_one_function_call_part_once_its_arguments_are_complete()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Checking.\"") + BlockStop(0)
            + ToolStart(1, "toolu_01A", "get_weather") + InputDelta(1, "") + InputDelta(1, "{\"city\": ") + InputDelta(1, "\"Paris\"}") + BlockStop(1)
            + ToolStart(2, "toolu_01B", "now") + BlockStop(2)
            + MessageDelta("tool_use") + MessageStop();

        var output = StreamAllWays(sse, sseFraming: true);

        Assert.Equal(Sse(
            Chunk("""{"text":"Checking."}"""),
            Chunk("""{"functionCall":{"id":"toolu_01A","name":"get_weather","args":{"city":"Paris"}}}"""),
            Chunk("""{"functionCall":{"id":"toolu_01B","name":"now","args":{}}}"""),
            Last()), output);
    }

    [Fact]
    public void Interleaved_thinking_and_redacted_thinking_sign_the_function_call_that_follows_them()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"Plan.\"") + SignatureDelta(0) + BlockStop(0)
            + Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"opaque"}}""") + BlockStop(1)
            + ToolStart(2, "toolu_01A", "ls") + InputDelta(2, "{}") + BlockStop(2)
            + MessageDelta("tool_use") + MessageStop();

        var output = StreamAllWays(sse, sseFraming: true, includeThoughts: false);

        Assert.Equal(Sse(
            Chunk("""{"functionCall":{"id":"toolu_01A","name":"ls","args":{}},"thoughtSignature":"@0"}""".Fill(Packed(GeminiDoorThinking.Signed("Plan.", "EqQBCkYIBxgCKkA"), GeminiDoorThinking.Redacted("opaque")))),
            Last()), output);
    }

    [Fact]
    public void A_signature_nothing_followed_goes_on_an_empty_thought_part_in_the_last_chunk()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"Long\"") + SignatureDelta(0) + BlockStop(0) + MessageDelta("max_tokens") + MessageStop();

        var output = StreamAllWays(sse, sseFraming: true);

        Assert.Equal(Sse(
            Chunk("""{"text":"Long","thought":true}"""),
            Last("MAX_TOKENS", parts: """{"text":"","thought":true,"thoughtSignature":"@0"}""".Fill(Packed(GeminiDoorThinking.Signed("Long", "EqQBCkYIBxgCKkA"))))), output);
    }

    [Fact]
    public void A_whole_input_sent_with_the_block_start_and_no_deltas_is_the_calls_args()
    {
        var sse = MessageStart()
            + Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"ls","input":{"path":"/"}}}""")
            + BlockStop(0) + MessageDelta("tool_use") + MessageStop();

        var output = StreamAllWays(sse, sseFraming: true);

        Assert.Equal(Sse(Chunk("""{"functionCall":{"id":"toolu_1","name":"ls","args":{"path":"/"}}}"""), Last()), output);
    }

    [Fact]
    public void Usage_takes_input_counts_reported_only_at_the_end_and_counts_cache_reads_as_cached_content()
    {
        var sse = MessageStart(usage: """{"input_tokens":0,"output_tokens":0}""") + TextStart(0) + TextDelta(0, "\"a\"") + BlockStop(0)
            + MessageDelta("end_turn", """{"input_tokens":30,"cache_creation_input_tokens":5,"cache_read_input_tokens":20,"output_tokens":4}""") + MessageStop();

        var output = StreamAllWays(sse, sseFraming: true);

        Assert.EndsWith(
            "data: " + Last(usage: """{"promptTokenCount":55,"candidatesTokenCount":4,"totalTokenCount":59,"cachedContentTokenCount":20}""") + "\r\n\r\n",
            output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max_tokens", "MAX_TOKENS")]
    [InlineData("refusal", "SAFETY")]
    [InlineData("stop_sequence", "STOP")]
    public void The_stop_reason_becomes_the_last_chunks_finish_reason(string stopReason, string finishReason)
    {
        var output = StreamAllWays(TextAnswer(stopReason, "x"), sseFraming: true);

        Assert.EndsWith("data: " + Last(finishReason) + "\r\n\r\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_event_ends_the_stream_with_googles_error_element_and_later_input_is_ignored()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Par\"") + Error("overloaded_error", "Overloaded") + TextDelta(0, "\"tial\"") + MessageStop();

        Assert.Equal(
            Sse(Chunk("""{"text":"Par"}"""), """{"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}"""),
            StreamAllWays(sse, sseFraming: true));
        Assert.Equal(
            Array(Chunk("""{"text":"Par"}"""), """{"error":{"code":503,"message":"Overloaded","status":"UNAVAILABLE"}}"""),
            StreamAllWays(sse, sseFraming: false));
    }

    [Fact]
    public void A_stream_that_ends_without_message_stop_ends_with_an_error_element()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Par\"");
        const string Error = """{"error":{"code":500,"message":"The upstream stream ended before the answer was complete.","status":"INTERNAL"}}""";

        Assert.Equal(Sse(Chunk("""{"text":"Par"}"""), Error), StreamAllWays(sse, sseFraming: true));
        Assert.Equal(Array(Chunk("""{"text":"Par"}"""), Error), StreamAllWays(sse, sseFraming: false));
        Assert.Equal(Array(Error), Stream([], sse: false));
    }

    [Fact]
    public void The_translator_reports_completion_usage_and_failure()
    {
        Stream([Encoding.UTF8.GetBytes(TextAnswer("end_turn", "Hi"))], sse: true, inspect: t =>
        {
            Assert.True(t.ReachedMessageStop);
            Assert.True(t.IsDone);
            Assert.False(t.Failed);
            Assert.Equal(10, t.Usage.InputTokens);
            Assert.Equal(42, t.Usage.OutputTokens);
            Assert.Equal("msg_01abc", t.ResponseId);
        });
        Stream([Encoding.UTF8.GetBytes(MessageStart())], sse: true, inspect: t =>
        {
            Assert.False(t.ReachedMessageStop);
            Assert.True(t.Failed);
        });
    }

    [Fact]
    public void Fail_ends_the_stream_with_the_error_the_endpoint_names_and_nothing_follows()
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new GeminiDoorStreamTranslator(Model, sseFraming: false);

        translator.Write(Encoding.UTF8.GetBytes(MessageStart() + TextStart(0) + TextDelta(0, "\"a\"")), output);
        translator.Fail(504, "The upstream did not answer in time.", output);
        translator.Write(Encoding.UTF8.GetBytes(TextDelta(0, "\"b\"") + MessageStop()), output);
        translator.Complete(output);

        Assert.Equal(
            Array(Chunk("""{"text":"a"}"""), """{"error":{"code":504,"message":"The upstream did not answer in time.","status":"DEADLINE_EXCEEDED"}}"""),
            Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Pings_empty_deltas_events_that_are_not_json_and_unknown_events_are_skipped()
    {
        var sse = MessageStart() + Ping() + "event: content_block_delta\ndata: {not json\n\n" + Event("mystery", "{\"type\":\"mystery\"}")
            + TextStart(0) + TextDelta(0, "\"\"") + TextDelta(0, "\"x\"") + BlockStop(0) + MessageDelta("end_turn") + MessageStop();

        Assert.Equal(Sse(Chunk("""{"text":"x"}"""), Last()), StreamAllWays(sse, sseFraming: true));
    }

    [Fact]
    public void Text_sent_with_the_block_start_is_written_like_a_delta_and_bytes_are_copied_as_escaped()
    {
        var sse = MessageStart()
            + Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":"caf\u00e9 "}}""")
            + TextDelta(0, "\"\\\"ok\\\"\"") + BlockStop(0) + MessageDelta("end_turn") + MessageStop();

        Assert.Equal(Sse(Chunk("""{"text":"caf\u00e9 "}"""), Chunk("""{"text":"\"ok\""}"""), Last()), StreamAllWays(sse, sseFraming: true));
    }

    [Fact]
    public void Events_without_event_lines_are_told_apart_by_their_type_field()
    {
        var sse = string.Concat(TextAnswer("end_turn", "Hi").Split('\n').Where(l => !l.StartsWith("event:", StringComparison.Ordinal)).Select(l => l + "\n"));

        Assert.Equal(Sse(Chunk("""{"text":"Hi"}"""), Last()), StreamAllWays(sse, sseFraming: true));
    }
}
