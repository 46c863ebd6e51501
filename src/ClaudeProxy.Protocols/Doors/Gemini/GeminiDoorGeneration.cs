using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using static ClaudeProxy.Protocols.Doors.Gemini.GeminiDoorFields;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// <c>generationConfig</c> as the hub's limits, sampling, stop sequences and thinking, and the
/// structured-output settings as a system instruction. Fields the hub has no use for
/// (<c>presencePenalty</c>, <c>seed</c>, <c>responseLogprobs</c>, <c>mediaResolution</c>, …) are ignored;
/// those whose meaning it cannot keep (<c>candidateCount</c> above 1, a non-text output modality or
/// MIME type) are a problem.
/// </summary>
internal sealed class GeminiDoorGeneration
{
    private const string JsonInstruction = "Respond with a single JSON value only: no text, code fence or explanation before or after it.";
    private const string SchemaInstruction = "The JSON value must conform to this JSON Schema:";

    public int? MaxOutputTokens { get; private set; }

    /// <summary><c>temperature</c>, Gemini's 0–2 clamped to Anthropic's 0–1.</summary>
    public double? Temperature { get; private set; }

    public JsonElement? TopP { get; private set; }

    public JsonElement? TopK { get; private set; }

    /// <summary>The stop sequences, empty ones left out (Anthropic refuses them, and they would stop nothing).</summary>
    public List<JsonElement> StopSequences { get; } = [];

    /// <summary>The thinking budget asked for; null for no thinking.</summary>
    public int? ThinkingBudget { get; private set; }

    public bool IncludeThoughts { get; private set; }

    /// <summary>The instruction that asks for JSON output, when the client asked for it; null otherwise.</summary>
    public string? OutputInstruction { get; private set; }

    public static GeminiDoorGeneration Read(JsonElement request, string parent)
    {
        var generation = new GeminiDoorGeneration();
        if (!TryGet(request, "generationConfig", out var config, out var key))
        {
            return generation;
        }

        var path = Child(parent, key);
        Object(config, path);
        generation.ReadLimits(config, path);
        generation.ReadSampling(config, path);
        generation.ReadOutput(config, path);
        if (TryGet(config, "thinkingConfig", out var thinking, out var thinkingKey))
        {
            generation.ReadThinking(thinking, Child(path, thinkingKey));
        }

        return generation;
    }

    private void ReadLimits(JsonElement config, string path)
    {
        if (TryGet(config, "maxOutputTokens", out var max, out var key))
        {
            MaxOutputTokens = Integer(max, Child(path, key), min: 1);
        }

        if (TryGet(config, "candidateCount", out var count, out key) && Integer(count, Child(path, key), min: 1) > 1)
        {
            throw DoorProblem.At(Child(path, key), "only 1 is supported");
        }

        if (TryGet(config, "stopSequences", out var stops, out key))
        {
            var stopsPath = Child(path, key);
            Array(stops, stopsPath);
            var index = 0;
            foreach (var stop in stops.EnumerateArray())
            {
                String(stop, Item(stopsPath, index++));
                if (!stop.ValueEquals(""u8))
                {
                    StopSequences.Add(stop);
                }
            }
        }
    }

    private void ReadSampling(JsonElement config, string path)
    {
        if (TryGet(config, "temperature", out var temperature, out var key))
        {
            Temperature = Math.Min(1, Number(temperature, Child(path, key), 0, 2));
        }

        if (TryGet(config, "topP", out var topP, out key))
        {
            Number(topP, Child(path, key), 0, 1);
            TopP = topP;
        }

        if (TryGet(config, "topK", out var topK, out key))
        {
            Integer(topK, Child(path, key), min: 1);
            TopK = topK;
        }
    }

    private void ReadOutput(JsonElement config, string path)
    {
        if (TryGet(config, "responseModalities", out var modalities, out var key))
        {
            var modalitiesPath = Child(path, key);
            Array(modalities, modalitiesPath);
            var index = 0;
            foreach (var modality in modalities.EnumerateArray())
            {
                var itemPath = Item(modalitiesPath, index++);
                if (EnumName(modality, itemPath) is not ("TEXT" or "MODALITY_UNSPECIFIED"))
                {
                    throw DoorProblem.At(itemPath, $"{Quote(modality)} is not supported: the model answers with text");
                }
            }
        }

        var json = false;
        if (TryGet(config, "responseMimeType", out var mimeType, out key))
        {
            String(mimeType, Child(path, key));
            json = mimeType.GetString()!.Trim().ToLowerInvariant() switch
            {
                "" or "text/plain" => false,
                "application/json" => true,
                _ => throw DoorProblem.At(Child(path, key), $"{Quote(mimeType)} is not supported: text/plain or application/json"),
            };
        }

        JsonElement? schema = null;
        foreach (var name in (ReadOnlySpan<string>)["responseSchema", "responseJsonSchema"])
        {
            if (TryGet(config, name, out var value, out key))
            {
                Object(value, Child(path, key));
                schema = value;
            }
        }

        if (schema is { } given)
        {
            OutputInstruction = $"{JsonInstruction}\n{SchemaInstruction}\n{given.GetRawText()}";
        }
        else if (json)
        {
            OutputInstruction = JsonInstruction;
        }
    }

    /// <summary>
    /// <c>thinkingBudget</c>: 0 is off, -1 (dynamic) <see cref="GeminiDoorRequestTranslator.DefaultThinkingBudget"/>,
    /// below 1024 Anthropic's least, 1024; else <c>thinkingLevel</c>: minimal 1024, low 2048, medium 8192,
    /// high 24576; neither: the dynamic budget. A budget wins over a level.
    /// </summary>
    private void ReadThinking(JsonElement thinking, string path)
    {
        Object(thinking, path);
        if (TryGet(thinking, "includeThoughts", out var include, out var key))
        {
            IncludeThoughts = Boolean(include, Child(path, key));
        }

        if (TryGet(thinking, "thinkingBudget", out var budget, out key))
        {
            ThinkingBudget = Integer(budget, Child(path, key), min: -1) switch
            {
                0 => null,
                -1 => GeminiDoorRequestTranslator.DefaultThinkingBudget,
                var tokens => Math.Max(1024, tokens),
            };
            return;
        }

        if (TryGet(thinking, "thinkingLevel", out var level, out key))
        {
            ThinkingBudget = EnumName(level, Child(path, key)) switch
            {
                "MINIMAL" => 1024,
                "LOW" => 2048,
                "MEDIUM" or "THINKING_LEVEL_UNSPECIFIED" => GeminiDoorRequestTranslator.DefaultThinkingBudget,
                "HIGH" => 24576,
                _ => throw DoorProblem.At(Child(path, key), $"{Quote(level)} is not one of MINIMAL, LOW, MEDIUM, HIGH"),
            };
            return;
        }

        ThinkingBudget = GeminiDoorRequestTranslator.DefaultThinkingBudget;
    }

    /// <summary>The fields of the request itself whose meaning the hub cannot keep: refused rather than silently changed.</summary>
    public static void CheckUnsupported(JsonElement request, string parent)
    {
        if (TryGet(request, "cachedContent", out _, out var key))
        {
            throw DoorProblem.At(Child(parent, key), "cached contents are not supported: the gateway cannot read what Google cached; send the contents in the request");
        }
    }

    /// <summary>The system instruction's texts; a non-text part is a problem, thought parts are skipped.</summary>
    public static List<TextPiece> SystemInstruction(JsonElement request, string parent)
    {
        var texts = new List<TextPiece>();
        if (!TryGet(request, "systemInstruction", out var instruction, out var key))
        {
            return texts;
        }

        var path = Child(parent, key);
        if (instruction.ValueKind == JsonValueKind.String)
        {
            // Lenient: some clients send the text itself.
            AddText(instruction, texts);
            return texts;
        }

        Object(instruction, path);
        if (!TryGet(instruction, "parts", out var parts, out var partsKey))
        {
            return texts;
        }

        var partsPath = Child(path, partsKey);
        Array(parts, partsPath);
        var index = 0;
        foreach (var item in parts.EnumerateArray())
        {
            var part = GeminiDoorPart.Read(item, Item(partsPath, index++));
            if (part.Kind != GeminiDoorPartKind.Text)
            {
                throw DoorProblem.At(part.Path, "a system instruction holds text parts only");
            }

            String(part.Data, part.Path);
            if (!part.Thought)
            {
                AddText(part.Data, texts);
            }
        }

        return texts;
    }

    private static void AddText(JsonElement text, List<TextPiece> into)
    {
        if (AnthropicRequestJson.IsNonBlankText(text))
        {
            into.Add(TextPiece.Of(text));
        }
    }
}
