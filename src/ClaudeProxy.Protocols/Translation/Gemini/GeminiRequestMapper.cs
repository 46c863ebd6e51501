using System.Text.Encodings.Web;
using System.Runtime.InteropServices;
using System.Text.Json;
using ClaudeProxy.Protocols.Gemini;
using ClaudeProxy.Protocols.Validation;

namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>
/// Translates an Anthropic Messages request into a Gemini <c>generateContent</c> request:
/// system prompt into <c>systemInstruction</c>; mid-conversation system text as a note in the adjacent
/// user turn (or, when the channel asks, into <c>systemInstruction</c> too); turns as
/// <c>user</c>/<c>model</c> contents; images and documents;
/// tool calls with the thought signatures that came with them (see <see cref="GeminiSignaturePolicy"/>); tool results named after their
/// calls; tools with sanitized schemas; tool choice; sampling and limits; and, when the channel
/// opts in, <c>thinkingConfig</c>. Anthropic-only fields are dropped, never forwarded raw.
/// </summary>
public static class GeminiRequestMapper
{
    private static readonly JsonElement NoBlocks = JsonDocument.Parse("[]").RootElement;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static RequestMapping Map(ReadOnlyMemory<byte> anthropicRequest, GeminiRequestOptions options)
    {
        using var document = AnthropicRequestJson.Parse(anthropicRequest);
        return Map(document.RootElement, anthropicRequest.Length, options);
    }

    /// <summary>Maps a request already parsed; <paramref name="sizeHint"/> is its length in bytes, the first guess at the mapped body's.</summary>
    public static RequestMapping Map(JsonElement root, int sizeHint, GeminiRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MessageRequestValidator.Validate(root);
        var notes = new List<string>();
        var toolNames = ToolNameMap.ForGemini();
        var system = new List<GeminiPart>();
        var contents = new GeminiContentList();
        if (root.TryGetProperty("system"u8, out var systemElement))
        {
            AddTexts(systemElement, system);
            system.RemoveAll(part => part is GeminiTextPart { IsClaudeCodeBillingLine: true });
        }

        foreach (var turn in AnthropicRequestJson.Turns(root))
        {
            switch (turn.Role)
            {
                case AnthropicRole.User:
                    contents.Add(UserContent(turn.Content, notes));
                    break;
                case AnthropicRole.Assistant:
                    contents.Add(ModelContent(turn.Content, options, toolNames, notes));
                    break;
                case AnthropicRole.System when options.FoldSystemMessages:
                    // Gemini has no system role: the text joins the instruction, in order, which then changes with every one.
                    AddTexts(turn.Content, system);
                    break;
                case AnthropicRole.System when SystemNote.Of(turn.Content) is { } note:
                    // A user turn of its own in place: Tidy merges it into the user turn before it, else the one after
                    // (after that turn's function responses, which must answer the calls first).
                    var user = new GeminiContent(GeminiRole.User);
                    user.Parts.Add(new GeminiTextPart(default, note));
                    contents.Add(user);
                    break;
            }
        }

        var tidied = contents.Tidy(notes);
        GeminiSignaturePolicy.Apply(tidied, options);
        var stream = root.TryGetProperty("stream"u8, out var streamElement) && streamElement.ValueKind == JsonValueKind.True;
        var buffer = new PooledBufferWriter(sizeHint + 1024);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("contents"u8);
                foreach (var content in tidied)
                {
                    content.Write(writer);
                }

                writer.WriteEndArray();
                if (system.Count > 0)
                {
                    writer.WriteStartObject("systemInstruction"u8);
                    WriteParts(writer, system);
                    writer.WriteEndObject();
                }

                WriteTools(writer, root, toolNames, notes);
                WriteGenerationConfig(writer, root, options, notes);
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

    private static GeminiContent UserContent(JsonElement content, List<string> notes)
    {
        var user = new GeminiContent(GeminiRole.User);
        foreach (var block in Blocks(content, user.Parts))
        {
            var type = AnthropicRequestJson.BlockType(block);
            switch (type)
            {
                case "text" when block.TryGetProperty("text"u8, out var text):
                    AddText(text, user.Parts);
                    break;
                case "image" when block.TryGetProperty("source"u8, out var source) && source.ValueKind == JsonValueKind.Object:
                    user.Parts.Add(GeminiMediaPart.FromImageSource(source));
                    break;
                case "document":
                    AddDocument(block, user.Parts);
                    break;
                case "tool_result":
                    user.Parts.Add(new GeminiToolResultPart(ToolResultContent.Read(block)));
                    break;
                case "search_result" when block.TryGetProperty("content"u8, out var searchContent):
                    AddTexts(searchContent, user.Parts);
                    break;
                default:
                    notes.Add($"Dropped a user content block of type '{type}': Gemini has no place for it.");
                    break;
            }
        }

        return user;
    }

    private static GeminiContent ModelContent(JsonElement content, GeminiRequestOptions options, ToolNameMap toolNames, List<string> notes)
    {
        var model = new GeminiContent(GeminiRole.Model);

        // A Gemini envelope on a thinking block belongs to the part that follows it (see ThoughtSignatureEnvelope).
        string? pendingSignature = null;
        foreach (var block in Blocks(content, model.Parts))
        {
            var type = AnthropicRequestJson.BlockType(block);
            var count = model.Parts.Count;
            switch (type)
            {
                case "text" when block.TryGetProperty("text"u8, out var text):
                    AddText(text, model.Parts);
                    break;
                case "tool_use":
                    model.Parts.Add(FunctionCall(block, options, toolNames));
                    break;
                case "thinking":
                    // Thought text is not sent back: Gemini keeps its reasoning in the signatures.
                    pendingSignature = block.TryGetProperty("signature"u8, out var signature) && signature.ValueKind == JsonValueKind.String
                        && ThoughtSignatureEnvelope.TryUnwrap(signature.GetString(), out var unwrapped) ? unwrapped : null;
                    continue;
                case "redacted_thinking":
                    continue;
                default:
                    notes.Add($"Dropped an assistant content block of type '{type}': Gemini has no place for it.");
                    continue;
            }

            if (model.Parts.Count > count && pendingSignature is not null)
            {
                model.Parts[count].ThoughtSignature = pendingSignature;
                pendingSignature = null;
            }
        }

        return model;
    }

    /// <summary>The blocks of a turn's content; a plain string content becomes a text part right away and yields none.</summary>
    private static JsonElement.ArrayEnumerator Blocks(JsonElement content, List<GeminiPart> parts)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content, parts);
        }

        return (content.ValueKind == JsonValueKind.Array ? content : NoBlocks).EnumerateArray();
    }

    private static GeminiFunctionCallPart FunctionCall(JsonElement block, GeminiRequestOptions options, ToolNameMap toolNames)
    {
        var id = block.TryGetProperty("id"u8, out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : "";
        var name = block.TryGetProperty("name"u8, out var nameElement) && nameElement.ValueKind == JsonValueKind.String ? nameElement.GetString()! : "";
        block.TryGetProperty("input"u8, out var input);
        var call = new GeminiFunctionCallPart(id, toolNames.ToUpstream(name), input);
        if (id.Length > 0 && options.Signatures?.TryRecall(id, out var remembered) == true)
        {
            call.ThoughtSignature = remembered;
        }

        return call;
    }

    private static void AddDocument(JsonElement block, List<GeminiPart> into)
    {
        if (!AnthropicDocument.TryGetSource(block, out var source, out var sourceType))
        {
            return;
        }

        if (AnthropicDocument.IsFile(sourceType))
        {
            into.Add(GeminiMediaPart.FromSource(source, "application/pdf"));
            return;
        }

        var count = into.Count;
        foreach (var text in AnthropicDocument.Texts(source))
        {
            AddText(text, into);
        }

        if (into.Count == count && sourceType is not ("text" or "content"))
        {
            into.Add(new GeminiTextPart(default, AnthropicDocument.Placeholder(block)));
        }
    }

    private static void AddTexts(JsonElement content, List<GeminiPart> into)
    {
        foreach (var text in AnthropicRequestJson.Texts(content))
        {
            AddText(text, into);
        }
    }

    private static void AddText(JsonElement text, List<GeminiPart> into)
    {
        // Gemini rejects an empty text part ("required oneof field 'data'"); Claude Code sends them between blocks.
        if (AnthropicRequestJson.IsNonBlankText(text))
        {
            into.Add(new GeminiTextPart(text));
        }
    }

    private static void WriteParts(Utf8JsonWriter writer, List<GeminiPart> parts)
    {
        writer.WriteStartArray("parts"u8);
        foreach (var part in parts)
        {
            part.Write(writer);
        }

        writer.WriteEndArray();
    }

    private static void WriteTools(Utf8JsonWriter writer, JsonElement root, ToolNameMap toolNames, List<string> notes)
    {
        var written = 0;
        foreach (var (name, tool) in AnthropicRequestJson.CustomTools(root, notes, "a Gemini upstream"))
        {
            if (written++ == 0)
            {
                writer.WriteStartArray("tools"u8);
                writer.WriteStartObject();
                writer.WriteStartArray("functionDeclarations"u8);
            }

            writer.WriteStartObject();
            writer.WriteString("name"u8, toolNames.ToUpstream(name));
            if (tool.TryGetProperty("description"u8, out var description) && description.ValueKind == JsonValueKind.String)
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(description), skipInputValidation: true);
            }

            if (tool.TryGetProperty("input_schema"u8, out var schema) && Parameters(schema, name) is { IsEmpty: false } parameters)
            {
                writer.WritePropertyName("parameters"u8);
                writer.WriteRawValue(parameters, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        if (written == 0)
        {
            // No function declarations: a toolConfig would be rejected.
            return;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteToolConfig(writer, root, toolNames, notes);
    }

    private static ReadOnlySpan<byte> Parameters(JsonElement schema, string toolName)
    {
        try
        {
            return GeminiParametersCache.Get(schema);
        }
        catch (ArgumentException ex)
        {
            // JSON allows a key twice in one object; the schema tree the sanitizer builds cannot hold it.
            throw new TranslationException($"tools: the input_schema of '{toolName}' has a key twice in one object.", ex);
        }
    }

    private static void WriteToolConfig(Utf8JsonWriter writer, JsonElement root, ToolNameMap toolNames, List<string> notes)
    {
        if (!root.TryGetProperty("tool_choice"u8, out var choice) || choice.ValueKind != JsonValueKind.Object
            || !choice.TryGetProperty("type"u8, out var choiceType) || choiceType.ValueKind != JsonValueKind.String)
        {
            return;
        }

        if (choice.TryGetProperty("disable_parallel_tool_use"u8, out var disableParallel) && disableParallel.ValueKind == JsonValueKind.True)
        {
            notes.Add("tool_choice.disable_parallel_tool_use: Gemini has no such setting; dropped.");
        }

        writer.WriteStartObject("toolConfig"u8);
        writer.WriteStartObject("functionCallingConfig"u8);
        if (choiceType.ValueEquals("tool"u8) && choice.TryGetProperty("name"u8, out var forced) && forced.ValueKind == JsonValueKind.String)
        {
            writer.WriteString("mode"u8, "ANY"u8);
            writer.WriteStartArray("allowedFunctionNames"u8);
            writer.WriteStringValue(toolNames.ToUpstream(forced.GetString()!));
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("mode"u8, choiceType.ValueEquals("any"u8) ? "ANY"u8 : choiceType.ValueEquals("none"u8) ? "NONE"u8 : "AUTO"u8);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteGenerationConfig(Utf8JsonWriter writer, JsonElement root, GeminiRequestOptions options, List<string> notes)
    {
        writer.WriteStartObject("generationConfig"u8);
        var maxOutputTokens = MaxTokens.Read(root, options.MaxTokensCap, notes);
        if (maxOutputTokens is { } maxTokens)
        {
            writer.WriteNumber("maxOutputTokens"u8, maxTokens);
        }

        JsonCopy.Number(writer, root, "temperature"u8, "temperature"u8);
        JsonCopy.Number(writer, root, "top_p"u8, "topP"u8);
        JsonCopy.Number(writer, root, "top_k"u8, "topK"u8);
        if (root.TryGetProperty("stop_sequences"u8, out var stops) && stops.ValueKind == JsonValueKind.Array && stops.GetArrayLength() > 0)
        {
            var count = stops.GetArrayLength();
            if (count > options.MaxStopSequences)
            {
                notes.Add($"stop_sequences: kept the first {options.MaxStopSequences} of {count}; Gemini takes no more.");
            }

            writer.WriteStartArray("stopSequences"u8);
            foreach (var stop in stops.EnumerateArray().Take(options.MaxStopSequences))
            {
                stop.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        GeminiThinking.Write(writer, ReasoningEffort.From(root), options, maxOutputTokens, notes);
        writer.WriteEndObject();
    }
}
