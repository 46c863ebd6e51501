using System.Runtime.InteropServices;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// What the response and the stream translators write alike: a <c>GenerateContentResponse</c> with one
/// candidate (index 0), its parts, finish reason and usage.
/// </summary>
internal static class GeminiDoorShape
{
    /// <summary>
    /// Anthropic's stop reason as Gemini's finish reason: a full output limit or context window is
    /// <c>MAX_TOKENS</c>, a refusal <c>SAFETY</c>, anything else (<c>end_turn</c>, <c>tool_use</c>,
    /// <c>stop_sequence</c>, <c>pause_turn</c>, none) <c>STOP</c>, as Gemini says after function calls too.
    /// </summary>
    public static string FinishReason(string? stopReason) => stopReason switch
    {
        "max_tokens" or "model_context_window_exceeded" => "MAX_TOKENS",
        "refusal" => "SAFETY",
        _ => "STOP",
    };

    /// <summary>The answer's <c>responseId</c>: the Anthropic message id, or a fresh one in its shape.</summary>
    public static string ResponseId(string? messageId) => string.IsNullOrEmpty(messageId) ? ToolUseIds.NewMessageId() : messageId;

    /// <summary>Writes <c>{"candidates":[{"content":{"role":"model","parts":[</c>; the caller writes the parts, then <see cref="EndResponse"/>.</summary>
    public static void BeginResponse(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("candidates"u8);
        writer.WriteStartObject();
        writer.WriteStartObject("content"u8);
        writer.WriteString("role"u8, "model"u8);
        writer.WriteStartArray("parts"u8);
    }

    /// <summary>Closes what <see cref="BeginResponse"/> opened, with the finish reason and usage when given.</summary>
    public static void EndResponse(Utf8JsonWriter writer, string? finishReason, AnthropicUsage? usage, string model, string responseId)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
        if (finishReason is not null)
        {
            writer.WriteString("finishReason"u8, finishReason);
        }

        writer.WriteNumber("index"u8, 0);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (usage is { } counts)
        {
            WriteUsage(writer, counts);
        }

        writer.WriteString("modelVersion"u8, model);
        writer.WriteString("responseId"u8, responseId);
        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>"usageMetadata"</c>: the prompt counts every input token (cache reads and writes included, as
    /// Gemini's does), cache reads also as <c>cachedContentTokenCount</c>. Anthropic does not count
    /// thinking apart from the answer, so there is no <c>thoughtsTokenCount</c>: all output is candidates.
    /// </summary>
    public static void WriteUsage(Utf8JsonWriter writer, AnthropicUsage usage)
    {
        var prompt = usage.InputTokens + usage.CacheReadInputTokens + usage.CacheCreationInputTokens;
        writer.WriteStartObject("usageMetadata"u8);
        writer.WriteNumber("promptTokenCount"u8, prompt);
        writer.WriteNumber("candidatesTokenCount"u8, usage.OutputTokens);
        writer.WriteNumber("totalTokenCount"u8, prompt + usage.OutputTokens);
        if (usage.CacheReadInputTokens > 0)
        {
            writer.WriteNumber("cachedContentTokenCount"u8, usage.CacheReadInputTokens);
        }

        writer.WriteEndObject();
    }

    /// <summary>A text part; <paramref name="text"/> is a JSON string element, copied as its bytes.</summary>
    public static void WriteTextPart(Utf8JsonWriter writer, JsonElement text, string? signature)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("text"u8);
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(text), skipInputValidation: true);
        WriteSignature(writer, signature);
        writer.WriteEndObject();
    }

    /// <summary>A thought part: <c>{"text":…,"thought":true}</c>.</summary>
    public static void WriteThoughtPart(Utf8JsonWriter writer, JsonElement thought)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("text"u8);
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(thought), skipInputValidation: true);
        writer.WriteBoolean("thought"u8, true);
        writer.WriteEndObject();
    }

    /// <summary>A signature no part followed to carry it: an empty thought part of its own.</summary>
    public static void WriteSignaturePart(Utf8JsonWriter writer, string signature)
    {
        writer.WriteStartObject();
        writer.WriteString("text"u8, ""u8);
        writer.WriteBoolean("thought"u8, true);
        writer.WriteString("thoughtSignature"u8, signature);
        writer.WriteEndObject();
    }

    /// <summary>A <c>functionCall</c> part; <paramref name="args"/> is a JSON object (undefined for none), written compactly.</summary>
    public static void WriteFunctionCallPart(Utf8JsonWriter writer, string id, string name, JsonElement args, string? signature)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("functionCall"u8);
        writer.WriteString("id"u8, id);
        writer.WriteString("name"u8, name);
        writer.WritePropertyName("args"u8);
        if (args.ValueKind == JsonValueKind.Object)
        {
            args.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        WriteSignature(writer, signature);
        writer.WriteEndObject();
    }

    private static void WriteSignature(Utf8JsonWriter writer, string? signature)
    {
        if (signature is not null)
        {
            writer.WriteString("thoughtSignature"u8, signature);
        }
    }
}

/// <summary>
/// Thinking blocks waiting for the next part to carry their signature (see
/// <see cref="GeminiDoorThoughtSignature"/>): the signatures of a run of thinking blocks travel together
/// on the first text or function call after them.
/// </summary>
internal sealed class GeminiDoorPendingThinking
{
    private readonly List<GeminiDoorThinking> _blocks = [];

    public bool IsEmpty => _blocks.Count == 0;

    /// <summary>Adds a thinking block; one without a signature has nothing to carry back and is skipped.</summary>
    public void AddSigned(string thinking, string? signature)
    {
        if (!string.IsNullOrEmpty(signature))
        {
            _blocks.Add(GeminiDoorThinking.Signed(thinking, signature));
        }
    }

    public void AddRedacted(string data) => _blocks.Add(GeminiDoorThinking.Redacted(data));

    /// <summary>The packed signature of the waiting blocks, which then wait no more; null when none waits.</summary>
    public string? Take()
    {
        if (_blocks.Count == 0)
        {
            return null;
        }

        var signature = GeminiDoorThoughtSignature.Pack(_blocks);
        _blocks.Clear();
        return signature;
    }
}
