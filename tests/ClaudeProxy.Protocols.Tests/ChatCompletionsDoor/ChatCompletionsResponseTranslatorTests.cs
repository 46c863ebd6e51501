using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using Xunit;
using static ClaudeProxy.Protocols.Tests.ChatCompletionsDoor.ChatDoor;

namespace ClaudeProxy.Protocols.Tests.ChatCompletionsDoor;

/// <summary>How a non-streaming Anthropic message becomes a <c>chat.completion</c>.</summary>
public sealed class ChatCompletionsResponseTranslatorTests
{
    private const string Usage = """{"input_tokens":100,"cache_creation_input_tokens":20,"cache_read_input_tokens":300,"output_tokens":50}""";

    private static string Message(string content, string stopReason = "end_turn", string id = "msg_01XyZ", string usage = Usage) =>
        $$$"""{"id":"{{{id}}}","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":{{{content}}},"stop_reason":"{{{stopReason}}}","stop_sequence":null,"usage":{{{usage}}}}""";

    private static JsonElement Translate(string message)
    {
        var bytes = ChatCompletionsResponseTranslator.Translate(Encoding.UTF8.GetBytes(message), Created);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.Clone();
    }

    private static JsonElement Choice(JsonElement completion) => Assert.Single(completion.GetProperty("choices").EnumerateArray());

    [Fact]
    public void A_text_answer_becomes_a_chat_completion_with_one_choice()
    {
        var completion = Translate(Message("""[{"type":"text","text":"Hello!"}]"""));

        AssertJsonEqual("""
            {"id":"chatcmpl-01XyZ","object":"chat.completion","created":1700000000,"model":"claude-sonnet-4-5-20250929",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello!","refusal":null},"logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":420,"completion_tokens":50,"total_tokens":470,"prompt_tokens_details":{"cached_tokens":300},"completion_tokens_details":{"reasoning_tokens":0}}}
            """, completion);
    }

    [Theory]
    [InlineData("msg_01XyZ", "chatcmpl-01XyZ")]
    [InlineData("resp-7", "chatcmpl-resp-7")]
    public void The_id_is_the_message_id_without_its_msg_prefix(string messageId, string expected)
    {
        Assert.Equal(expected, Translate(Message("[]", id: messageId)).GetProperty("id").GetString());
    }

    [Fact]
    public void Text_blocks_are_joined_into_the_content()
    {
        var completion = Translate(Message("""[{"type":"text","text":"The answer "},{"type":"text","text":"is \"42\".\n","citations":[]}]"""));

        Assert.Equal("The answer is \"42\".\n", Choice(completion).GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public void A_message_without_text_has_null_content_and_no_tool_calls_or_reasoning()
    {
        var message = Choice(Translate(Message("[]"))).GetProperty("message");

        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.False(message.TryGetProperty("tool_calls", out _));
        Assert.False(message.TryGetProperty("reasoning_content", out _));
    }

    [Fact]
    public void Tool_use_blocks_become_tool_calls_with_the_input_as_the_JSON_text_of_the_arguments()
    {
        var choice = Choice(Translate(Message("""
            [{"type":"text","text":"Let me check."},
             {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris","days":[1,2]}},
             {"type":"tool_use","id":"toolu_01B","name":"now","input":{}}]
            """, "tool_use")));

        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        var message = choice.GetProperty("message");
        Assert.Equal("Let me check.", message.GetProperty("content").GetString());
        var calls = message.GetProperty("tool_calls");
        Assert.Equal(2, calls.GetArrayLength());
        Assert.Equal("toolu_01A", calls[0].GetProperty("id").GetString());
        Assert.Equal("function", calls[0].GetProperty("type").GetString());
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        AssertJsonEqual("""{"city":"Paris","days":[1,2]}""", calls[0].GetProperty("function").GetProperty("arguments").GetString()!);
        Assert.Equal("{}", calls[1].GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public void The_arguments_are_the_input_exactly_as_the_model_wrote_it()
    {
        const string Input = """{"command":"echo \"é\" \\ done","n":1.50}""";
        var message = Choice(Translate(Message($$$"""[{"type":"tool_use","id":"toolu_1","name":"Bash","input":{{{Input}}}}]""", "tool_use"))).GetProperty("message");

        Assert.Equal(Input, message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
    }

    [Fact]
    public void Thinking_becomes_reasoning_content_and_redacted_thinking_is_left_out()
    {
        var message = Choice(Translate(Message("""
            [{"type":"thinking","thinking":"First, ","signature":"sig"},
             {"type":"redacted_thinking","data":"opaque"},
             {"type":"thinking","thinking":"then.","signature":"sig"},
             {"type":"text","text":"Done."}]
            """))).GetProperty("message");

        Assert.Equal("First, then.", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("Done.", message.GetProperty("content").GetString());
    }

    [Theory]
    [InlineData("end_turn", "stop")]
    [InlineData("stop_sequence", "stop")]
    [InlineData("pause_turn", "stop")]
    [InlineData("max_tokens", "length")]
    [InlineData("model_context_window_exceeded", "length")]
    [InlineData("tool_use", "tool_calls")]
    [InlineData("refusal", "content_filter")]
    [InlineData("something_new", "stop")]
    public void Stop_reasons_become_finish_reasons(string stopReason, string finishReason)
    {
        Assert.Equal(finishReason, Choice(Translate(Message("""[{"type":"text","text":"x"}]""", stopReason))).GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Usage_counts_cache_reads_and_writes_in_the_prompt_and_reports_the_reads_as_cached()
    {
        var usage = Translate(Message("[]", usage: """{"input_tokens":7,"cache_creation_input_tokens":11,"cache_read_input_tokens":13,"output_tokens":5}""")).GetProperty("usage");

        Assert.Equal(31, usage.GetProperty("prompt_tokens").GetInt64());
        Assert.Equal(5, usage.GetProperty("completion_tokens").GetInt64());
        Assert.Equal(36, usage.GetProperty("total_tokens").GetInt64());
        Assert.Equal(13, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt64());
    }

    [Fact]
    public void Missing_usage_counts_as_zero()
    {
        var usage = Translate("""{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"x"}],"stop_reason":"end_turn"}""").GetProperty("usage");

        Assert.Equal(0, usage.GetProperty("total_tokens").GetInt64());
    }

    [Fact]
    public void A_response_that_is_not_JSON_throws()
    {
        Assert.ThrowsAny<JsonException>(() => ChatCompletionsResponseTranslator.Translate("<html>"u8, Created));
    }
}
