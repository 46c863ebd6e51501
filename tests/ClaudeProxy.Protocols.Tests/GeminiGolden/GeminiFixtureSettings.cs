using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// The settings files of the Gemini fixtures: <c>options.json</c> for request goldens,
/// <c>context.json</c> for the others. Unknown keys are errors, so a typo cannot pass silently.
/// </summary>
internal static class GeminiFixtureSettings
{
    private static readonly string[] ContextKeys = ["requestedModel", "toolNames", "status"];

    private static readonly Dictionary<string, ReasoningStyle> ReasoningStyles = new(StringComparer.Ordinal)
    {
        ["none"] = ReasoningStyle.None,
        ["gemini-budget"] = ReasoningStyle.GeminiBudget,
        ["gemini-level"] = ReasoningStyle.GeminiLevel,
    };

    /// <summary>
    /// The request options; <c>rememberedSignatures</c> (tool-use id → signature) seeds a signature
    /// cache as earlier answers of the conversation would have. The other keys are the channel's, as
    /// config.json spells them.
    /// </summary>
    public static GeminiRequestOptions RequestOptions(string json)
    {
        using var document = JsonDocument.Parse(json);
        var options = new GeminiRequestOptions { Model = "" };
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            options = property.Name switch
            {
                "model" => options with { Model = value.GetString()! },
                "maxTokensCap" => options with { MaxTokensCap = value.GetInt32() },
                "reasoning" => options with { Reasoning = ReasoningStyles[value.GetString()!] },
                "maxStopSequences" => options with { MaxStopSequences = value.GetInt32() },
                "foldSystemMessages" => options with { FoldSystemMessages = value.GetBoolean() },
                "rememberedSignatures" => options with { Signatures = Cache(value) },
                "injectDummyThoughtSignature" => options with { InjectDummyThoughtSignature = value.GetBoolean() },
                "stripThoughtSignature" => options with { StripThoughtSignature = value.GetBoolean() },
                _ => throw new InvalidDataException($"options.json: unknown key '{property.Name}'."),
            };
        }

        return options.Model.Length > 0 ? options : throw new InvalidDataException("options.json: 'model' is required.");
    }

    /// <summary>
    /// The response context: the model the client asked for (<c>requestedModel</c>) and the tool names
    /// its request declared (<c>toolNames</c>, registered as the request translation would). Error
    /// goldens keep the upstream's <c>status</c> here too.
    /// </summary>
    public static GeminiResponseContext ResponseContext(string? json, ThoughtSignatureCache? signatures = null)
    {
        var settings = JsonNode.Parse(json ?? "{}")!.AsObject();
        var unknown = settings.Select(p => p.Key).Except(ContextKeys).FirstOrDefault();
        if (unknown is not null)
        {
            throw new InvalidDataException($"context.json: unknown key '{unknown}'.");
        }

        var toolNames = ToolNameMap.ForGemini();
        foreach (var name in settings["toolNames"]?.AsArray() ?? [])
        {
            toolNames.ToUpstream((string)name!);
        }

        return new GeminiResponseContext((string?)settings["requestedModel"] ?? "claude-sonnet-4-5", toolNames, signatures);
    }

    private static ThoughtSignatureCache Cache(JsonElement remembered)
    {
        var cache = new ThoughtSignatureCache(TimeProvider.System);
        foreach (var entry in remembered.EnumerateObject())
        {
            cache.Remember(entry.Name, entry.Value.GetString()!);
        }

        return cache;
    }
}
