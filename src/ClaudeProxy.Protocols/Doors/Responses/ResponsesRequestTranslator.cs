using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Validation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// Translates an OpenAI Responses request body into an Anthropic Messages request body, the gateway's
/// hub format. What it does with each field:
/// <list type="bullet">
/// <item><c>instructions</c>, then the <c>system</c>/<c>developer</c> messages before any other item,
/// become <c>system</c> (one plain string, texts joined by a blank line); later ones stay where they are,
/// as a <c>&lt;system-reminder&gt;</c> text in the adjacent user turn, so a prefix cache still hits.</item>
/// <item><c>input</c> (a string as one user message, else items) after the items stored for
/// <c>previous_response_id</c>: user texts and images (a base64 <c>data:</c> URL or an http(s) URL),
/// assistant texts (refusals as text), <c>function_call</c> and <c>custom_tool_call</c> items as
/// <c>tool_use</c> blocks (a custom call's text as the input's one <c>input</c> string; ids kept when
/// they are in Anthropic's alphabet, else sanitised the same way on both sides), their outputs as
/// <c>tool_result</c> blocks first in their user turn, and a <c>reasoning</c> item whose
/// <c>encrypted_content</c> <see cref="ResponsesReasoning"/> wrote as the signed thinking that opens its
/// assistant turn (other reasoning items are dropped). Items of hosted tools are dropped. Consecutive
/// same-role turns merge; empty turns disappear.</item>
/// <item><c>tools</c>: functions as they are; custom (free-form) tools as tools of one string input,
/// <c>input</c>, described by their format (a grammar included); every other type is dropped and
/// reported in <see cref="ResponsesRequest.DroppedTools"/>. <c>tool_choice</c>,
/// <c>parallel_tool_calls</c>; <c>max_output_tokens</c> (<see cref="DefaultMaxTokens"/> when absent),
/// <c>temperature</c> (clamped to 1), <c>top_p</c>; <c>reasoning.effort</c> as a thinking budget;
/// <c>text.format</c> as a system instruction; <c>user</c> (else <c>safety_identifier</c>, else
/// <c>prompt_cache_key</c>) as <c>metadata.user_id</c>.</item>
/// <item>Thinking is left off when the client also forces a tool or ends with an assistant message
/// (Anthropic refuses either next to thinking), and when the request continues a tool loop whose last
/// assistant turn has no thinking recovered from <c>encrypted_content</c> (Anthropic wants it back).
/// Without thinking, recovered thinking blocks are left out too.</item>
/// </list>
/// A field of the wrong type, or one the hub cannot express (<c>prompt</c> templates, <c>conversation</c>,
/// <c>background</c>, file and audio parts, item references), is a problem naming the field by its JSON
/// path. <c>include</c>, <c>metadata</c>, <c>truncation</c>, <c>service_tier</c>, <c>stream_options</c> and
/// <c>top_logprobs</c> are checked and ignored. The reading is done by <see cref="ResponsesInput"/>,
/// <see cref="ResponsesInputItems"/>, <see cref="ResponsesTools"/> and <see cref="ResponsesOptions"/>;
/// this type composes them.
/// </summary>
public static class ResponsesRequestTranslator
{
    /// <summary>The <c>max_tokens</c> of a request that gives no limit (Codex never gives one).</summary>
    public const int DefaultMaxTokens = 32000;

    /// <summary>Translates <paramref name="body"/>; never throws for anything the client sent.</summary>
    /// <param name="body">The client's request body.</param>
    /// <param name="previousItems">
    /// The items stored for a <c>previous_response_id</c> (a JSON array: that request's
    /// <see cref="ResponsesRequest.InputItems"/> then its answer's output items); null when unknown.
    /// </param>
    public static ResponsesRequest Translate(ReadOnlySpan<byte> body, Func<string, byte[]?> previousItems)
    {
        ArgumentNullException.ThrowIfNull(previousItems);
        if (!Utf8.IsValid(body))
        {
            return Refused(DoorProblem.Body("The request body is not valid UTF-8."), null, false, true, null);
        }

        var bytes = body.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            return Refused(DoorProblem.Body($"The request body is not valid JSON: {ex.Message}"), null, false, true, null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused(DoorProblem.Body("The request body must be a JSON object."), null, false, true, null);
            }

            // Read before anything can fail, so that a refused request still reports them.
            var model = LenientString(root, "model");
            var stream = root.TryGetProperty("stream"u8, out var streamElement) && streamElement.ValueKind == JsonValueKind.True;
            var store = !(root.TryGetProperty("store"u8, out var storeElement) && storeElement.ValueKind == JsonValueKind.False);
            var promptCacheKey = LenientString(root, "prompt_cache_key");
            try
            {
                if (UnpairedSurrogates.In(bytes))
                {
                    throw DoorProblem.Body("The request body holds an unpaired UTF-16 surrogate escape (such as \\ud800 alone), which is no Unicode text.");
                }

                return Build(root, bytes.Length, previousItems, stream, store, promptCacheKey);
            }
            catch (DoorProblem problem)
            {
                return Refused(problem, model, stream, store, promptCacheKey);
            }
        }
    }

    private static ResponsesRequest Refused(DoorProblem problem, string? model, bool stream, bool store, string? promptCacheKey) =>
        new(null, problem.Message, problem.Param, model, stream, null, null, [], store, promptCacheKey);

    private static string? LenientString(JsonElement root, string name) =>
        TryGet(root, name, out var value) && value.ValueKind == JsonValueKind.String && !UnpairedSurrogates.In(JsonMarshal.GetRawUtf8Value(value))
            ? value.GetString()
            : null;

    private static ResponsesRequest Build(JsonElement root, int sizeHint, Func<string, byte[]?> previousItems, bool streamFlag, bool storeFlag, string? promptCacheKey)
    {
        var model = RequiredNonEmptyString(root, "model", "model");
        ResponsesOptions.CheckUnsupported(root);
        var system = new List<TextPiece>();
        if (TryGet(root, "instructions", out var instructions))
        {
            String(instructions, "instructions");
            if (AnthropicRequestJson.IsNonBlankText(instructions))
            {
                system.Add(TextPiece.Of(instructions));
            }
        }

        using var input = ResponsesInput.Read(root, previousItems);
        var turns = ResponsesInputItems.Collect(input.Enumerate(), system);

        var maxTokens = ResponsesOptions.MaxTokens(root);
        var thinkingBudget = ResponsesOptions.ThinkingBudget(root);
        var (temperature, topP) = HubOptions.Sampling(root);
        var stream = OptionalBoolean(root, "stream", "stream");
        OptionalBoolean(root, "store", "store");
        ResponsesOptions.CheckIgnored(root);

        var (tools, customTools, dropped) = ResponsesTools.Read(root);
        var (toolChoice, forcedName) = ResponsesTools.ReadToolChoice(root);
        var disableParallel = OptionalBoolean(root, "parallel_tool_calls", "parallel_tool_calls") == false;
        ResponsesOptions.TextFormat(root, system);
        var userId = HubOptions.UserId(root);

        (thinkingBudget, maxTokens) = HubOptions.Thinking(thinkingBudget, maxTokens, toolChoice, turns);
        if (thinkingBudget is null)
        {
            // Thinking blocks are only for a request that thinks.
            turns.ForEach(t => t.Thinking.Clear());
        }

        var body = HubRequestWriter.Write(new HubRequest(model, maxTokens, system, turns)
        {
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

        var answer = new ResponsesAnswerContext(ResponsesEcho.Of(root), customTools);
        return new ResponsesRequest(body, null, null, model, streamFlag, answer, input.Items, dropped, storeFlag, promptCacheKey);
    }
}
