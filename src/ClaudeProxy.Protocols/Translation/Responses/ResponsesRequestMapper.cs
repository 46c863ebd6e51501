using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Validation;

namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>
/// Translates an Anthropic Messages request into an OpenAI Responses request (<c>POST /v1/responses</c>):
/// the system prompt into <c>instructions</c>; turns, images, documents, tool calls and results, and
/// earlier Responses reasoning into <c>input</c> items; tools and tool choice; limits and sampling;
/// and, when the channel opts in, reasoning controls. The request is always <c>store: false</c>: the
/// gateway keeps no state, and the client sends the whole history every turn. Anthropic-only fields
/// (<c>cache_control</c>, <c>context_management</c>, server tools, …) are dropped, never forwarded raw.
/// </summary>
public static class ResponsesRequestMapper
{
    /// <summary>The API rejects a <c>max_output_tokens</c> below this; clients probe with <c>max_tokens: 1</c>.</summary>
    private const int MinOutputTokens = 16;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static RequestMapping Map(ReadOnlyMemory<byte> anthropicRequest, ResponsesRequestOptions options)
    {
        using var document = AnthropicRequestJson.Parse(anthropicRequest);
        return Map(document.RootElement, anthropicRequest.Length, options);
    }

    /// <summary>Maps a request already parsed; <paramref name="sizeHint"/> is its length in bytes, the first guess at the mapped body's.</summary>
    public static RequestMapping Map(JsonElement root, int sizeHint, ResponsesRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MessageRequestValidator.Validate(root);
        var notes = new List<string>();
        var toolNames = ToolNameMap.ForOpenAI();
        var instructions = new List<TextPiece>();
        if (root.TryGetProperty("system"u8, out var system))
        {
            AddInstructions(system, instructions);
        }

        var input = new ResponsesInputList();
        var reasoning = new ResponsesReasoningReplay(options, notes);
        foreach (var turn in AnthropicRequestJson.Turns(root))
        {
            switch (turn.Role)
            {
                case AnthropicRole.User:
                    CollectUserTurn(turn.Content, input, notes);
                    break;
                case AnthropicRole.Assistant:
                    CollectAssistantTurn(turn.Content, toolNames, reasoning, input, notes);
                    break;
                case AnthropicRole.System when options.FoldSystemMessages:
                    // For upstreams that must see it as the system's; the instructions then change with every one.
                    AddInstructions(turn.Content, instructions);
                    break;
                case AnthropicRole.System when SystemNote.Of(turn.Content) is { } note:
                    // In place as user text: tidying merges it into the adjacent user message, after the tools' answers.
                    var user = new ResponsesInputMessage(ResponsesInputRole.User);
                    user.Parts.Add(ResponsesInputPart.Text(note));
                    input.Add(user);
                    break;
            }
        }

        var items = input.Tidy(notes);
        var stream = root.TryGetProperty("stream"u8, out var streamElement) && streamElement.ValueKind == JsonValueKind.True;
        var buffer = new PooledBufferWriter(sizeHint + 1024);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("model"u8, options.Model);
                if (instructions.Count > 0)
                {
                    writer.WritePropertyName("instructions"u8);
                    JoinedText.Write(writer, instructions, "\\n\\n"u8);
                }

                writer.WriteStartArray("input"u8);
                foreach (var item in items)
                {
                    item.Write(writer);
                }

                writer.WriteEndArray();
                ResponsesFunctionTools.Write(writer, root, toolNames, notes);
                WriteLimitsAndSampling(writer, root, options, notes);
                WriteReasoning(writer, root, options);
                writer.WriteBoolean("store"u8, false);
                if (stream)
                {
                    writer.WriteBoolean("stream"u8, true);
                }

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

    /// <summary>Adds a user turn: its tool results as items of their own, then one message with the rest, in order.</summary>
    private static void CollectUserTurn(JsonElement content, ResponsesInputList input, List<string> notes)
    {
        var user = new ResponsesInputMessage(ResponsesInputRole.User);
        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content, user.Parts);
        }
        else if (content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                var type = AnthropicRequestJson.BlockType(block);
                switch (type)
                {
                    case "text":
                        AddText(block.GetProperty("text"u8), user.Parts);
                        break;
                    case "image" when block.TryGetProperty("source"u8, out var source) && source.ValueKind == JsonValueKind.Object:
                        user.Parts.Add(ResponsesInputPart.Image(source));
                        break;
                    case "document":
                        AddDocument(block, user.Parts);
                        break;
                    case "tool_result":
                        input.Add(new ResponsesInputToolResult(ToolResultContent.Read(block)));
                        break;
                    case "search_result" when block.TryGetProperty("content"u8, out var searchContent):
                        AddTexts(searchContent, user.Parts);
                        break;
                    default:
                        notes.Add($"Dropped a user content block of type '{type}': the Responses API has no place for it.");
                        break;
                }
            }
        }

        input.Add(user);
    }

    /// <summary>Adds an assistant turn's items in the order of its blocks: text as messages, calls, replayed reasoning.</summary>
    private static void CollectAssistantTurn(JsonElement content, ToolNameMap toolNames, ResponsesReasoningReplay reasoning, ResponsesInputList input, List<string> notes)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            input.Add(AssistantText(content));
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var block in content.EnumerateArray())
        {
            var type = AnthropicRequestJson.BlockType(block);
            switch (type)
            {
                case "text":
                    // One message per block; tidying merges adjacent ones.
                    input.Add(AssistantText(block.GetProperty("text"u8)));
                    break;
                case "tool_use":
                    var id = block.GetProperty("id"u8).GetString()!;
                    var name = block.GetProperty("name"u8).GetString()!;
                    input.Add(new ResponsesInputFunctionCall(id, toolNames.ToUpstream(name), block.GetProperty("input"u8)));
                    break;
                case "thinking" or "redacted_thinking":
                    if (reasoning.From(block) is { } item)
                    {
                        input.Add(item);
                    }

                    break;
                default:
                    notes.Add($"Dropped an assistant content block of type '{type}': the Responses API has no place for it.");
                    break;
            }
        }
    }

    private static ResponsesInputMessage AssistantText(JsonElement text)
    {
        var assistant = new ResponsesInputMessage(ResponsesInputRole.Assistant);
        AddText(text, assistant.Parts);
        return assistant;
    }

    /// <summary>A base64 PDF goes as file data, a URL one as a file URL, text and content sources as their text, anything else as a placeholder.</summary>
    private static void AddDocument(JsonElement block, List<ResponsesInputPart> into)
    {
        if (!AnthropicDocument.TryGetSource(block, out var source, out var sourceType))
        {
            return;
        }

        if (AnthropicDocument.IsFile(sourceType))
        {
            into.Add(ResponsesInputPart.File(source, AnthropicDocument.PdfFileName(block)));
        }
        else if (sourceType is "text" or "content")
        {
            foreach (var text in AnthropicDocument.Texts(source))
            {
                AddText(text, into);
            }
        }
        else
        {
            into.Add(ResponsesInputPart.Text(AnthropicDocument.Placeholder(block)));
        }
    }

    /// <summary>Adds a system value's non-blank texts, leaving out Claude Code's billing line (it changes every request and would defeat the prefix cache).</summary>
    private static void AddInstructions(JsonElement content, List<TextPiece> into)
    {
        foreach (var text in AnthropicRequestJson.Texts(content))
        {
            if (AnthropicRequestJson.IsNonBlankText(text) && !ClaudeCodeBillingLine.Is(text))
            {
                into.Add(TextPiece.Of(text));
            }
        }
    }

    private static void AddTexts(JsonElement content, List<ResponsesInputPart> into)
    {
        foreach (var text in AnthropicRequestJson.Texts(content))
        {
            AddText(text, into);
        }
    }

    private static void AddText(JsonElement text, List<ResponsesInputPart> into)
    {
        // Empty or blank text says nothing, and Claude Code sends it between blocks.
        if (AnthropicRequestJson.IsNonBlankText(text))
        {
            into.Add(ResponsesInputPart.Text(text));
        }
    }

    private static void WriteLimitsAndSampling(Utf8JsonWriter writer, JsonElement root, ResponsesRequestOptions options, List<string> notes)
    {
        if (MaxTokens.Read(root, options.MaxTokensCap, notes) is { } maxTokens)
        {
            if (maxTokens < MinOutputTokens)
            {
                notes.Add($"max_tokens {maxTokens} raised to {MinOutputTokens}, the least the Responses API takes.");
                maxTokens = MinOutputTokens;
            }

            writer.WriteNumber("max_output_tokens"u8, maxTokens);
        }

        SamplingSettings.Write(writer, root, options.Reasoning, notes);

        if (root.TryGetProperty("top_k"u8, out var topK) && topK.ValueKind == JsonValueKind.Number)
        {
            notes.Add("top_k dropped: the Responses API has no such setting.");
        }

        if (root.TryGetProperty("stop_sequences"u8, out var stops) && stops.ValueKind == JsonValueKind.Array && stops.GetArrayLength() > 0)
        {
            notes.Add("stop_sequences dropped: the Responses API has no stop parameter.");
        }
    }

    /// <summary>
    /// <c>reasoning</c> (effort, with summaries, which become the client's thinking text) and the
    /// encrypted reasoning to replay next turn, only for channels of <see cref="ReasoningStyle.OpenAIEffort"/>
    /// and only when the client asks for thinking. Thinking the client turned off sends nothing, even
    /// next to an <c>output_config.effort</c>: no effort value means "off" on every reasoning model
    /// (<c>minimal</c> and <c>none</c> each exist only on some), so the model reasons at its default.
    /// </summary>
    private static void WriteReasoning(Utf8JsonWriter writer, JsonElement root, ResponsesRequestOptions options)
    {
        var reasoning = ReasoningEffort.From(root);
        if (options.Reasoning != ReasoningStyle.OpenAIEffort || !reasoning.Requested || reasoning.ExplicitlyDisabled)
        {
            return;
        }

        writer.WriteStartObject("reasoning"u8);
        writer.WriteString("effort"u8, reasoning.Level);
        writer.WriteString("summary"u8, "auto"u8);
        writer.WriteEndObject();
        writer.WriteStartArray("include"u8);
        writer.WriteStringValue("reasoning.encrypted_content"u8);
        writer.WriteEndArray();
    }

    /// <summary>
    /// The hashed user id as <c>safety_identifier</c> and as <c>prompt_cache_key</c>: requests with the
    /// same key are routed to the same cache, so one user's conversations keep hitting their prefix.
    /// </summary>
    private static void WriteUser(Utf8JsonWriter writer, JsonElement root, ResponsesRequestOptions options)
    {
        if (options.ForwardUserId && UserIdHash.From(root) is { } hash)
        {
            writer.WriteString("safety_identifier"u8, hash);
            writer.WriteString("prompt_cache_key"u8, hash);
        }
    }
}
