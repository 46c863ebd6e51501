using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Validation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

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
/// legacy function role), is a problem naming the field by its JSON path. The reading is done by
/// <see cref="ChatCompletionsMessageList"/>, <see cref="ChatCompletionsTools"/> and
/// <see cref="ChatCompletionsOptions"/>; this type composes them and writes the body.
/// </summary>
public static class ChatCompletionsRequestTranslator
{
    /// <summary>The <c>max_tokens</c> of a request that gives no limit.</summary>
    public const int DefaultMaxTokens = 8192;

    public static ChatCompletionsRequest Translate(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            return Refused(DoorProblem.Body("The request body is not valid UTF-8."), null, false, false);
        }

        var bytes = body.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            return Refused(DoorProblem.Body($"The request body is not valid JSON: {ex.Message}"), null, false, false);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused(DoorProblem.Body("The request body must be a JSON object."), null, false, false);
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
                    throw DoorProblem.Body("The request body holds an unpaired UTF-16 surrogate escape (such as \\ud800 alone), which is no Unicode text.");
                }

                return new ChatCompletionsRequest(Build(root, bytes.Length), null, null, model, stream, includeUsage);
            }
            catch (DoorProblem problem)
            {
                return Refused(problem, model, stream, includeUsage);
            }
        }
    }

    private static ChatCompletionsRequest Refused(DoorProblem problem, string? model, bool stream, bool includeUsage) =>
        new(null, problem.Message, problem.Param, model, stream, includeUsage);

    private static byte[] Build(JsonElement root, int sizeHint)
    {
        var model = RequiredNonEmptyString(root, "model", "model");
        var (system, turns) = ChatCompletionsMessageList.Collect(root);
        ChatCompletionsOptions.CheckUnsupported(root);

        var maxTokens = ChatCompletionsOptions.MaxTokens(root);
        var thinkingBudget = ChatCompletionsOptions.ThinkingBudget(root);
        var (temperature, topP) = HubOptions.Sampling(root);
        var stops = ChatCompletionsOptions.StopSequences(root);
        var stream = OptionalBoolean(root, "stream", "stream");
        if (TryGet(root, "stream_options", out var streamOptions))
        {
            Object(streamOptions, "stream_options");
            OptionalBoolean(streamOptions, "include_usage", "stream_options.include_usage");
        }

        var tools = ChatCompletionsTools.Read(root);
        var (toolChoice, forcedName) = ChatCompletionsTools.ReadToolChoice(root);
        var disableParallel = OptionalBoolean(root, "parallel_tool_calls", "parallel_tool_calls") == false;
        ChatCompletionsOptions.ResponseFormat(root, system);
        var userId = HubOptions.UserId(root);

        (thinkingBudget, maxTokens) = HubOptions.Thinking(thinkingBudget, maxTokens, toolChoice, turns);

        return HubRequestWriter.Write(new HubRequest(model, maxTokens, system, turns)
        {
            StopSequences = stops,
            ThinkingBudget = thinkingBudget,
            Temperature = temperature,
            TopP = topP,
            Stream = stream,
            Tools = tools,
            ToolChoice = toolChoice,
            ForcedToolName = forcedName,
            DisableParallelToolUse = disableParallel,
            UserId = userId,
        }, sizeHint);
    }
}
