using System.Buffers;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Sse;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.AnthropicEvents;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.ChatDoor;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>
/// How an Anthropic Messages event stream becomes a Chat Completions chunk stream. Every stream is fed
/// whole, split in two at every byte, one byte per read and at random cuts, and must write the same.
/// </summary>
public sealed class ChatCompletionsStreamTranslatorTests
{
    [Fact]
    public void A_text_stream_becomes_a_role_chunk_content_chunks_a_finish_chunk_and_done()
    {
        var frames = Frames(StreamAllWays(TextAnswer("end_turn", "Hel", "lo!"), includeUsage: false));

        Assert.Equal(
        [
            """{"id":"chatcmpl-01abc","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-01abc","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-01abc","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{"content":"lo!"},"logprobs":null,"finish_reason":null}]}""",
            """{"id":"chatcmpl-01abc","object":"chat.completion.chunk","created":1700000000,"model":"claude-sonnet-4-5","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}""",
            "[DONE]",
        ], frames);
    }

    [Fact]
    public void With_include_usage_content_chunks_carry_null_usage_and_a_last_chunk_without_choices_has_the_usage()
    {
        var chunks = Chunks(StreamAllWays(TextAnswer("end_turn", "Hi"), includeUsage: true));

        Assert.All(chunks.SkipLast(1), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("usage").ValueKind));
        var last = chunks[^1];
        Assert.Equal(0, last.GetProperty("choices").GetArrayLength());
        Assert.Equal("chatcmpl-01abc", last.GetProperty("id").GetString());
        Assert.Equal("chat.completion.chunk", last.GetProperty("object").GetString());
        AssertJsonEqual("""
            {"prompt_tokens":10,"completion_tokens":42,"total_tokens":52,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}
            """, last.GetProperty("usage"));
    }

    [Fact]
    public void Without_include_usage_no_chunk_has_usage()
    {
        var chunks = Chunks(StreamAllWays(TextAnswer("end_turn", "Hi"), includeUsage: false));

        Assert.All(chunks, c => Assert.False(c.TryGetProperty("usage", out _)));
        Assert.All(chunks, c => Assert.Equal(1, c.GetProperty("choices").GetArrayLength()));
    }

    [Fact]
    public void Usage_takes_the_input_side_from_message_start_and_the_latest_output_from_message_delta()
    {
        var sse = MessageStart(usage: """{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,"output_tokens":1}""")
            + TextStart(0) + TextDelta(0, "\"a\"") + BlockStop(0)
            + Event("message_delta", """{"type":"message_delta","delta":{"stop_reason":null},"usage":{"output_tokens":3}}""")
            + MessageDelta("end_turn", """{"output_tokens":9}""") + MessageStop();

        var usage = Chunks(StreamAllWays(sse, includeUsage: true))[^1].GetProperty("usage");

        Assert.Equal(112, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(9, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(121, usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(100, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
    }

    [Fact]
    public void Input_counts_reported_only_at_the_end_still_count()
    {
        // The gateway's own translated channels start with zeros and report everything in message_delta.
        var sse = MessageStart(usage: """{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}""")
            + TextStart(0) + TextDelta(0, "\"a\"") + BlockStop(0)
            + MessageDelta("end_turn", """{"input_tokens":30,"cache_creation_input_tokens":0,"cache_read_input_tokens":20,"output_tokens":4}""") + MessageStop();

        var usage = Chunks(StreamAllWays(sse, includeUsage: true))[^1].GetProperty("usage");

        Assert.Equal(50, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(4, usage.GetProperty("completion_tokens").GetInt64());
    }

    [Fact]
    public void Thinking_deltas_become_reasoning_content_and_signatures_and_redacted_thinking_are_ignored()
    {
        var sse = MessageStart() + ThinkingStart(0) + ThinkingDelta(0, "\"Let me think\"") + ThinkingDelta(0, "\" hard.\"") + SignatureDelta(0) + BlockStop(0)
            + Event("content_block_start", """{"type":"content_block_start","index":1,"content_block":{"type":"redacted_thinking","data":"opaque"}}""") + BlockStop(1)
            + TextStart(2) + TextDelta(2, "\"Answer.\"") + BlockStop(2) + MessageDelta("end_turn") + MessageStop();

        var chunks = Chunks(StreamAllWays(sse, includeUsage: false));

        Assert.Equal("Let me think hard.", Content(chunks, "reasoning_content"));
        Assert.Equal("Answer.", Content(chunks));
        // Role, two reasoning pieces, one text piece, the finish: nothing for the signature or the redacted block.
        Assert.Equal(5, chunks.Count);
    }

    [Fact]
    public void Tool_use_blocks_become_tool_calls_numbered_from_zero_with_their_arguments_streamed()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Checking.\"") + BlockStop(0)
            + ToolStart(1, "toolu_01A", "get_weather") + InputDelta(1, "") + InputDelta(1, "{\"city\":") + InputDelta(1, "\"Paris\"}") + BlockStop(1)
            + MessageDelta("tool_use") + MessageStop();

        var chunks = Chunks(StreamAllWays(sse, includeUsage: false));

        AssertJsonEqual("""{"tool_calls":[{"index":0,"id":"toolu_01A","type":"function","function":{"name":"get_weather","arguments":""}}]}""", Delta(chunks[2]));
        AssertJsonEqual("""{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}""", Delta(chunks[3]));
        AssertJsonEqual("""{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}""", Delta(chunks[4]));
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var call = Assert.Single(ToolCalls(chunks));
        Assert.Equal(("toolu_01A", "get_weather", """{"city":"Paris"}"""), call.Value);
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    public void The_stop_reason_becomes_the_finish_reason_of_a_chunk_with_an_empty_delta(string stopReason, string finishReason)
    {
        var chunks = Chunks(StreamAllWays(TextAnswer(stopReason, "x"), includeUsage: false));

        var finish = Assert.Single(chunks, c => c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String);
        Assert.Equal(finishReason, finish.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Object, Delta(finish).ValueKind);
        Assert.Empty(Delta(finish).EnumerateObject());
    }

    [Fact]
    public void Text_is_escaped_as_JSON_needs_and_arrives_intact()
    {
        const string Text = "Line \"one\"\nTab\there \\ back </script> émoji 😀 \u0001";
        var chunks = Chunks(StreamAllWays(TextAnswer("end_turn", Text[..9], Text[9..]), includeUsage: false));

        Assert.Equal(Text, Content(chunks));
    }

    [Fact]
    public void An_error_event_becomes_an_error_chunk_then_done_and_the_rest_is_ignored()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Part\"") + Error("overloaded_error", "Overloaded")
            + TextDelta(0, "\"ignored\"") + MessageDelta("end_turn") + MessageStop();

        var frames = Frames(StreamAllWays(sse, includeUsage: true));

        Assert.Equal(4, frames.Count);
        AssertJsonEqual("""{"error":{"message":"Overloaded","type":"overloaded_error","param":null,"code":null}}""", frames[2]);
        Assert.Equal("[DONE]", frames[3]);
    }

    [Fact]
    public void An_error_event_is_reported_by_the_translator()
    {
        Stream([Encoding.UTF8.GetBytes(MessageStart() + Error("api_error", "boom"))], includeUsage: false, inspect: translator =>
        {
            Assert.True(translator.Failed);
            Assert.False(translator.ReachedMessageStop);
            Assert.True(translator.IsDone);
        });
    }

    [Fact]
    public void A_failure_the_upstream_did_not_report_ends_the_stream_with_an_error_chunk_and_done_once()
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ChatCompletionsStreamTranslator(includeUsage: true, Created);
        translator.Write(Encoding.UTF8.GetBytes(MessageStart() + TextStart(0) + TextDelta(0, "\"Hal\"")), output);

        translator.Fail("The upstream connection broke.", "server_error", output);
        translator.Fail("again", "server_error", output);
        translator.Complete(output);

        var frames = Frames(Encoding.UTF8.GetString(output.WrittenSpan));
        Assert.Equal(4, frames.Count);
        AssertJsonEqual("""{"error":{"message":"The upstream connection broke.","type":"server_error","param":null,"code":null}}""", frames[2]);
        Assert.Equal("[DONE]", frames[3]);
        Assert.True(translator.Failed);
    }

    [Fact]
    public void Pings_comments_unknown_events_and_data_that_is_not_JSON_are_ignored()
    {
        var plain = TextAnswer("end_turn", "Hi");
        var noisy = ": keep-alive\n\n" + Ping() + MessageStart() + Ping() + Event("mystery", """{"type":"mystery"}""") + "event: content_block_delta\ndata: not json\n\n"
            + TextStart(0) + TextDelta(0, "\"Hi\"") + Ping() + BlockStop(0) + MessageDelta("end_turn") + MessageStop();

        Assert.Equal(StreamAllWays(plain, includeUsage: true), StreamAllWays(noisy, includeUsage: true));
    }

    [Fact]
    public void Events_without_an_event_line_are_read_by_their_type()
    {
        var withNames = TextAnswer("end_turn", "Hi");
        var withoutNames = string.Join("\n\n", withNames.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(f => f[(f.IndexOf('\n', StringComparison.Ordinal) + 1)..])) + "\n\n";

        Assert.Equal(StreamAllWays(withNames, includeUsage: true), StreamAllWays(withoutNames, includeUsage: true));
    }

    [Fact]
    public void CRLF_line_endings_write_the_same_chunks()
    {
        var lf = TextAnswer("end_turn", "Hi", " there");

        Assert.Equal(StreamAllWays(lf, includeUsage: true), StreamAllWays(lf.Replace("\n", "\r\n", StringComparison.Ordinal), includeUsage: true));
    }

    [Fact]
    public void A_stream_that_breaks_off_still_ends_with_the_usage_chunk_and_done_once()
    {
        var sse = MessageStart() + TextStart(0) + TextDelta(0, "\"Half\"") + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"ind";

        var output = StreamAllWays(sse, includeUsage: true);
        var chunks = Chunks(output);

        Assert.Equal("Half", Content(chunks));
        Assert.DoesNotContain(chunks, c => c.GetProperty("choices").GetArrayLength() > 0 && c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind != JsonValueKind.Null);
        Assert.Equal(10, chunks[^1].GetProperty("usage").GetProperty("prompt_tokens").GetInt64());
        Stream([Encoding.UTF8.GetBytes(sse)], includeUsage: true, inspect: translator => Assert.False(translator.ReachedMessageStop));
    }

    [Fact]
    public void An_empty_upstream_still_ends_cleanly()
    {
        var frames = Frames(Stream([], includeUsage: true));

        Assert.Equal(2, frames.Count);
        Assert.Equal("[DONE]", frames[1]);
        using var usageChunk = JsonDocument.Parse(frames[0]);
        Assert.StartsWith("chatcmpl-", usageChunk.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Done_is_written_once_however_often_the_stream_is_completed()
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ChatCompletionsStreamTranslator(includeUsage: true, Created);
        translator.Write(Encoding.UTF8.GetBytes(TextAnswer("end_turn", "Hi")), output);
        var afterStop = output.WrittenCount;
        translator.Complete(output);
        translator.Complete(output);
        translator.Write(Encoding.UTF8.GetBytes(TextAnswer("end_turn", "again")), output);

        Assert.Equal(afterStop, output.WrittenCount);
        Assert.True(translator.ReachedMessageStop);
        Assert.Single(Frames(Encoding.UTF8.GetString(output.WrittenSpan)), f => f == "[DONE]");
        Assert.Single(Frames(Encoding.UTF8.GetString(output.WrittenSpan)), f => f.Contains("\"choices\":[]", StringComparison.Ordinal));
    }

    [Fact]
    public void The_translator_reports_the_usage_and_the_completion_id()
    {
        Stream([Encoding.UTF8.GetBytes(TextAnswer("end_turn", "Hi"))], includeUsage: false, inspect: translator =>
        {
            Assert.Equal(10, translator.Usage.InputTokens);
            Assert.Equal(42, translator.Usage.OutputTokens);
            Assert.Equal("chatcmpl-01abc", translator.Id);
        });
    }

    [Fact]
    public void An_event_larger_than_the_bound_throws()
    {
        var output = new ArrayBufferWriter<byte>();
        using var translator = new ChatCompletionsStreamTranslator(includeUsage: false, Created, maxEventBytes: 64);

        Assert.Throws<SseEventTooLargeException>(() => translator.Write(Encoding.UTF8.GetBytes(TextAnswer("end_turn", new string('x', 200))), output));
    }
}
