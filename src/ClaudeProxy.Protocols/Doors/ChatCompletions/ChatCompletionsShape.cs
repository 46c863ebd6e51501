using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>What the response and the stream translators write alike: ids, finish reasons and usage.</summary>
internal static class ChatCompletionsShape
{
    /// <summary><c>chatcmpl-</c> and the Anthropic message id without its <c>msg_</c>; a fresh one when there is no id.</summary>
    public static string CompletionId(string? messageId)
    {
        if (string.IsNullOrEmpty(messageId))
        {
            return "chatcmpl-" + Guid.NewGuid().ToString("N");
        }

        return "chatcmpl-" + (messageId.StartsWith("msg_", StringComparison.Ordinal) ? messageId[4..] : messageId);
    }

    /// <summary>
    /// Anthropic's stop reason as a finish reason: <c>end_turn</c>, <c>stop_sequence</c> and
    /// <c>pause_turn</c> (and anything unknown) stop, <c>max_tokens</c> and a full context window are a
    /// length, <c>tool_use</c> is tool calls, <c>refusal</c> a content filter.
    /// </summary>
    public static string FinishReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        _ => "stop",
    };

    /// <summary>
    /// <c>"usage": {…}</c>: the prompt counts every input token (cache reads and writes included, as
    /// OpenAI's does), cache reads also as <c>cached_tokens</c>. Anthropic reports no separate reasoning
    /// count (thinking is part of the output), so <c>reasoning_tokens</c> is 0.
    /// </summary>
    public static void WriteUsage(Utf8JsonWriter writer, AnthropicUsage usage)
    {
        var prompt = usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens;
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, prompt);
        writer.WriteNumber("completion_tokens"u8, usage.OutputTokens);
        writer.WriteNumber("total_tokens"u8, prompt + usage.OutputTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, usage.CacheReadInputTokens);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
