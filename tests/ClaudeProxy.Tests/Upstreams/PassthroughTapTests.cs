using System.Text;
using ClaudeProxy.Upstreams.Gemini;
using ClaudeProxy.Upstreams.OpenAI;
using ClaudeProxy.Upstreams.Passthrough;
using ClaudeProxy.Upstreams.Responses;
using Xunit;

namespace ClaudeProxy.Tests.Upstreams;

/// <summary>What the taps of relayed streams read for the usage log, whatever else the chunks hold.</summary>
public sealed class PassthroughTapTests
{
    [Fact]
    public void A_chat_stream_s_usage_is_the_one_object_among_chunks_that_send_usage_null()
    {
        var tap = Feed(ChatTap(),
            """{"choices":[{"index":0,"delta":{"content":"Hi"}}],"usage":null}""",
            """{"choices":[],"usage" : {"prompt_tokens":30,"completion_tokens":4,"prompt_tokens_details":{"cached_tokens":10}}}""",
            """{"choices":[{"index":0,"delta":{}}],"usage":null}""");

        Assert.Equal((20, 10, 4), (tap.Usage!.Value.InputTokens, tap.Usage.Value.CacheReadInputTokens, tap.Usage.Value.OutputTokens));
        Assert.Null(tap.ErrorType);
    }

    [Fact]
    public void A_gemini_stream_s_usage_is_its_last_chunk_s_counts()
    {
        var tap = Feed(new GeminiProtocol(TimeProvider.System).CreateTap(),
            """{"candidates":[{"content":{"parts":[{"text":"Pa"}]}}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":1}}""",
            """{"candidates":[{"content":{"parts":[{"text":"ris"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":3}}""");

        Assert.Equal((9, 3), (tap.Usage!.Value.InputTokens, tap.Usage.Value.OutputTokens));
    }

    [Fact]
    public void A_responses_stream_s_usage_comes_from_response_completed_and_a_failure_from_response_failed()
    {
        var completed = Feed(new ResponsesPassthroughTap(),
            ("response.output_text.delta", """{"type":"response.output_text.delta","delta":"usage"}"""),
            ("response.completed", """{"type":"response.completed","response":{"status":"completed","usage":{"input_tokens":50,"input_tokens_details":{"cached_tokens":20},"output_tokens":7}}}"""));
        var failed = Feed(new ResponsesPassthroughTap(),
            ("response.failed", """{"type":"response.failed","response":{"status":"failed","error":{"code":"rate_limit_exceeded","message":"Slow down."}}}"""));

        Assert.Equal((30, 20, 7), (completed.Usage!.Value.InputTokens, completed.Usage.Value.CacheReadInputTokens, completed.Usage.Value.OutputTokens));
        Assert.Equal(("rate_limit_error", "Slow down."), (failed.ErrorType, failed.ErrorMessage));
    }

    [Fact]
    public void A_stream_without_usage_leaves_the_log_without_counts_and_an_error_chunk_is_reported()
    {
        var tap = Feed(ChatTap(),
            """{"choices":[{"index":0,"delta":{"content":"Hi"}}]}""",
            """{"error":{"message":"boom","type":"server_error"}}""");

        Assert.Null(tap.Usage);
        Assert.Equal(("api_error", "boom"), (tap.ErrorType, tap.ErrorMessage));
    }

    private static IPassthroughTap ChatTap() => new OpenAIChatProtocol("openai", useMaxCompletionTokens: true).CreateTap();

    private static T Feed<T>(T tap, params string[] chunks)
        where T : IPassthroughTap => Feed(tap, [.. chunks.Select(chunk => ("", chunk))]);

    private static T Feed<T>(T tap, params (string EventName, string Data)[] events)
        where T : IPassthroughTap
    {
        foreach (var (eventName, data) in events)
        {
            tap.OnEvent(Encoding.UTF8.GetBytes(eventName), Encoding.UTF8.GetBytes(data));
        }

        return tap;
    }
}
