using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Validation;
using static ClaudeProxy.Protocols.Doors.Gemini.GeminiDoorFields;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// Translates a Gemini API request body (<c>generateContent</c>, <c>streamGenerateContent</c>,
/// <c>countTokens</c>) into an Anthropic request body, the gateway's hub format. Every field is taken in
/// camelCase or snake_case, as Google's API takes it. What it does with each field:
/// <list type="bullet">
/// <item><c>systemInstruction</c> texts become <c>system</c> (one string, joined by a blank line; the role is ignored).</item>
/// <item><c>contents</c> become the turns (<see cref="GeminiDoorContents"/>): texts, images and PDFs
/// (<c>inlineData</c>), function calls and responses as <c>tool_use</c>/<c>tool_result</c>, and the
/// signed thinking this door packed into thought signatures. <c>fileData</c> and code execution parts are
/// a problem.</item>
/// <item><c>tools</c> (function declarations, their <c>parameters</c> or <c>parametersJsonSchema</c>)
/// and <c>toolConfig</c> (<see cref="GeminiDoorTools"/>); Google's own tools are dropped and listed in
/// <see cref="GeminiDoorRequest.DroppedTools"/>.</item>
/// <item><c>generationConfig</c> (<see cref="GeminiDoorGeneration"/>): <c>maxOutputTokens</c> (else
/// <see cref="DefaultMaxTokens"/>), <c>temperature</c> (clamped to 1), <c>topP</c> (only without a
/// temperature: recent Claude models refuse both), <c>topK</c>, <c>stopSequences</c>,
/// <c>thinkingConfig</c> as a thinking budget, JSON output (<c>responseMimeType</c>,
/// <c>responseSchema</c>, <c>responseJsonSchema</c>) as a system instruction. With thinking on, the
/// sampling settings are left out, as Anthropic wants.</item>
/// <item>Thinking is left off when a function call is forced, when the contents end with a model turn
/// (a prefill), and when the request continues a tool loop whose last model turn brought back no thinking
/// Anthropic signed: Anthropic refuses each of those next to thinking.</item>
/// <item><c>safetySettings</c>, <c>labels</c>, <c>serviceTier</c> and the body's own <c>model</c> are
/// ignored; <c>cachedContent</c> is a problem (the gateway cannot read Google's cache, and answering
/// without it would answer something else).</item>
/// </list>
/// A field of the wrong type, or one the hub cannot express, is a problem naming the field by its JSON
/// path. The client's strings are copied into the hub body as their bytes, never decoded and encoded again.
/// </summary>
/// <remarks>
/// How an endpoint serves the door with these translators:
/// <list type="number">
/// <item><c>POST …/models/{model}:generateContent</c> and <c>:streamGenerateContent</c> (SSE with
/// <c>alt=sse</c>, else one streamed JSON array): <see cref="Translate"/>. A
/// <see cref="GeminiDoorRequest.Problem"/> is answered 400 with
/// <see cref="GeminiDoorErrorTranslator.Create"/>(400, problem, <c>"INVALID_ARGUMENT"</c>); else the
/// <see cref="GeminiDoorRequest.Body"/> goes through the hub as a Messages request.</item>
/// <item>A hub answer that is an error: <see cref="GeminiDoorErrorTranslator.Translate"/>, with the HTTP
/// status <see cref="GeminiDoorErrorTranslator.ClientStatus"/> (529 becomes 503).</item>
/// <item>A whole answer: <see cref="GeminiDoorResponseTranslator.Translate"/>(body, request.Model,
/// request.IncludeThoughts), as <c>application/json</c>.</item>
/// <item>A streamed answer: a <see cref="GeminiDoorStreamTranslator"/>(request.Model, sseFraming: alt is
/// sse) with <c>IncludeThoughts</c> set from the request, as <c>text/event-stream</c> or
/// <c>application/json</c>; <c>Write</c> each upstream read, <c>Complete</c> at its end, <c>Fail</c> for a
/// failure the upstream did not report (a timeout, a broken connection).</item>
/// <item><c>POST …/models/{model}:countTokens</c>: <see cref="TranslateCountTokens"/>, the body to the hub's
/// <c>count_tokens</c>, the answer through <see cref="GeminiDoorCountTokensTranslator.Translate"/>.</item>
/// </list>
/// Gemini clients send their key as <c>x-goog-api-key</c> or <c>?key=</c>; nothing here reads either.
/// </remarks>
public static class GeminiDoorRequestTranslator
{
    /// <summary>The <c>max_tokens</c> of a request without <c>maxOutputTokens</c>: room for an agent's long answers and edits.</summary>
    public const int DefaultMaxTokens = 32000;

    /// <summary>The thinking budget for Gemini's dynamic thinking (<c>thinkingBudget: -1</c>) and for a <c>thinkingConfig</c> that sets none.</summary>
    public const int DefaultThinkingBudget = 8192;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A <c>generateContent</c> or <c>streamGenerateContent</c> body as an Anthropic Messages body.</summary>
    /// <param name="body">The request body (JSON).</param>
    /// <param name="model">The <c>{model}</c> path segment (<c>gemini-2.5-pro</c>; a leading <c>models/</c> is removed); the hub body names it.</param>
    /// <param name="stream">True for <c>:streamGenerateContent</c>.</param>
    public static GeminiDoorRequest Translate(ReadOnlySpan<byte> body, string model, bool stream) => Run(body, model, stream, countTokens: false);

    /// <summary>
    /// A <c>countTokens</c> body (<c>{"contents":[…]}</c> or <c>{"generateContentRequest":{…}}</c>) as an
    /// Anthropic <c>count_tokens</c> body: model, system, messages, tools and tool choice.
    /// </summary>
    public static GeminiDoorRequest TranslateCountTokens(ReadOnlySpan<byte> body, string model) => Run(body, model, stream: false, countTokens: true);

    private static GeminiDoorRequest Run(ReadOnlySpan<byte> body, string model, bool stream, bool countTokens)
    {
        ArgumentNullException.ThrowIfNull(model);
        var hubModel = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        var modelOrNull = hubModel.Length > 0 ? hubModel : null;
        if (modelOrNull is null)
        {
            return new GeminiDoorRequest(null, "The model is missing from the path (models/{model}:generateContent).", null, stream);
        }

        if (!Utf8.IsValid(body))
        {
            return new GeminiDoorRequest(null, "The request body is not valid UTF-8.", modelOrNull, stream);
        }

        var bytes = body.ToArray();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            return new GeminiDoorRequest(null, $"The request body is not valid JSON: {ex.Message}", modelOrNull, stream);
        }

        using (document)
        {
            try
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw DoorProblem.Body("The request body must be a JSON object.");
                }

                if (UnpairedSurrogates.In(bytes))
                {
                    throw DoorProblem.Body("The request body holds an unpaired UTF-16 surrogate escape (such as \\ud800 alone), which is no Unicode text.");
                }

                var (request, parent) = countTokens ? CountTokensRequest(root) : (root, "");
                var dropped = new List<string>();
                var (hubBody, includeThoughts) = Build(request, parent, modelOrNull, stream, countTokens, dropped, bytes.Length);
                return new GeminiDoorRequest(hubBody, null, modelOrNull, stream) { DroppedTools = dropped, IncludeThoughts = includeThoughts };
            }
            catch (DoorProblem problem)
            {
                return new GeminiDoorRequest(null, problem.Message, modelOrNull, stream);
            }
        }
    }

    /// <summary>The request whose tokens are counted: <c>generateContentRequest</c> when given, else the body itself (its <c>contents</c>).</summary>
    private static (JsonElement Request, string Parent) CountTokensRequest(JsonElement root)
    {
        if (!TryGet(root, "generateContentRequest", out var request, out var key))
        {
            return (root, "");
        }

        Object(request, key);
        return (request, key);
    }

    private static (byte[] Body, bool IncludeThoughts) Build(JsonElement request, string parent, string model, bool stream, bool countTokens, List<string> dropped, int sizeHint)
    {
        GeminiDoorGeneration.CheckUnsupported(request, parent);
        var system = GeminiDoorGeneration.SystemInstruction(request, parent);
        var turns = GeminiDoorContents.Collect(request, parent);
        var tools = GeminiDoorTools.Read(request, parent, dropped);
        var (toolChoice, forcedName) = GeminiDoorTools.ReadToolChoice(request, parent);
        var generation = GeminiDoorGeneration.Read(request, parent);
        if (generation.OutputInstruction is { } instruction)
        {
            system.Add(TextPiece.Of(instruction));
        }

        var thinkingBudget = ThinkingBudget(generation, turns, tools.Count > 0 ? toolChoice : null);
        var maxTokens = generation.MaxOutputTokens ?? DefaultMaxTokens;
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
                if (!countTokens)
                {
                    writer.WriteNumber("max_tokens"u8, maxTokens);
                }

                if (system.Count > 0)
                {
                    writer.WritePropertyName("system"u8);
                    JoinedText.Write(writer, system, "\\n\\n"u8);
                }

                GeminiDoorTurnWriter.WriteMessages(writer, turns);
                if (!countTokens)
                {
                    WriteGeneration(writer, generation, thinkingBudget, stream);
                }

                GeminiDoorTools.Write(writer, tools, toolChoice, forcedName);
                writer.WriteEndObject();
            }

            return (buffer.WrittenSpan.ToArray(), generation.IncludeThoughts);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// The budget asked for, unless Anthropic would refuse thinking here: next to a forced tool, after a
    /// prefill, or in a tool loop whose last model turn brought no thinking Anthropic signed back.
    /// </summary>
    private static int? ThinkingBudget(GeminiDoorGeneration generation, List<GeminiDoorTurn> turns, string? toolChoice)
    {
        if (generation.ThinkingBudget is not { } budget || toolChoice is "any" or "tool" || !turns[^1].IsUser)
        {
            return null;
        }

        return GeminiDoorContents.ContinuesToolLoop(turns) && GeminiDoorContents.LastAssistant(turns)?.StartsWithSignedThinking != true ? null : budget;
    }

    private static void WriteGeneration(Utf8JsonWriter writer, GeminiDoorGeneration generation, int? thinkingBudget, bool stream)
    {
        if (generation.StopSequences.Count > 0)
        {
            writer.WriteStartArray("stop_sequences"u8);
            foreach (var stop in generation.StopSequences)
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(stop), skipInputValidation: true);
            }

            writer.WriteEndArray();
        }

        if (thinkingBudget is { } budget)
        {
            writer.WriteStartObject("thinking"u8);
            writer.WriteString("type"u8, "enabled"u8);
            writer.WriteNumber("budget_tokens"u8, budget);
            writer.WriteEndObject();
        }
        else
        {
            if (generation.Temperature is { } temperature)
            {
                writer.WriteNumber("temperature"u8, temperature);
            }
            else if (generation.TopP is { } topP)
            {
                writer.WritePropertyName("top_p"u8);
                topP.WriteTo(writer);
            }

            if (generation.TopK is { } topK)
            {
                writer.WritePropertyName("top_k"u8);
                topK.WriteTo(writer);
            }
        }

        if (stream)
        {
            writer.WriteBoolean("stream"u8, true);
        }
    }
}
