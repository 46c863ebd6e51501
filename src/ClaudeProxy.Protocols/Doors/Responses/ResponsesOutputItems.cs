using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// An item of a response's <c>output</c>, built up from the hub's content blocks. The answer's two
/// translators share these, so a streamed answer's items are written exactly as a whole one's are.
/// </summary>
internal abstract class ResponsesOutputItem(string id)
{
    public string Id { get; } = id;

    /// <summary>Writes the item as the next value: as it stands when first announced, or finished.</summary>
    public abstract void Write(Utf8JsonWriter writer, bool done);

    /// <summary>Writes the finished items as a JSON array.</summary>
    public static void WriteList(Utf8JsonWriter writer, IEnumerable<ResponsesOutputItem> items)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            item.Write(writer, done: true);
        }

        writer.WriteEndArray();
    }

    protected static void WriteStatus(Utf8JsonWriter writer, bool done) =>
        writer.WriteString("status"u8, done ? "completed"u8 : "in_progress"u8);
}

/// <summary>An assistant <c>message</c> with one <c>output_text</c> part: consecutive text blocks, joined.</summary>
internal sealed class ResponsesMessageItem(string id) : ResponsesOutputItem(id)
{
    private readonly StringBuilder _text = new();
    private string? _final;

    /// <summary>The text so far; reading it ends the appending.</summary>
    public string Text => _final ??= _text.ToString();

    public void Append(string text) => _text.Append(text);

    public override void Write(Utf8JsonWriter writer, bool done)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WriteString("type"u8, "message"u8);
        WriteStatus(writer, done);
        writer.WriteString("role"u8, "assistant"u8);
        writer.WriteStartArray("content"u8);
        if (done)
        {
            WritePart(writer, Text);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes an <c>output_text</c> part holding <paramref name="text"/> as the next value.</summary>
    public static void WritePart(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "output_text"u8);
        writer.WriteStartArray("annotations"u8);
        writer.WriteEndArray();
        writer.WriteStartArray("logprobs"u8);
        writer.WriteEndArray();
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
    }
}

/// <summary>
/// A <c>reasoning</c> item: a thinking block, its text as the one summary part (none when the text is
/// empty) and the block itself packed into <c>encrypted_content</c>; or a redacted thinking block,
/// with no summary. A thinking block that came without a signature is packed with an empty one.
/// </summary>
internal sealed class ResponsesReasoningItem(string id, string? redactedData) : ResponsesOutputItem(id)
{
    private readonly StringBuilder _thinking = new();
    private string? _final;

    public string? RedactedData { get; } = redactedData;

    /// <summary>The thinking so far; reading it ends the appending.</summary>
    public string Thinking => _final ??= _thinking.ToString();

    public bool HasThinking => _thinking.Length > 0;

    public string? Signature { get; set; }

    public void Append(string thinking) => _thinking.Append(thinking);

    public override void Write(Utf8JsonWriter writer, bool done)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WriteString("type"u8, "reasoning"u8);
        writer.WriteStartArray("summary"u8);
        if (done && RedactedData is null && HasThinking)
        {
            WriteSummaryPart(writer, Thinking);
        }

        writer.WriteEndArray();
        if (done)
        {
            writer.WriteString("encrypted_content"u8, RedactedData is null
                ? ResponsesReasoning.Pack(Thinking, Signature ?? "")
                : ResponsesReasoning.PackRedacted(RedactedData));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>summary_text</c> part holding <paramref name="text"/> as the next value.</summary>
    public static void WriteSummaryPart(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "summary_text"u8);
        writer.WriteString("text"u8, text);
        writer.WriteEndObject();
    }
}

/// <summary>
/// A <c>function_call</c>: a <c>tool_use</c> of a function tool, its input as the JSON text of
/// <c>arguments</c>. <see cref="StartInput"/> is the input the block began with, for upstreams that send
/// it whole there rather than in deltas.
/// </summary>
internal sealed class ResponsesFunctionCallItem(string id, string callId, string name, string? startInput) : ResponsesOutputItem(id)
{
    private readonly StringBuilder _arguments = new();
    private string? _final;

    public string CallId { get; } = callId;

    public string Name { get; } = name;

    public string? StartInput { get; } = startInput;

    public bool HasArguments => _arguments.Length > 0;

    /// <summary>The arguments so far; reading it ends the appending.</summary>
    public string Arguments => _final ??= _arguments.ToString();

    public void Append(string partialJson) => _arguments.Append(partialJson);

    public override void Write(Utf8JsonWriter writer, bool done)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WriteString("type"u8, "function_call"u8);
        WriteStatus(writer, done);
        writer.WriteString("arguments"u8, done ? Arguments : "");
        writer.WriteString("call_id"u8, CallId);
        writer.WriteString("name"u8, Name);
        writer.WriteEndObject();
    }
}

/// <summary>
/// A <c>custom_tool_call</c>: a <c>tool_use</c> of a custom (freeform) tool, whose <c>input</c> is the
/// hub call's <c>input</c> string (see <see cref="ResponsesToolInput.CustomInput(string)"/>). Its input is
/// known only once the block has ended.
/// </summary>
internal sealed class ResponsesCustomToolCallItem(string id, string callId, string name, string? startInput) : ResponsesOutputItem(id)
{
    private readonly StringBuilder _json = new();

    public string CallId { get; } = callId;

    public string Name { get; } = name;

    /// <summary>The custom input, once <see cref="Finish"/> has read it.</summary>
    public string Input { get; private set; } = "";

    public void Append(string partialJson) => _json.Append(partialJson);

    /// <summary>Reads the input from the deltas, else the input the block began with.</summary>
    public void Finish() =>
        Input = ResponsesToolInput.CustomInput(_json.Length > 0 ? _json.ToString() : startInput ?? "{}");

    public override void Write(Utf8JsonWriter writer, bool done)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WriteString("type"u8, "custom_tool_call"u8);
        WriteStatus(writer, done);
        writer.WriteString("call_id"u8, CallId);
        writer.WriteString("name"u8, Name);
        writer.WriteString("input"u8, done ? Input : "");
        writer.WriteEndObject();
    }
}
