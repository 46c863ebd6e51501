using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Validation;

namespace ClaudeProxy.Protocols.Translation.OpenAIChat;

/// <summary>
/// Translates an Anthropic Messages request into an OpenAI Chat Completions request: system
/// prompt, turns, images and documents, tool calls and results, tools and tool choice, sampling,
/// limits and (when the channel opts in) reasoning controls. Anthropic-only fields
/// (<c>cache_control</c>, <c>context_management</c>, server tools, …) are dropped, never forwarded raw.
/// </summary>
public static class ChatRequestMapper
{
    private const int MaxStopSequences = 4;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static RequestMapping Map(ReadOnlyMemory<byte> anthropicRequest, ChatRequestOptions options)
    {
        using var document = AnthropicRequestJson.Parse(anthropicRequest);
        return Map(document.RootElement, anthropicRequest.Length, options);
    }

    /// <summary>Maps a request already parsed; <paramref name="sizeHint"/> is its length in bytes, the first guess at the mapped body's.</summary>
    public static RequestMapping Map(JsonElement root, int sizeHint, ChatRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MessageRequestValidator.Validate(root);
        var notes = new List<string>();
        var toolNames = ToolNameMap.ForOpenAI();
        var systemTexts = new List<ChatPart>();
        var messages = new ChatMessageList();
        CollectSystem(root, systemTexts);
        CollectMessages(root, options, toolNames, systemTexts, messages, notes);

        var stream = root.TryGetProperty("stream"u8, out var streamElement) && streamElement.ValueKind == JsonValueKind.True;
        var buffer = new PooledBufferWriter(sizeHint + 1024);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("model"u8, options.Model);
                WriteMessages(writer, systemTexts, messages.Tidy());
                WriteLimitsAndSampling(writer, root, options, notes);
                if (stream)
                {
                    writer.WriteBoolean("stream"u8, true);
                    writer.WriteStartObject("stream_options"u8);
                    writer.WriteBoolean("include_usage"u8, true);
                    writer.WriteEndObject();
                }

                WriteTools(writer, root, toolNames, notes);
                WriteReasoning(writer, root, options);
                WriteUser(writer, root, options);
                writer.WriteEndObject();
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        return new RequestMapping(buffer, toolNames, stream, notes);
    }

    private static void CollectSystem(JsonElement root, List<ChatPart> systemTexts)
    {
        if (root.TryGetProperty("system"u8, out var system))
        {
            AddTexts(system, systemTexts);
            systemTexts.RemoveAll(part => part.Literal is null && ClaudeCodeBillingLine.Is(part.Source));
        }
    }

    private static void CollectMessages(JsonElement root, ChatRequestOptions options, ToolNameMap toolNames, List<ChatPart> systemTexts, ChatMessageList messages, List<string> notes)
    {
        // System notes that came after an assistant turn (or before any turn) wait for the next user turn:
        // put in place they would split an assistant's tool calls from the tool messages answering them.
        List<ChatPart> pending = [];
        var afterUser = false;
        foreach (var turn in AnthropicRequestJson.Turns(root))
        {
            switch (turn.Role)
            {
                case AnthropicRole.User:
                    CollectUserTurn(turn.Content, pending, messages, notes);
                    pending = [];
                    afterUser = true;
                    break;
                case AnthropicRole.Assistant:
                    AddNotes(pending, messages);
                    pending = [];
                    CollectAssistantTurn(turn.Content, options, toolNames, messages, notes);
                    afterUser = false;
                    break;
                case AnthropicRole.System when options.SystemMessagesInPlace:
                    var system = new ChatMessage(ChatRole.System);
                    AddTexts(turn.Content, system.Parts);
                    messages.Add(system);
                    break;
                case AnthropicRole.System when options.FoldSystemMessages:
                    // For servers that reject a system message that is not first; the prompt's start then changes with every one.
                    AddTexts(turn.Content, systemTexts);
                    break;
                case AnthropicRole.System when SystemNote.Of(turn.Content) is { } note:
                    // After a user turn the note ends it (Tidy merges it in); otherwise it leads the next one.
                    if (afterUser)
                    {
                        AddNotes([ChatPart.Text(note)], messages);
                    }
                    else
                    {
                        pending.Add(ChatPart.Text(note));
                    }

                    break;
            }
        }

        AddNotes(pending, messages);
    }

    private static void AddNotes(List<ChatPart> notes, ChatMessageList messages)
    {
        if (notes.Count > 0)
        {
            var user = new ChatMessage(ChatRole.User);
            user.Parts.AddRange(notes);
            messages.Add(user);
        }
    }

    /// <summary>Adds a user turn's messages; <paramref name="leading"/> (system notes) open its user message, after the tool results.</summary>
    private static void CollectUserTurn(JsonElement content, List<ChatPart> leading, ChatMessageList messages, List<string> notes)
    {
        var user = new ChatMessage(ChatRole.User);
        user.Parts.AddRange(leading);
        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content, user.Parts);
            messages.Add(user);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            messages.Add(user);
            return;
        }

        // Tool results answer the previous assistant turn, so they come first, in order; images they
        // returned follow in a user message (the tool role cannot carry images on most servers).
        var toolImages = new ChatMessage(ChatRole.User);
        foreach (var block in content.EnumerateArray())
        {
            var type = AnthropicRequestJson.BlockType(block);
            switch (type)
            {
                case "text":
                    AddText(block.GetProperty("text"u8), user.Parts);
                    break;
                case "image":
                    AddImage(block, user.Parts);
                    break;
                case "document":
                    AddDocument(block, user.Parts);
                    break;
                case "tool_result":
                    messages.Add(ToolResult(block, toolImages.Parts));
                    break;
                case "search_result":
                    AddTexts(block.TryGetProperty("content"u8, out var searchContent) ? searchContent : default, user.Parts);
                    break;
                default:
                    notes.Add($"Dropped a user content block of type '{type}': Chat Completions has no place for it.");
                    break;
            }
        }

        messages.Add(toolImages);
        messages.Add(user);
    }

    /// <summary>
    /// One tool message. Its flattening differs from <see cref="ToolResultContent"/>: a document stays
    /// a placeholder even when it has text, and blank texts of a search result are dropped.
    /// </summary>
    private static ChatMessage ToolResult(JsonElement block, List<ChatPart> images)
    {
        var id = block.TryGetProperty("tool_use_id"u8, out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? ToolUseIds.Sanitize(idElement.GetString())
            : throw new TranslationException("tool_result.tool_use_id: Field required.");
        var isError = block.TryGetProperty("is_error"u8, out var error) && error.ValueKind == JsonValueKind.True;
        var tool = new ChatMessage(ChatRole.Tool) { ToolCallId = id, IsError = isError };
        var texts = tool.Parts;
        if (block.TryGetProperty("content"u8, out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                texts.Add(ChatPart.Text(content));
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    switch (AnthropicRequestJson.BlockType(part))
                    {
                        case "text":
                            texts.Add(ChatPart.Text(part.GetProperty("text"u8)));
                            break;
                        case "image":
                            AddImage(part, images);
                            break;
                        case "document":
                            texts.Add(ChatPart.Text(AnthropicDocument.Placeholder(part)));
                            break;
                        case "search_result":
                            AddTexts(part.TryGetProperty("content"u8, out var searchContent) ? searchContent : default, texts);
                            break;
                    }
                }
            }
        }

        return tool;
    }

    private static void CollectAssistantTurn(JsonElement content, ChatRequestOptions options, ToolNameMap toolNames, ChatMessageList messages, List<string> notes)
    {
        var assistant = new ChatMessage(ChatRole.Assistant);
        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content, assistant.Parts);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                var type = AnthropicRequestJson.BlockType(block);
                switch (type)
                {
                    case "text":
                        AddText(block.GetProperty("text"u8), assistant.Parts);
                        break;
                    case "tool_use":
                        var name = block.TryGetProperty("name"u8, out var nameElement) ? nameElement.GetString() ?? "" : "";
                        var id = ToolUseIds.Sanitize(block.TryGetProperty("id"u8, out var idElement) ? idElement.GetString() : null);
                        var input = block.TryGetProperty("input"u8, out var inputElement) ? inputElement : default;
                        assistant.ToolCalls.Add(new ChatToolCall(id, toolNames.ToUpstream(name), input));
                        break;
                    case "thinking":
                        if (options.Reasoning == ReasoningStyle.DeepSeekThinking && block.TryGetProperty("thinking"u8, out var thinking) && thinking.ValueKind == JsonValueKind.String)
                        {
                            assistant.Reasoning.Add(thinking);
                        }

                        break;
                    case "redacted_thinking":
                        break;
                    default:
                        notes.Add($"Dropped an assistant content block of type '{type}': Chat Completions has no place for it.");
                        break;
                }
            }
        }

        messages.Add(assistant);
    }

    private static void WriteMessages(Utf8JsonWriter writer, List<ChatPart> systemTexts, List<ChatMessage> messages)
    {
        writer.WriteStartArray("messages"u8);
        if (systemTexts.Count > 0)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, "system"u8);
            writer.WritePropertyName("content"u8);
            JoinedText.Write(writer, systemTexts, "\\n\\n"u8);
            writer.WriteEndObject();
        }

        foreach (var message in messages)
        {
            writer.WriteStartObject();
            switch (message.Role)
            {
                case ChatRole.System:
                    writer.WriteString("role"u8, "system"u8);
                    writer.WritePropertyName("content"u8);
                    JoinedText.Write(writer, message.Parts, "\\n\\n"u8);
                    break;
                case ChatRole.User:
                    writer.WriteString("role"u8, "user"u8);
                    WriteContent(writer, message);
                    break;
                case ChatRole.Tool:
                    writer.WriteString("role"u8, "tool"u8);
                    writer.WriteString("tool_call_id"u8, message.ToolCallId);
                    writer.WritePropertyName("content"u8);
                    JoinedText.Write(writer, message.Parts, "\\n"u8, message.IsError ? "Error: " : null);
                    break;
                case ChatRole.Assistant:
                    writer.WriteString("role"u8, "assistant"u8);
                    WriteAssistant(writer, message);
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteContent(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WritePropertyName("content"u8);
        if (message.HasOnlyText)
        {
            // Plain strings: many compatible servers accept nothing else.
            JoinedText.Write(writer, message.Parts, "\\n"u8);
            return;
        }

        writer.WriteStartArray();
        foreach (var part in message.Parts)
        {
            writer.WriteStartObject();
            switch (part.Kind)
            {
                case ChatPartKind.Text:
                    writer.WriteString("type"u8, "text"u8);
                    writer.WritePropertyName("text"u8);
                    JoinedText.Write(writer, [part], ""u8);
                    break;
                case ChatPartKind.ImageUrl:
                    writer.WriteString("type"u8, "image_url"u8);
                    writer.WriteStartObject("image_url"u8);
                    writer.WritePropertyName("url"u8);
                    SourceUrl.Write(writer, part.Source);
                    writer.WriteEndObject();
                    break;
                case ChatPartKind.File:
                    writer.WriteString("type"u8, "file"u8);
                    writer.WriteStartObject("file"u8);
                    writer.WriteString("filename"u8, part.FileName ?? "document.pdf");
                    writer.WritePropertyName("file_data"u8);
                    SourceUrl.Write(writer, part.Source);
                    writer.WriteEndObject();
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteAssistant(Utf8JsonWriter writer, ChatMessage message)
    {
        writer.WritePropertyName("content"u8);
        var texts = message.Parts.Where(p => p.Kind == ChatPartKind.Text).ToList();
        if (texts.Count == 0)
        {
            // null, not "": servers reject an empty assistant content next to tool calls.
            writer.WriteNullValue();
        }
        else
        {
            JoinedText.Write(writer, texts, "\\n"u8);
        }

        if (message.Reasoning.Count > 0)
        {
            writer.WritePropertyName("reasoning_content"u8);
            JoinedText.Write(writer, [.. message.Reasoning.Select(ChatPart.Text)], "\\n"u8);
        }

        if (message.ToolCalls.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tool_calls"u8);
        foreach (var call in message.ToolCalls)
        {
            writer.WriteStartObject();
            writer.WriteString("id"u8, call.Id);
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, call.Name);
            // arguments is a string holding the input's JSON text.
            if (call.Input.ValueKind == JsonValueKind.Object)
            {
                writer.WriteString("arguments"u8, JsonMarshal.GetRawUtf8Value(call.Input));
            }
            else
            {
                writer.WriteString("arguments"u8, "{}"u8);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteLimitsAndSampling(Utf8JsonWriter writer, JsonElement root, ChatRequestOptions options, List<string> notes)
    {
        if (MaxTokens.Read(root, options.MaxTokensCap, notes) is { } maxTokens)
        {
            writer.WriteNumber(options.UseMaxCompletionTokens ? "max_completion_tokens"u8 : "max_tokens"u8, maxTokens);
        }

        SamplingSettings.Write(writer, root, options.Reasoning, notes);
        if (root.TryGetProperty("stop_sequences"u8, out var stops) && stops.ValueKind == JsonValueKind.Array && stops.GetArrayLength() > 0)
        {
            // gpt-5 and the o-series answer 400 to any stop parameter.
            if (options.Reasoning == ReasoningStyle.OpenAIEffort)
            {
                notes.Add("stop_sequences dropped: reasoning models take no stop parameter.");
                return;
            }

            var count = stops.GetArrayLength();
            if (count > MaxStopSequences)
            {
                notes.Add($"stop_sequences: kept the first {MaxStopSequences} of {count}; Chat Completions takes no more.");
            }

            writer.WriteStartArray("stop"u8);
            foreach (var stop in stops.EnumerateArray().Take(MaxStopSequences))
            {
                stop.WriteTo(writer);
            }

            writer.WriteEndArray();
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, JsonElement root, ToolNameMap toolNames, List<string> notes)
    {
        var written = 0;
        foreach (var (name, tool) in AnthropicRequestJson.CustomTools(root, notes, "an OpenAI-compatible upstream"))
        {
            if (written++ == 0)
            {
                writer.WriteStartArray("tools"u8);
            }

            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, toolNames.ToUpstream(name));
            if (tool.TryGetProperty("description"u8, out var description) && description.ValueKind == JsonValueKind.String)
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(description), skipInputValidation: true);
            }

            writer.WritePropertyName("parameters"u8);
            if (tool.TryGetProperty("input_schema"u8, out var schema) && schema.ValueKind == JsonValueKind.Object)
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(schema), skipInputValidation: true);
            }
            else
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (written == 0)
        {
            // No tools: tool_choice and parallel_tool_calls would be rejected.
            return;
        }

        writer.WriteEndArray();
        if (!root.TryGetProperty("tool_choice"u8, out var choice) || choice.ValueKind != JsonValueKind.Object
            || !choice.TryGetProperty("type"u8, out var choiceType))
        {
            return;
        }

        writer.WritePropertyName("tool_choice"u8);
        if (choiceType.ValueEquals("any"u8))
        {
            writer.WriteStringValue("required"u8);
        }
        else if (choiceType.ValueEquals("none"u8))
        {
            writer.WriteStringValue("none"u8);
        }
        else if (choiceType.ValueEquals("tool"u8) && choice.TryGetProperty("name"u8, out var forced) && forced.GetString() is { } forcedName)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, toolNames.ToUpstream(forcedName));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue("auto"u8);
        }

        if (choice.TryGetProperty("disable_parallel_tool_use"u8, out var disableParallel) && disableParallel.ValueKind == JsonValueKind.True)
        {
            writer.WriteBoolean("parallel_tool_calls"u8, false);
        }
    }

    private static void WriteReasoning(Utf8JsonWriter writer, JsonElement root, ChatRequestOptions options)
    {
        var reasoning = ReasoningEffort.From(root);
        switch (options.Reasoning)
        {
            case ReasoningStyle.OpenAIEffort when reasoning.Requested:
                writer.WriteString("reasoning_effort"u8, reasoning.Level);
                break;
            case ReasoningStyle.DeepSeekThinking when reasoning.Requested || reasoning.ExplicitlyDisabled:
                writer.WriteStartObject("thinking"u8);
                // thinking {type:"disabled"} wins over an output_config.effort hint sent next to it.
                writer.WriteString("type"u8, reasoning.ExplicitlyDisabled ? "disabled"u8 : "enabled"u8);
                writer.WriteEndObject();
                break;
        }
    }

    private static void WriteUser(Utf8JsonWriter writer, JsonElement root, ChatRequestOptions options)
    {
        if (options.ForwardUserId && UserIdHash.From(root) is { } hash)
        {
            writer.WriteString("user"u8, hash);
        }
    }

    private static void AddTexts(JsonElement content, List<ChatPart> into)
    {
        foreach (var text in AnthropicRequestJson.Texts(content))
        {
            AddText(text, into);
        }
    }

    private static void AddText(JsonElement text, List<ChatPart> into)
    {
        // Empty or blank text is rejected by some upstreams and says nothing to any.
        if (AnthropicRequestJson.IsNonBlankText(text))
        {
            into.Add(ChatPart.Text(text));
        }
    }

    private static void AddImage(JsonElement block, List<ChatPart> into)
    {
        if (block.TryGetProperty("source"u8, out var source) && source.ValueKind == JsonValueKind.Object)
        {
            into.Add(new ChatPart(ChatPartKind.ImageUrl, source));
        }
    }

    /// <summary>A base64 PDF goes as a file; text and content sources as their text; anything else (a URL too) as a placeholder.</summary>
    private static void AddDocument(JsonElement block, List<ChatPart> into)
    {
        if (!AnthropicDocument.TryGetSource(block, out var source, out var sourceType))
        {
            return;
        }

        switch (sourceType)
        {
            case "base64":
                into.Add(new ChatPart(ChatPartKind.File, source, FileName: AnthropicDocument.PdfFileName(block)));
                break;
            case "text" when source.TryGetProperty("data"u8, out _):
            case "content" when source.TryGetProperty("content"u8, out _):
                foreach (var text in AnthropicDocument.Texts(source))
                {
                    AddText(text, into);
                }

                break;
            default:
                into.Add(ChatPart.Text(AnthropicDocument.Placeholder(block)));
                break;
        }
    }
}
