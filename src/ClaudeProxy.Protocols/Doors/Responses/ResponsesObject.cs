using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>What every response object of one answer has alike: its id, creation time, model and the request's echo.</summary>
internal sealed record ResponsesHead(string Id, long CreatedAt, string Model, ResponsesEcho Echo);

/// <summary>
/// Writes the Responses <c>response</c> object, and reads the parts of the hub's answer it reports:
/// the status a stop reason gives, the usage, and the error code of an Anthropic error.
/// </summary>
internal static class ResponsesObject
{
    /// <summary>Writes the response object as the next value of <paramref name="writer"/>.</summary>
    /// <param name="writer">Positioned where the object goes.</param>
    /// <param name="head">The answer's id, creation time, model and echo.</param>
    /// <param name="status"><c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.</param>
    /// <param name="incompleteReason">The reason of an incomplete response; null for any other.</param>
    /// <param name="error">The code and message of a failed response; null for any other.</param>
    /// <param name="output">The output items, a JSON array.</param>
    /// <param name="usage">The usage; null while the response is in progress.</param>
    public static void Write(
        Utf8JsonWriter writer,
        ResponsesHead head,
        string status,
        string? incompleteReason,
        (string Code, string Message)? error,
        ReadOnlySpan<byte> output,
        AnthropicUsage? usage)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, head.Id);
        writer.WriteString("object"u8, "response"u8);
        writer.WriteNumber("created_at"u8, head.CreatedAt);
        writer.WriteString("status"u8, status);
        if (error is var (code, message))
        {
            writer.WriteStartObject("error"u8);
            writer.WriteString("code"u8, code);
            writer.WriteString("message"u8, message);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("error"u8);
        }

        if (incompleteReason is null)
        {
            writer.WriteNull("incomplete_details"u8);
        }
        else
        {
            writer.WriteStartObject("incomplete_details"u8);
            writer.WriteString("reason"u8, incompleteReason);
            writer.WriteEndObject();
        }

        writer.WriteString("model"u8, head.Model);
        writer.WritePropertyName("output"u8);
        writer.WriteRawValue(output, skipInputValidation: true);
        if (usage is { } counted)
        {
            WriteUsage(writer, counted);
        }
        else
        {
            writer.WriteNull("usage"u8);
        }

        head.Echo.Write(writer);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The status an answer that stopped for <paramref name="stopReason"/> ends with: <c>max_tokens</c>
    /// (and a full context window) is incomplete for <c>max_output_tokens</c>, <c>refusal</c> incomplete
    /// for <c>content_filter</c>; anything else is completed.
    /// </summary>
    public static (string Status, string? IncompleteReason) Status(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => ("incomplete", "max_output_tokens"),
        "refusal" => ("incomplete", "content_filter"),
        _ => ("completed", null),
    };

    /// <summary>
    /// <c>"usage": {…}</c>: the input counts every input token (cache reads and writes included, as
    /// OpenAI's does), cache reads also as <c>cached_tokens</c>. Anthropic reports no separate reasoning
    /// count (thinking is part of the output), so <c>reasoning_tokens</c> is 0.
    /// </summary>
    public static void WriteUsage(Utf8JsonWriter writer, AnthropicUsage usage)
    {
        var input = usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens;
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, input);
        writer.WriteStartObject("input_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, usage.CacheReadInputTokens);
        writer.WriteEndObject();
        writer.WriteNumber("output_tokens"u8, usage.OutputTokens);
        writer.WriteStartObject("output_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteNumber("total_tokens"u8, input + usage.OutputTokens);
        writer.WriteEndObject();
    }
}
