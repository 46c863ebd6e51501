using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.HubJson;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// Translates a non-streaming Anthropic message into a Responses <c>response</c> object. Its content
/// blocks become output items in order: a run of text blocks one <c>message</c> with one
/// <c>output_text</c> part (their texts joined, as Anthropic's clients show them; empty texts are left
/// out), each thinking or redacted thinking block a <c>reasoning</c> item carrying the block in
/// <c>encrypted_content</c>, each <c>tool_use</c> a <c>function_call</c>, or a <c>custom_tool_call</c>
/// for the client's custom tools. Server tool blocks have no Responses form here and are left out
/// (without ending a run of text). The stop reason gives the status (see <see cref="ResponsesObject.Status"/>).
/// </summary>
public static class ResponsesResponseTranslator
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The response object and its output items; throws <see cref="JsonException"/> when
    /// <paramref name="anthropicMessage"/> is not a JSON object or holds text that is not Unicode.
    /// </summary>
    /// <param name="anthropicMessage">A complete Anthropic Messages response.</param>
    /// <param name="answer">What the answer carries over from the request.</param>
    /// <param name="responseId">The response's id (<see cref="ResponsesIds.NewResponseId"/>).</param>
    /// <param name="model">The model to report when the message names none.</param>
    /// <param name="createdAtUnixSeconds">The response's <c>created_at</c>.</param>
    public static ResponsesAnswer Translate(ReadOnlySpan<byte> anthropicMessage, ResponsesAnswerContext answer, string responseId, string model, long createdAtUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(responseId);
        ArgumentNullException.ThrowIfNull(model);
        using var document = JsonDocument.Parse(anthropicMessage.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The Messages response is not a JSON object.");
        }

        List<ResponsesOutputItem> items;
        string? messageModel;
        string? stopReason;
        try
        {
            items = Items(root, answer, responseId);
            messageModel = StringOf(root, "model"u8);
            stopReason = StringOf(root, "stop_reason"u8);
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException("The Messages response holds text that is not Unicode.", ex);
        }

        AnthropicUsageReader.TryReadMessage(anthropicMessage, out var usage);
        var outputItems = Json(writer => ResponsesOutputItem.WriteList(writer, items));
        var head = new ResponsesHead(responseId, createdAtUnixSeconds, string.IsNullOrEmpty(messageModel) ? model : messageModel, ResponsesEcho.From(answer.Echo));
        var (status, incompleteReason) = ResponsesObject.Status(stopReason);
        var body = Json(writer => ResponsesObject.Write(writer, head, status, incompleteReason, error: null, outputItems, usage));
        return new ResponsesAnswer(body, outputItems);
    }

    private static List<ResponsesOutputItem> Items(JsonElement root, ResponsesAnswerContext answer, string responseId)
    {
        var items = new List<ResponsesOutputItem>();
        if (!root.TryGetProperty("content"u8, out var content) || content.ValueKind != JsonValueKind.Array)
        {
            return items;
        }

        ResponsesMessageItem? message = null;
        foreach (var block in content.EnumerateArray())
        {
            var index = items.Count;
            switch (AnthropicRequestJson.BlockType(block))
            {
                case "text" when StringOf(block, "text"u8) is { Length: > 0 } text:
                    if (message is null)
                    {
                        message = new ResponsesMessageItem(ResponsesIds.ItemId("msg", responseId, index));
                        items.Add(message);
                    }

                    message.Append(text);
                    break;
                case "thinking":
                    var reasoning = new ResponsesReasoningItem(ResponsesIds.ItemId("rs", responseId, index), redactedData: null)
                    {
                        Signature = StringOf(block, "signature"u8),
                    };
                    reasoning.Append(StringOf(block, "thinking"u8) ?? "");
                    items.Add(reasoning);
                    message = null;
                    break;
                case "redacted_thinking":
                    items.Add(new ResponsesReasoningItem(ResponsesIds.ItemId("rs", responseId, index), StringOf(block, "data"u8) ?? ""));
                    message = null;
                    break;
                case "tool_use":
                    items.Add(ToolCall(block, answer, responseId, index));
                    message = null;
                    break;
            }
        }

        return items;
    }

    private static ResponsesOutputItem ToolCall(JsonElement block, ResponsesAnswerContext answer, string responseId, int index)
    {
        var callId = StringOf(block, "id"u8) ?? "";
        var name = StringOf(block, "name"u8) ?? "";
        var input = block.TryGetProperty("input"u8, out var value) && value.ValueKind == JsonValueKind.Object ? ResponsesToolInput.Compact(value) : "{}";
        if (answer.CustomTools.Contains(name))
        {
            var custom = new ResponsesCustomToolCallItem(ResponsesIds.ItemId("ctc", responseId, index), callId, name, input);
            custom.Finish();
            return custom;
        }

        var call = new ResponsesFunctionCallItem(ResponsesIds.ItemId("fc", responseId, index), callId, name, input);
        call.Append(input);
        return call;
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
