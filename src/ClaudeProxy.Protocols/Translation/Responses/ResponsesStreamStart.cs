using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// How the start of a Responses stream is judged before anything is committed to the client: which
/// event shows the answer has begun, and which is an error (the attempt then fails over instead).
/// </summary>
public static class ResponsesStreamStart
{
    /// <summary>
    /// True for an event with content — a text, refusal or reasoning delta, a function call announced, a
    /// finished item that holds something — and for the events that end the response; false for the
    /// announcements before any content (<c>response.created</c>, <c>response.in_progress</c>, an empty
    /// item or content part added, …). An event that is not JSON counts as an answer: the translator reports it.
    /// </summary>
    public static bool CarriesAnswer(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && Carries(root);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>
    /// The Anthropic error type and message of an <c>error</c> event or a <c>response.failed</c> (by the
    /// data's <c>type</c>, or the event name when the data has none); null for any other event.
    /// </summary>
    public static (string ErrorType, string Message)? ReadError(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data)
    {
        var namedError = eventName.SequenceEqual("error"u8) || eventName.SequenceEqual("response.failed"u8);
        if (!namedError && data.IndexOf("\"error\""u8) < 0 && data.IndexOf("response.failed"u8) < 0)
        {
            // The common case, decided without parsing.
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(data);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return namedError ? ResponsesErrorTranslator.FromStreamPayload(root) : null;
            }

            var isError = ResponsesOutputItem.String(root, "type"u8) switch
            {
                ResponsesEvents.Error or ResponsesEvents.Failed => true,
                null => namedError || (root.TryGetProperty("error"u8, out var error) && error.ValueKind is JsonValueKind.Object or JsonValueKind.String),
                _ => false,
            };
            return isError ? ResponsesErrorTranslator.FromStreamPayload(root) : null;
        }
        catch (JsonException)
        {
            return namedError ? (AnthropicErrorType.Api, TranslatedError.PlainText(data)) : null;
        }
    }

    private static bool Carries(JsonElement chunk)
    {
        switch (ResponsesOutputItem.String(chunk, "type"u8))
        {
            case ResponsesEvents.OutputTextDelta or ResponsesEvents.RefusalDelta or ResponsesEvents.ReasoningSummaryTextDelta
                or ResponsesEvents.ReasoningTextDelta or ResponsesEvents.FunctionCallArgumentsDelta:
                return ResponsesOutputItem.String(chunk, "delta"u8) is { Length: > 0 };
            case ResponsesEvents.OutputItemAdded:
                return ResponsesOutputItem.Type(ResponsesOutputItem.Of(chunk)) == "function_call";
            case ResponsesEvents.OutputItemDone:
                return HoldsContent(ResponsesOutputItem.Of(chunk));
            case ResponsesEvents.Completed or ResponsesEvents.Incomplete or ResponsesEvents.Failed or ResponsesEvents.Error:
                return true;
            default:
                return false;
        }
    }

    private static bool HoldsContent(JsonElement item) => ResponsesOutputItem.Type(item) switch
    {
        "function_call" => true,
        "reasoning" => ResponsesOutputItem.ReasoningText(item).Length > 0 || ResponsesOutputItem.EncryptedContent(item) is not null,
        "message" => ResponsesOutputItem.MessageParts(item, []).Count > 0,
        _ => false,
    };
}
