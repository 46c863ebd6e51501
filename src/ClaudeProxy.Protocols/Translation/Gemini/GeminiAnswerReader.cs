using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// Reads <c>GenerateContentResponse</c>s — one whole answer, or the chunks of a stream in order — and
/// turns their parts into Anthropic content blocks with contiguous indices:
/// thought parts into a thinking block, text into a text block (consecutive parts of a kind merge),
/// each <c>functionCall</c> into a complete <c>tool_use</c> block with a fresh id. A thought signature
/// is remembered by the id of the call it came on, and put on the thinking block just before that
/// call as an envelope. Finish reason, usage and a blocked prompt are kept for the end.
/// </summary>
internal sealed class GeminiAnswerReader(IAnthropicContentSink sink, GeminiResponseContext context)
{
    private readonly HashSet<string> _droppedKinds = new(StringComparer.Ordinal);
    private BlockKind _open;
    private int _openIndex;
    private int _nextIndex;

    private enum BlockKind
    {
        None,
        Thinking,
        Text,
    }

    public bool EmittedThinking { get; private set; }

    public bool EmittedText { get; private set; }

    public bool EmittedToolUse { get; private set; }

    public string? FinishReason { get; private set; }

    /// <summary>The last usage read; a stream that reads a chunk without a document sets it here.</summary>
    public AnthropicUsage? Usage { get; set; }

    public bool PromptBlocked { get; private set; }

    public string StopReason => GeminiFinishReason.ToStopReason(FinishReason, EmittedToolUse, PromptBlocked);

    public void Read(JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (response.TryGetProperty("usageMetadata"u8, out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            // Repeated on every chunk: the last one counts.
            Usage = GeminiUsage.From(usage);
        }

        if (response.TryGetProperty("promptFeedback"u8, out var feedback) && feedback.ValueKind == JsonValueKind.Object
            && feedback.TryGetProperty("blockReason"u8, out var blockReason) && blockReason.ValueKind == JsonValueKind.String && !PromptBlocked)
        {
            PromptBlocked = true;
            var detail = feedback.TryGetProperty("blockReasonMessage"u8, out var message) && message.ValueKind == JsonValueKind.String ? $": {message.GetString()}" : "";
            context.Notes.Add($"Gemini blocked the prompt ({blockReason.GetString()}{detail}); answered with a refusal.");
        }

        if (!response.TryGetProperty("candidates"u8, out var candidates) || candidates.ValueKind != JsonValueKind.Array || candidates.GetArrayLength() == 0)
        {
            return;
        }

        var candidate = candidates[0];
        if (candidate.TryGetProperty("content"u8, out var content) && content.ValueKind == JsonValueKind.Object
            && content.TryGetProperty("parts"u8, out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                ReadPart(part);
            }
        }

        if (candidate.TryGetProperty("finishReason"u8, out var finish) && finish.ValueKind == JsonValueKind.String)
        {
            FinishReason = finish.GetString();
            if (GeminiFinishReason.IsFailedToolCall(FinishReason))
            {
                var detail = candidate.TryGetProperty("finishMessage"u8, out var message) && message.ValueKind == JsonValueKind.String ? $": {message.GetString()!.TrimEnd('.')}" : "";
                context.Notes.Add($"Gemini ended the turn with {FinishReason}{detail}.");
            }
        }
    }

    /// <summary>Closes the open block; call once the answer is complete.</summary>
    public void Close()
    {
        if (_open != BlockKind.None)
        {
            sink.BlockStop(_openIndex);
            _open = BlockKind.None;
        }
    }

    private void ReadPart(JsonElement part)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var signature = part.TryGetProperty("thoughtSignature"u8, out var signatureElement) && signatureElement.ValueKind == JsonValueKind.String
            ? signatureElement.GetString()
            : null;
        if (part.TryGetProperty("functionCall"u8, out var call) && call.ValueKind == JsonValueKind.Object)
        {
            OnFunctionCall(call, signature);
        }
        else if (part.TryGetProperty("text"u8, out var text) && text.ValueKind == JsonValueKind.String)
        {
            var value = text.GetString()!;
            if (value.Length == 0)
            {
                // A signature on an empty part belongs to no block.
                return;
            }

            if (part.TryGetProperty("thought"u8, out var thought) && thought.ValueKind == JsonValueKind.True)
            {
                OnThought(value);
            }
            else
            {
                OnText(value, signature);
            }
        }
        else
        {
            var kind = part.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "thoughtSignature") ?? "empty";
            if (_droppedKinds.Add(kind))
            {
                context.Notes.Add($"Dropped a Gemini part of kind '{kind}': the Anthropic format has no block for it.");
            }
        }
    }

    private void OnThought(string thought)
    {
        if (_open != BlockKind.Thinking)
        {
            Close();
            Open(BlockKind.Thinking);
            sink.ThinkingStart(_openIndex);
            EmittedThinking = true;
        }

        sink.ThinkingDelta(_openIndex, thought);
    }

    /// <summary>
    /// Opens a text block unless one is open, and returns its index: where a plain text part's text
    /// goes, whether it reaches the sink as a string or is written by the caller from the chunk's bytes.
    /// </summary>
    public int OpenText(string? signature)
    {
        if (_open != BlockKind.Text)
        {
            SealThinking(signature);
            Close();
            Open(BlockKind.Text);
            sink.TextStart(_openIndex);
            EmittedText = true;
        }

        return _openIndex;
    }

    private void OnText(string text, string? signature) => sink.TextDelta(OpenText(signature), text);

    private void OnFunctionCall(JsonElement call, string? signature)
    {
        var name = call.TryGetProperty("name"u8, out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString() : null;
        if (string.IsNullOrEmpty(name))
        {
            context.Notes.Add("Dropped a function call without a name.");
            return;
        }

        // Gemini gives no ids (or ids unique only within one answer): mint one unique across the conversation.
        var id = ToolUseIds.NewId();
        if (signature is not null)
        {
            context.Signatures?.Remember(id, signature);
        }

        SealThinking(signature);
        Close();
        call.TryGetProperty("args"u8, out var args);
        if (args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            context.Notes.Add($"Function call '{name}' had args that are not a JSON object; sent {{}} instead.");
            args = default;
        }

        var index = _nextIndex++;
        sink.ToolUse(index, id, context.ToolNames.ToOriginal(name), args.ValueKind == JsonValueKind.Object ? args : default);
        sink.BlockStop(index);
        EmittedToolUse = true;
    }

    /// <summary>The part that ends a thinking block carries the signature of that reasoning: it goes on the block, just before its stop.</summary>
    private void SealThinking(string? signature)
    {
        if (_open == BlockKind.Thinking && signature is not null)
        {
            sink.SignatureDelta(_openIndex, ThoughtSignatureEnvelope.Wrap(signature));
        }
    }

    private void Open(BlockKind kind)
    {
        _open = kind;
        _openIndex = _nextIndex++;
    }
}

/// <summary>Where <see cref="GeminiAnswerReader"/> puts the blocks it reads: events for a stream, a content list for one message.</summary>
internal interface IAnthropicContentSink
{
    void ThinkingStart(int index);

    void ThinkingDelta(int index, string thinking);

    void SignatureDelta(int index, string signature);

    void TextStart(int index);

    void TextDelta(int index, string text);

    /// <summary>A complete tool use; <paramref name="input"/> is a JSON object, or undefined for <c>{}</c>. Its stop follows.</summary>
    void ToolUse(int index, string id, string name, JsonElement input);

    void BlockStop(int index);
}
