using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// One item of a Responses request's <c>input</c>. Items carry no <c>id</c>: with <c>store: false</c>
/// the upstream keeps nothing, and an id it cannot find is rejected ("Items are not persisted when
/// <c>store</c> is set to false").
/// </summary>
internal abstract class ResponsesInputItem
{
    /// <summary>True for what the user side says: its messages and the tools' answers.</summary>
    public abstract bool IsFromUser { get; }

    public abstract void Write(Utf8JsonWriter writer);
}

internal enum ResponsesInputRole
{
    User,
    Assistant,
}

/// <summary>A <c>message</c>: the user's <c>input_*</c> parts, or the assistant's <c>output_text</c>.</summary>
internal sealed class ResponsesInputMessage(ResponsesInputRole role) : ResponsesInputItem
{
    public ResponsesInputRole Role { get; } = role;

    public List<ResponsesInputPart> Parts { get; } = [];

    public override bool IsFromUser => Role == ResponsesInputRole.User;

    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, Role == ResponsesInputRole.User ? "user"u8 : "assistant"u8);
        writer.WriteStartArray("content"u8);
        foreach (var part in Parts)
        {
            part.Write(writer, Role);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>A call the model made earlier, under the client's tool-use id and the upstream's tool name.</summary>
internal sealed class ResponsesInputFunctionCall(string callId, string name, JsonElement input) : ResponsesInputItem
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public string CallId { get; } = callId;

    public string Name { get; } = name;

    public override bool IsFromUser => false;

    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "function_call"u8);
        writer.WriteString("call_id"u8, CallId);
        writer.WriteString("name"u8, Name);
        WriteArguments(writer);
        writer.WriteEndObject();
    }

    /// <summary>
    /// <c>arguments</c> is a string holding the input's JSON, written compact: models write their
    /// arguments that way, so the replayed call reads as the model wrote it.
    /// </summary>
    private void WriteArguments(Utf8JsonWriter writer)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            writer.WriteString("arguments"u8, "{}"u8);
            return;
        }

        using var compact = new PooledBufferWriter(AnthropicRequestJson.RawToken(input).Length);
        using (var inner = new Utf8JsonWriter(compact, CompactOptions))
        {
            input.WriteTo(inner);
        }

        writer.WriteString("arguments"u8, compact.WrittenSpan);
    }
}

/// <summary>
/// A client <c>tool_result</c> waiting to be paired with its call (see <see cref="ResponsesInputList"/>);
/// never written as it is.
/// </summary>
internal sealed class ResponsesInputToolResult(ToolResultContent result) : ResponsesInputItem
{
    public ToolResultContent Result { get; } = result;

    public override bool IsFromUser => true;

    public override void Write(Utf8JsonWriter writer) =>
        throw new InvalidOperationException("A tool result must be paired with its call before the request is written.");
}

/// <summary>
/// A <c>function_call_output</c>: the answer's text as one string, or, when the tool returned images,
/// a list of an <c>input_text</c> and the <c>input_image</c>s. A failed tool's text starts with
/// <c>Error: </c>, as on Chat Completions, since the output has no error flag.
/// </summary>
internal sealed class ResponsesInputFunctionOutput(string callId, ToolResultContent result) : ResponsesInputItem
{
    public override bool IsFromUser => true;

    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "function_call_output"u8);
        writer.WriteString("call_id"u8, callId);
        writer.WritePropertyName("output"u8);
        var prefix = result.IsError ? "Error: " : null;
        if (result.ImageSources.Count == 0)
        {
            JoinedText.Write(writer, result.Texts, "\\n"u8, prefix);
        }
        else
        {
            writer.WriteStartArray();
            if (result.Texts.Count > 0 || prefix is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("type"u8, "input_text"u8);
                writer.WritePropertyName("text"u8);
                JoinedText.Write(writer, result.Texts, "\\n"u8, prefix);
                writer.WriteEndObject();
            }

            foreach (var image in result.ImageSources)
            {
                ResponsesInputPart.Image(image).Write(writer, ResponsesInputRole.User);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// Earlier reasoning handed back whole (<c>encrypted_content</c>, unwrapped from its
/// <see cref="ResponsesReasoningEnvelope"/>), with the thinking text the client saw as its summary.
/// </summary>
internal sealed class ResponsesInputReasoning(JsonElement thinking, string encryptedContent) : ResponsesInputItem
{
    public override bool IsFromUser => false;

    public override void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "reasoning"u8);
        writer.WriteStartArray("summary"u8);
        if (AnthropicRequestJson.IsNonBlankText(thinking))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "summary_text"u8);
            writer.WritePropertyName("text"u8);
            writer.WriteRawValue(AnthropicRequestJson.RawToken(thinking), skipInputValidation: true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("encrypted_content"u8, encryptedContent);
        writer.WriteEndObject();
    }
}
