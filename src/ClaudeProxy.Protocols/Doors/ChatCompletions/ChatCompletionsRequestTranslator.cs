using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Validation;

namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// Translates an OpenAI Chat Completions request body into an Anthropic Messages request body, the
/// gateway's hub format. What it does with each field:
/// <list type="bullet">
/// <item><c>system</c>/<c>developer</c> messages before the first other message become <c>system</c>
/// (one plain string, texts joined by a blank line); later ones stay where they are, as a
/// <c>&lt;system-reminder&gt;</c> text in the adjacent user turn: at the end of the user turn just
/// before them, else at the start of the next user turn (after its tool results), else in a user turn
/// of their own at the end. So a conversation that grows keeps its earlier bytes, and a prefix cache
/// still hits.</item>
/// <item><c>user</c> texts and images (a base64 <c>data:</c> URL or an http(s) URL); <c>assistant</c>
/// text (refusals as text) then <c>tool_use</c> blocks (arguments parsed, ids kept when they are in
/// Anthropic's alphabet, else sanitised the same way on both sides); <c>tool</c> messages as
/// <c>tool_result</c> blocks, first in their user turn. Consecutive same-role turns merge; turns left
/// empty (blank texts are dropped) disappear. <c>reasoning_content</c> and <c>name</c> are dropped.</item>
/// <item><c>tools</c> (functions only; other tool types are dropped), <c>tool_choice</c>,
/// <c>parallel_tool_calls</c>; limits, stop sequences, <c>temperature</c> (clamped to 1), <c>top_p</c>;
/// <c>reasoning_effort</c> as a thinking budget; <c>response_format</c> as a system instruction;
/// <c>user</c> (else <c>safety_identifier</c>, else <c>prompt_cache_key</c>) as <c>metadata.user_id</c>.</item>
/// <item>Thinking is left off when the client also forces a tool or ends with an assistant message (a
/// prefill; Anthropic refuses either next to thinking), and when the request continues a tool loop (the
/// last assistant turn called tools): Anthropic then wants that turn's signed thinking back, which a
/// Chat Completions client never has.</item>
/// </list>
/// A field of the wrong type, or one the hub cannot express (<c>n</c> &gt; 1, audio and file parts, the
/// legacy function role), is a problem naming the field by its JSON path.
/// </summary>
public static class ChatCompletionsRequestTranslator
{
    /// <summary>The <c>max_tokens</c> of a request that gives no limit.</summary>
    public const int DefaultMaxTokens = 8192;

    private const string JsonInstruction = "Respond with a single JSON object only: no text, code fence or explanation before or after it.";
    private const string SchemaInstruction = "The JSON object must conform to this JSON Schema:";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ChatCompletionsRequest Translate(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            return Refused(ChatCompletionsProblem.Body("The request body is not valid UTF-8."), null, false, false);
        }

        var bytes = body.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            return Refused(ChatCompletionsProblem.Body($"The request body is not valid JSON: {ex.Message}"), null, false, false);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused(ChatCompletionsProblem.Body("The request body must be a JSON object."), null, false, false);
            }

            // Read before anything can fail, so that a refused request still reports them.
            var model = TryGet(root, "model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String && !UnpairedSurrogates.In(JsonMarshal.GetRawUtf8Value(modelElement))
                ? modelElement.GetString()
                : null;
            var stream = root.TryGetProperty("stream"u8, out var streamElement) && streamElement.ValueKind == JsonValueKind.True;
            var includeUsage = root.TryGetProperty("stream_options"u8, out var options) && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("include_usage"u8, out var includeElement) && includeElement.ValueKind == JsonValueKind.True;
            try
            {
                if (UnpairedSurrogates.In(bytes))
                {
                    throw ChatCompletionsProblem.Body("The request body holds an unpaired UTF-16 surrogate escape (such as \\ud800 alone), which is no Unicode text.");
                }

                return new ChatCompletionsRequest(Build(root, bytes.Length), null, null, model, stream, includeUsage);
            }
            catch (ChatCompletionsProblem problem)
            {
                return Refused(problem, model, stream, includeUsage);
            }
        }
    }

    private static ChatCompletionsRequest Refused(ChatCompletionsProblem problem, string? model, bool stream, bool includeUsage) =>
        new(null, problem.Message, problem.Param, model, stream, includeUsage);

    private static byte[] Build(JsonElement root, int sizeHint)
    {
        var model = RequiredNonEmptyString(root, "model", "model");
        var request = new RequestParts();
        CollectMessages(root, request);
        CheckUnsupported(root);

        var maxTokens = MaxTokens(root);
        var thinkingBudget = ThinkingBudget(root);
        var (temperature, topP) = Sampling(root);
        var stops = StopSequences(root);
        var stream = OptionalBoolean(root, "stream", "stream");
        if (TryGet(root, "stream_options", out var streamOptions))
        {
            Object(streamOptions, "stream_options");
            OptionalBoolean(streamOptions, "include_usage", "stream_options.include_usage");
        }

        var tools = Tools(root);
        var (toolChoice, forcedName) = ReadToolChoice(root);
        var disableParallel = OptionalBoolean(root, "parallel_tool_calls", "parallel_tool_calls") == false;
        ResponseFormat(root, request.System);
        var userId = UserId(root);

        // Anthropic refuses thinking next to a forced tool or a prefilled answer, and wants a tool loop's
        // last assistant turn back with its signed thinking, which a Chat Completions client cannot send.
        if (thinkingBudget is not null && (toolChoice is "any" or "tool" || !request.Turns[^1].IsUser || ContinuesToolLoop(request.Turns)))
        {
            thinkingBudget = null;
        }

        if (thinkingBudget is { } budget && maxTokens <= budget)
        {
            // The budget counts against max_tokens: leave the answer the room the client asked for.
            maxTokens = (int)Math.Min(int.MaxValue, (long)budget + maxTokens);
        }

        var buffer = new PooledBufferWriter(sizeHint + 1024);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("model"u8, model);
                writer.WriteNumber("max_tokens"u8, maxTokens);
                if (request.System.Count > 0)
                {
                    writer.WritePropertyName("system"u8);
                    JoinedText.Write(writer, request.System, "\\n\\n"u8);
                }

                WriteMessages(writer, request.Turns);
                if (stops.Count > 0)
                {
                    writer.WriteStartArray("stop_sequences"u8);
                    foreach (var stop in stops)
                    {
                        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(stop), skipInputValidation: true);
                    }

                    writer.WriteEndArray();
                }

                if (thinkingBudget is { } thinking)
                {
                    writer.WriteStartObject("thinking"u8);
                    writer.WriteString("type"u8, "enabled"u8);
                    writer.WriteNumber("budget_tokens"u8, thinking);
                    writer.WriteEndObject();
                }
                else
                {
                    if (temperature is { } t)
                    {
                        writer.WriteNumber("temperature"u8, t);
                    }

                    if (topP is { } p)
                    {
                        writer.WritePropertyName("top_p"u8);
                        p.WriteTo(writer);
                    }
                }

                if (stream is { } streamValue)
                {
                    writer.WriteBoolean("stream"u8, streamValue);
                }

                WriteTools(writer, tools, toolChoice, forcedName, disableParallel);
                if (userId is { } user)
                {
                    writer.WriteStartObject("metadata"u8);
                    writer.WritePropertyName("user_id"u8);
                    user.WriteTo(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.Dispose();
        }
    }

    // ---- messages ----

    private static void CollectMessages(JsonElement root, RequestParts request)
    {
        if (!TryGet(root, "messages", out var messages))
        {
            throw ChatCompletionsProblem.At("messages", "Field required");
        }

        if (messages.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At("messages", "expected an array");
        }

        var turns = new List<HubTurn>();
        List<HubBlock> pendingNotes = [];
        var inConversation = false;
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var path = Item("messages", index++);
            Object(message, path);
            var roleElement = RequiredString(message, "role", path + ".role");
            var role = roleElement.GetString();
            switch (role)
            {
                case "system" or "developer":
                    var content = Required(message, "content", path + ".content");
                    var texts = TextContent(content, path + ".content");
                    if (!inConversation)
                    {
                        request.System.AddRange(texts.Where(AnthropicRequestJson.IsNonBlankText).Select(TextPiece.Of));
                    }
                    else if (SystemNote.Of(content) is { } note)
                    {
                        // Right after a user turn it ends that turn; otherwise it opens the next one.
                        if (turns.Count > 0 && turns[^1].IsUser)
                        {
                            turns[^1].Blocks.Add(HubBlock.Text(note));
                        }
                        else
                        {
                            pendingNotes.Add(HubBlock.Text(note));
                        }
                    }

                    break;
                case "user":
                    inConversation = true;
                    UserContent(message, path, UserTurn(turns, ref pendingNotes));
                    break;
                case "tool":
                    inConversation = true;
                    UserTurn(turns, ref pendingNotes).ToolResults.Add(ToolResult(message, path));
                    break;
                case "assistant":
                    inConversation = true;
                    AssistantContent(message, path, turns.Count > 0 && !turns[^1].IsUser ? turns[^1] : Add(turns, new HubTurn(isUser: false)));
                    break;
                case "function":
                    throw ChatCompletionsProblem.At(path + ".role", "the legacy 'function' role is not supported; answer tool calls with 'tool' messages");
                default:
                    throw ChatCompletionsProblem.At(path + ".role", $"{Quote(roleElement)} is not one of system, developer, user, assistant, tool");
            }
        }

        if (pendingNotes.Count > 0)
        {
            var last = new HubTurn(isUser: true);
            last.Blocks.AddRange(pendingNotes);
            turns.Add(last);
        }

        request.Turns.AddRange(Tidy(turns));
        if (request.Turns.Count == 0)
        {
            throw ChatCompletionsProblem.At("messages", "must hold at least one user or assistant message with content");
        }

        TrimFinalAssistantText(request.Turns);
    }

    private static HubTurn Add(List<HubTurn> turns, HubTurn turn)
    {
        turns.Add(turn);
        return turn;
    }

    /// <summary>The user turn the next user or tool message joins; notes waiting for it open its blocks.</summary>
    private static HubTurn UserTurn(List<HubTurn> turns, ref List<HubBlock> pendingNotes)
    {
        var turn = turns.Count > 0 && turns[^1].IsUser ? turns[^1] : Add(turns, new HubTurn(isUser: true));
        if (pendingNotes.Count > 0)
        {
            turn.Blocks.AddRange(pendingNotes);
            pendingNotes = [];
        }

        return turn;
    }

    /// <summary>Drops empty turns and merges the same-role turns that dropping made adjacent.</summary>
    private static List<HubTurn> Tidy(List<HubTurn> turns)
    {
        var result = new List<HubTurn>(turns.Count);
        foreach (var turn in turns)
        {
            if (turn.IsEmpty)
            {
                continue;
            }

            if (result.Count > 0 && result[^1].IsUser == turn.IsUser)
            {
                result[^1].Absorb(turn);
                continue;
            }

            result.Add(turn);
        }

        return result;
    }

    /// <summary>
    /// A last assistant turn is a prefill to Anthropic, which refuses one ending in white space: its last
    /// text loses its trailing white space (and goes when nothing is left).
    /// </summary>
    private static void TrimFinalAssistantText(List<HubTurn> turns)
    {
        if (turns.Count == 0 || turns[^1].IsUser || turns[^1].Blocks[^1] is not { Kind: HubBlockKind.Text } last)
        {
            return;
        }

        var text = last.Literal ?? last.Source.GetString() ?? "";
        var trimmed = text.TrimEnd();
        if (trimmed.Length == text.Length)
        {
            return;
        }

        var blocks = turns[^1].Blocks;
        blocks.RemoveAt(blocks.Count - 1);
        if (trimmed.Length > 0)
        {
            blocks.Add(HubBlock.Text(trimmed));
        }
        else if (blocks.Count == 0)
        {
            turns.RemoveAt(turns.Count - 1);
        }
    }

    /// <summary>True when the last assistant turn called tools and a user turn answers it: the request continues a tool loop.</summary>
    private static bool ContinuesToolLoop(List<HubTurn> turns)
    {
        var lastAssistant = turns.FindLastIndex(t => !t.IsUser);
        return lastAssistant >= 0 && turns[lastAssistant].HasToolUse && lastAssistant < turns.Count - 1;
    }

    private static void UserContent(JsonElement message, string path, HubTurn turn)
    {
        var contentPath = path + ".content";
        var content = Required(message, "content", contentPath);
        if (content.ValueKind == JsonValueKind.String)
        {
            AddText(content, turn.Blocks);
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At(contentPath, "expected a string or an array of content parts");
        }

        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = Item(contentPath, index++);
            var type = PartType(part, partPath);
            switch (type.GetString())
            {
                case "text":
                    AddText(RequiredString(part, "text", partPath + ".text"), turn.Blocks);
                    break;
                case "image_url":
                    turn.Blocks.Add(Image(part, partPath));
                    break;
                case "input_audio":
                    throw ChatCompletionsProblem.At(partPath, "input_audio parts are not supported: the model takes text and images");
                case "file":
                    throw ChatCompletionsProblem.At(partPath, "file parts are not supported: send the text, or images as image_url parts");
                default:
                    throw ChatCompletionsProblem.At(partPath + ".type", $"{Quote(type)} is not one of text, image_url");
            }
        }
    }

    private static HubBlock Image(JsonElement part, string path)
    {
        var imageUrl = Required(part, "image_url", path + ".image_url");
        var urlPath = path + ".image_url.url";
        JsonElement url;
        if (imageUrl.ValueKind == JsonValueKind.String)
        {
            // Some clients send the URL itself rather than {"url": …}.
            url = imageUrl;
            urlPath = path + ".image_url";
        }
        else
        {
            Object(imageUrl, path + ".image_url");
            url = RequiredString(imageUrl, "url", urlPath);
        }

        var raw = JsonMarshal.GetRawUtf8Value(url)[1..^1];
        if (raw.StartsWith("data:"u8))
        {
            var header = DataUrlHeader(url, raw);
            if (header is null || !header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            {
                throw ChatCompletionsProblem.At(urlPath, "a data URL must be base64 (data:image/png;base64,…)");
            }

            var mediaType = header[..^";base64".Length].ToLowerInvariant() switch
            {
                "image/jpeg" or "image/jpg" => "image/jpeg",
                "image/png" => "image/png",
                "image/gif" => "image/gif",
                "image/webp" => "image/webp",
                var other => throw ChatCompletionsProblem.At(urlPath, $"the image type '{other}' is not supported (image/jpeg, image/png, image/gif, image/webp)"),
            };
            return new HubBlock(HubBlockKind.Image, url, MediaType: mediaType);
        }

        var text = url.GetString() ?? "";
        if (text.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return new HubBlock(HubBlockKind.Image, url);
        }

        throw ChatCompletionsProblem.At(urlPath, "expected an http(s) URL or a base64 data URL");
    }

    /// <summary>The part of a <c>data:</c> URL between <c>data:</c> and the comma; null when there is no comma.</summary>
    private static string? DataUrlHeader(JsonElement url, ReadOnlySpan<byte> raw)
    {
        if (raw.Contains((byte)'\\'))
        {
            // Escaped (a client that writes / as \/): decode it; rare enough not to matter.
            var decoded = url.GetString()!;
            var comma = decoded.IndexOf(',', StringComparison.Ordinal);
            return comma < 0 ? null : decoded[5..comma];
        }

        var end = raw.IndexOf((byte)',');
        return end < 0 ? null : Encoding.UTF8.GetString(raw[5..end]);
    }

    private static void AssistantContent(JsonElement message, string path, HubTurn turn)
    {
        if (TryGet(message, "function_call", out _))
        {
            throw ChatCompletionsProblem.At(path + ".function_call", "the legacy function_call is not supported; use tool_calls");
        }

        var contentPath = path + ".content";
        if (TryGet(message, "content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                AddText(content, turn.Blocks);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var part in content.EnumerateArray())
                {
                    var partPath = Item(contentPath, index++);
                    var type = PartType(part, partPath);
                    switch (type.GetString())
                    {
                        case "text":
                            AddText(RequiredString(part, "text", partPath + ".text"), turn.Blocks);
                            break;
                        case "refusal":
                            AddText(RequiredString(part, "refusal", partPath + ".refusal"), turn.Blocks);
                            break;
                        default:
                            throw ChatCompletionsProblem.At(partPath + ".type", $"{Quote(type)} is not one of text, refusal");
                    }
                }
            }
            else
            {
                throw ChatCompletionsProblem.At(contentPath, "expected a string or an array of content parts");
            }
        }

        if (TryGet(message, "refusal", out var refusal))
        {
            String(refusal, path + ".refusal");
            AddText(refusal, turn.Blocks);
        }

        if (!TryGet(message, "tool_calls", out var toolCalls))
        {
            return;
        }

        var callsPath = path + ".tool_calls";
        if (toolCalls.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At(callsPath, "expected an array");
        }

        var callIndex = 0;
        foreach (var call in toolCalls.EnumerateArray())
        {
            var callPath = Item(callsPath, callIndex++);
            Object(call, callPath);
            var id = RequiredNonEmptyString(call, "id", callPath + ".id");
            if (TryGet(call, "type", out var type))
            {
                String(type, callPath + ".type");
                if (!type.ValueEquals("function"u8))
                {
                    throw ChatCompletionsProblem.At(callPath + ".type", $"{Quote(type)} tool calls are not supported; only function");
                }
            }

            var function = Required(call, "function", callPath + ".function");
            Object(function, callPath + ".function");
            var name = RequiredString(function, "name", callPath + ".function.name");
            if (name.ValueEquals(""u8))
            {
                throw ChatCompletionsProblem.At(callPath + ".function.name", "must not be empty");
            }

            var input = Arguments(function, callPath + ".function.arguments");
            turn.Blocks.Add(new HubBlock(HubBlockKind.ToolUse, name, Id: ToolUseIds.Sanitize(id), Input: input));
        }
    }

    /// <summary>The arguments' JSON text, checked to be one object: <c>{}</c> for none or an empty string.</summary>
    private static byte[] Arguments(JsonElement function, string path)
    {
        if (!TryGet(function, "arguments", out var arguments))
        {
            return "{}"u8.ToArray();
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            // Lenient: some clients send the object itself.
            return JsonMarshal.GetRawUtf8Value(arguments).ToArray();
        }

        if (arguments.ValueKind != JsonValueKind.String)
        {
            throw ChatCompletionsProblem.At(path, "expected a string holding a JSON object");
        }

        var text = arguments.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "{}"u8.ToArray();
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw ChatCompletionsProblem.At(path, "must be a JSON object");
            }

            reader.Skip();
            if (reader.Read())
            {
                throw ChatCompletionsProblem.At(path, "must be a JSON object");
            }
        }
        catch (JsonException)
        {
            throw ChatCompletionsProblem.At(path, "must be a JSON object");
        }

        if (UnpairedSurrogates.In(utf8))
        {
            throw ChatCompletionsProblem.At(path, "the JSON holds an unpaired UTF-16 surrogate escape, which is no Unicode text");
        }

        return utf8;
    }

    private static HubBlock ToolResult(JsonElement message, string path)
    {
        var id = RequiredNonEmptyString(message, "tool_call_id", path + ".tool_call_id");
        var content = default(JsonElement);
        if (TryGet(message, "content", out var value))
        {
            TextContent(value, path + ".content");
            content = value;
        }

        return new HubBlock(HubBlockKind.ToolResult, content, Id: ToolUseIds.Sanitize(id));
    }

    /// <summary>Checks a text-only content value (a string or text parts) and returns its strings, in order.</summary>
    private static List<JsonElement> TextContent(JsonElement content, string path)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return [content];
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At(path, "expected a string or an array of text parts");
        }

        var texts = new List<JsonElement>();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = Item(path, index++);
            var type = PartType(part, partPath);
            if (!type.ValueEquals("text"u8))
            {
                throw ChatCompletionsProblem.At(partPath + ".type", $"{Quote(type)} is not supported here; only text");
            }

            texts.Add(RequiredString(part, "text", partPath + ".text"));
        }

        return texts;
    }

    private static JsonElement PartType(JsonElement part, string path)
    {
        Object(part, path);
        return RequiredString(part, "type", path + ".type");
    }

    private static void AddText(JsonElement text, List<HubBlock> into)
    {
        // Anthropic refuses empty and blank text blocks.
        if (AnthropicRequestJson.IsNonBlankText(text))
        {
            into.Add(HubBlock.Text(text));
        }
    }

    private static void WriteMessages(Utf8JsonWriter writer, List<HubTurn> turns)
    {
        writer.WriteStartArray("messages"u8);
        foreach (var turn in turns)
        {
            writer.WriteStartObject();
            writer.WriteString("role"u8, turn.IsUser ? "user"u8 : "assistant"u8);
            writer.WriteStartArray("content"u8);
            foreach (var block in turn.ToolResults)
            {
                WriteBlock(writer, block);
            }

            foreach (var block in turn.Blocks)
            {
                WriteBlock(writer, block);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteBlock(Utf8JsonWriter writer, HubBlock block)
    {
        writer.WriteStartObject();
        switch (block.Kind)
        {
            case HubBlockKind.Text:
                writer.WriteString("type"u8, "text"u8);
                WriteText(writer, block);
                break;
            case HubBlockKind.Image:
                writer.WriteString("type"u8, "image"u8);
                writer.WriteStartObject("source"u8);
                if (block.MediaType is { } mediaType)
                {
                    writer.WriteString("type"u8, "base64"u8);
                    writer.WriteString("media_type"u8, mediaType);
                    writer.WritePropertyName("data"u8);
                    WriteDataUrlPayload(writer, block.Source);
                }
                else
                {
                    writer.WriteString("type"u8, "url"u8);
                    writer.WritePropertyName("url"u8);
                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(block.Source), skipInputValidation: true);
                }

                writer.WriteEndObject();
                break;
            case HubBlockKind.ToolUse:
                writer.WriteString("type"u8, "tool_use"u8);
                writer.WriteString("id"u8, block.Id);
                writer.WritePropertyName("name"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(block.Source), skipInputValidation: true);
                writer.WritePropertyName("input"u8);
                writer.WriteRawValue(block.Input, skipInputValidation: true);
                break;
            case HubBlockKind.ToolResult:
                writer.WriteString("type"u8, "tool_result"u8);
                writer.WriteString("tool_use_id"u8, block.Id);
                WriteToolResultContent(writer, block.Source);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, HubBlock text)
    {
        writer.WritePropertyName("text"u8);
        if (text.Literal is { } literal)
        {
            writer.WriteStringValue(literal);
        }
        else
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(text.Source), skipInputValidation: true);
        }
    }

    /// <summary>A string content as it is; text parts as text blocks; blank texts dropped, and no <c>content</c> when none is left.</summary>
    private static void WriteToolResultContent(Utf8JsonWriter writer, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            if (AnthropicRequestJson.IsNonBlankText(content))
            {
                writer.WritePropertyName("content"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(content), skipInputValidation: true);
            }

            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var texts = AnthropicRequestJson.Texts(content).Where(AnthropicRequestJson.IsNonBlankText).ToList();
        if (texts.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("content"u8);
        foreach (var text in texts)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "text"u8);
            writer.WritePropertyName("text"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(text), skipInputValidation: true);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The base64 after the comma of a <c>data:</c> URL, copied from the client's bytes when they hold no escape.</summary>
    private static void WriteDataUrlPayload(Utf8JsonWriter writer, JsonElement url)
    {
        var raw = JsonMarshal.GetRawUtf8Value(url)[1..^1];
        if (raw.Contains((byte)'\\'))
        {
            var decoded = url.GetString()!;
            writer.WriteStringValue(decoded.AsSpan(decoded.IndexOf(',', StringComparison.Ordinal) + 1));
            return;
        }

        writer.WriteStringValue(raw[(raw.IndexOf((byte)',') + 1)..]);
    }

    // ---- tools ----

    private static List<JsonElement> Tools(JsonElement root)
    {
        var functions = new List<JsonElement>();
        if (!TryGet(root, "tools", out var tools))
        {
            return functions;
        }

        if (tools.ValueKind != JsonValueKind.Array)
        {
            throw ChatCompletionsProblem.At("tools", "expected an array");
        }

        var index = 0;
        foreach (var tool in tools.EnumerateArray())
        {
            var path = Item("tools", index++);
            Object(tool, path);
            if (TryGet(tool, "type", out var type))
            {
                String(type, path + ".type");
                if (!type.ValueEquals("function"u8))
                {
                    // custom (free-form input) and hosted tools have no Anthropic equivalent the client could run.
                    continue;
                }
            }

            var function = Required(tool, "function", path + ".function");
            Object(function, path + ".function");
            if (RequiredString(function, "name", path + ".function.name").ValueEquals(""u8))
            {
                throw ChatCompletionsProblem.At(path + ".function.name", "must not be empty");
            }

            if (TryGet(function, "description", out var description))
            {
                String(description, path + ".function.description");
            }

            if (TryGet(function, "parameters", out var parameters))
            {
                Object(parameters, path + ".function.parameters");
            }

            functions.Add(function);
        }

        return functions;
    }

    /// <summary>The Anthropic tool choice type (auto, none, any, tool) and the forced tool's name; null when the client gave none.</summary>
    private static (string? Type, JsonElement Name) ReadToolChoice(JsonElement root)
    {
        if (!TryGet(root, "tool_choice", out var choice))
        {
            return (null, default);
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "auto" => ("auto", default),
                "none" => ("none", default),
                "required" => ("any", default),
                _ => throw ChatCompletionsProblem.At("tool_choice", $"{Quote(choice)} is not one of none, auto, required"),
            };
        }

        Object(choice, "tool_choice");
        var type = RequiredString(choice, "type", "tool_choice.type");
        switch (type.GetString())
        {
            case "function":
                var function = Required(choice, "function", "tool_choice.function");
                Object(function, "tool_choice.function");
                var name = RequiredString(function, "name", "tool_choice.function.name");
                return name.ValueEquals(""u8) ? throw ChatCompletionsProblem.At("tool_choice.function.name", "must not be empty") : ("tool", name);
            case "allowed_tools":
                // The allowed subset cannot be expressed; its mode can.
                var mode = TryGet(choice, "allowed_tools", out var allowed) && allowed.ValueKind == JsonValueKind.Object
                    && allowed.TryGetProperty("mode"u8, out var modeElement) && modeElement.ValueEquals("required"u8);
                return (mode ? "any" : "auto", default);
            default:
                throw ChatCompletionsProblem.At("tool_choice.type", $"{Quote(type)} is not one of function, allowed_tools");
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, List<JsonElement> tools, string? choiceType, JsonElement forcedName, bool disableParallel)
    {
        if (tools.Count == 0)
        {
            // No tools: a tool_choice would be refused.
            return;
        }

        writer.WriteStartArray("tools"u8);
        foreach (var function in tools)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(function.GetProperty("name"u8)), skipInputValidation: true);
            if (TryGet(function, "description", out var description))
            {
                writer.WritePropertyName("description"u8);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(description), skipInputValidation: true);
            }

            writer.WritePropertyName("input_schema"u8);
            if (TryGet(function, "parameters", out var parameters))
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(parameters), skipInputValidation: true);
            }
            else
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        var type = choiceType ?? (disableParallel ? "auto" : null);
        if (type is null)
        {
            return;
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (type == "tool")
        {
            writer.WritePropertyName("name"u8);
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(forcedName), skipInputValidation: true);
        }

        if (disableParallel && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }

    // ---- limits, sampling, reasoning ----

    private static int MaxTokens(JsonElement root)
    {
        int? maxTokens = null;
        if (TryGet(root, "max_tokens", out var legacy))
        {
            maxTokens = Integer(legacy, "max_tokens", min: 1);
        }

        if (TryGet(root, "max_completion_tokens", out var completion))
        {
            maxTokens = Integer(completion, "max_completion_tokens", min: 1);
        }

        return maxTokens ?? DefaultMaxTokens;
    }

    /// <summary>The thinking budget for <c>reasoning_effort</c>; null for none.</summary>
    private static int? ThinkingBudget(JsonElement root)
    {
        if (!TryGet(root, "reasoning_effort", out var effort))
        {
            return null;
        }

        String(effort, "reasoning_effort");
        return effort.GetString() switch
        {
            "none" => null,
            "minimal" => 1024,
            "low" => 2048,
            "medium" => 8192,
            "high" or "xhigh" => 24576,
            _ => throw ChatCompletionsProblem.At("reasoning_effort", $"{Quote(effort)} is not one of none, minimal, low, medium, high"),
        };
    }

    /// <summary><c>temperature</c> (OpenAI's 0–2, clamped to Anthropic's 0–1) and <c>top_p</c>.</summary>
    private static (double? Temperature, JsonElement? TopP) Sampling(JsonElement root)
    {
        double? temperature = null;
        if (TryGet(root, "temperature", out var temperatureElement))
        {
            temperature = Math.Min(1, Number(temperatureElement, "temperature", 0, 2));
        }

        JsonElement? topP = null;
        if (TryGet(root, "top_p", out var topPElement))
        {
            Number(topPElement, "top_p", 0, 1);
            topP = topPElement;
        }

        return (temperature, topP);
    }

    private static List<JsonElement> StopSequences(JsonElement root)
    {
        var stops = new List<JsonElement>();
        if (!TryGet(root, "stop", out var stop))
        {
            return stops;
        }

        if (stop.ValueKind == JsonValueKind.String)
        {
            stops.Add(stop);
        }
        else if (stop.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in stop.EnumerateArray())
            {
                String(item, Item("stop", index++));
                stops.Add(item);
            }
        }
        else
        {
            throw ChatCompletionsProblem.At("stop", "expected a string or an array of strings");
        }

        // Anthropic refuses an empty stop sequence; it would stop nothing anyway.
        stops.RemoveAll(s => s.ValueEquals(""u8));
        return stops;
    }

    private static void ResponseFormat(JsonElement root, List<TextPiece> system)
    {
        if (!TryGet(root, "response_format", out var format))
        {
            return;
        }

        Object(format, "response_format");
        var type = RequiredString(format, "type", "response_format.type");
        switch (type.GetString())
        {
            case "text":
                break;
            case "json_object":
                system.Add(TextPiece.Of(JsonInstruction));
                break;
            case "json_schema":
                var jsonSchema = Required(format, "json_schema", "response_format.json_schema");
                Object(jsonSchema, "response_format.json_schema");
                if (TryGet(jsonSchema, "schema", out var schema))
                {
                    Object(schema, "response_format.json_schema.schema");
                    system.Add(TextPiece.Of($"{JsonInstruction}\n{SchemaInstruction}\n{schema.GetRawText()}"));
                }
                else
                {
                    system.Add(TextPiece.Of(JsonInstruction));
                }

                break;
            default:
                throw ChatCompletionsProblem.At("response_format.type", $"{Quote(type)} is not one of text, json_object, json_schema");
        }
    }

    /// <summary><c>user</c>, else <c>safety_identifier</c> (its successor), else <c>prompt_cache_key</c>: the gateway's conversation affinity reads <c>metadata.user_id</c>.</summary>
    private static JsonElement? UserId(JsonElement root)
    {
        JsonElement? userId = null;
        foreach (var name in (ReadOnlySpan<string>)["prompt_cache_key", "safety_identifier", "user"])
        {
            if (TryGet(root, name, out var value))
            {
                String(value, name);
                if (!value.ValueEquals(""u8))
                {
                    userId = value;
                }
            }
        }

        return userId;
    }

    /// <summary>Fields whose meaning the hub cannot carry: refused rather than silently changed.</summary>
    private static void CheckUnsupported(JsonElement root)
    {
        if (TryGet(root, "n", out var n) && Integer(n, "n", min: 1) > 1)
        {
            throw ChatCompletionsProblem.At("n", "only 1 is supported");
        }

        if (TryGet(root, "functions", out _))
        {
            throw ChatCompletionsProblem.At("functions", "the legacy functions are not supported; use tools");
        }

        if (TryGet(root, "function_call", out _))
        {
            throw ChatCompletionsProblem.At("function_call", "the legacy function_call is not supported; use tool_choice");
        }
    }

    // ---- typed reads ----

    private static bool TryGet(JsonElement owner, string name, out JsonElement value) =>
        owner.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static JsonElement Required(JsonElement owner, string name, string path) =>
        TryGet(owner, name, out var value) ? value : throw ChatCompletionsProblem.At(path, "Field required");

    private static JsonElement RequiredString(JsonElement owner, string name, string path)
    {
        var value = Required(owner, name, path);
        String(value, path);
        return value;
    }

    private static string RequiredNonEmptyString(JsonElement owner, string name, string path)
    {
        var value = RequiredString(owner, name, path).GetString()!;
        return value.Length > 0 ? value : throw ChatCompletionsProblem.At(path, "must not be empty");
    }

    private static void String(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw ChatCompletionsProblem.At(path, "expected a string");
        }
    }

    private static void Object(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ChatCompletionsProblem.At(path, "expected an object");
        }
    }

    private static bool? OptionalBoolean(JsonElement owner, string name, string path)
    {
        if (!TryGet(owner, name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ChatCompletionsProblem.At(path, "expected a boolean"),
        };
    }

    private static int Integer(JsonElement value, string path, int min)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var integer))
        {
            throw ChatCompletionsProblem.At(path, "expected an integer");
        }

        if (integer < min)
        {
            throw ChatCompletionsProblem.At(path, FormattableString.Invariant($"must be at least {min}"));
        }

        return integer > int.MaxValue ? throw ChatCompletionsProblem.At(path, FormattableString.Invariant($"must be at most {int.MaxValue}")) : (int)integer;
    }

    private static double Number(JsonElement value, string path, double min, double max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw ChatCompletionsProblem.At(path, "expected a number");
        }

        return number >= min && number <= max ? number : throw ChatCompletionsProblem.At(path, FormattableString.Invariant($"must be between {min} and {max}"));
    }

    private static string Item(string path, int index) => path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>A string value for a message, cut short: the client may have sent megabytes.</summary>
    private static string Quote(JsonElement value)
    {
        const int Shown = 64;
        var text = value.GetString() ?? "";
        return text.Length <= Shown ? $"'{text}'" : $"'{text[..Shown]}…'";
    }

    /// <summary>What the messages become: the system texts and the turns.</summary>
    private sealed class RequestParts
    {
        public List<TextPiece> System { get; } = [];

        public List<HubTurn> Turns { get; } = [];
    }
}
