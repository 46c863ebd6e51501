using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Tests.Golden;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>
/// The Gemini fixtures (<c>fixtures/gemini/&lt;kind&gt;/&lt;case&gt;</c>) read through the shared
/// <see cref="GoldenCase"/>, and their settings files: <c>options.json</c> for request goldens,
/// <c>context.json</c> for the others. Unknown keys are errors, so a typo cannot pass silently.
/// </summary>
internal static class GeminiFixtures
{
    public const string Request = "request";
    public const string Response = "response";
    public const string Stream = "stream";
    public const string Error = "error";

    // GoldenCase resolves kinds below the OpenAI fixture root; the Gemini tree is its sibling.
    private const string Root = "../gemini/";

    private static readonly string[] ContextKeys = ["requestedModel", "toolNames", "status"];

    private static readonly Dictionary<string, ReasoningStyle> ReasoningStyles = new(StringComparer.Ordinal)
    {
        ["none"] = ReasoningStyle.None,
        ["gemini-budget"] = ReasoningStyle.GeminiBudget,
        ["gemini-level"] = ReasoningStyle.GeminiLevel,
    };

    public static GoldenCase Open(string kind, string name) => GoldenCase.Open(Root + kind, name);

    public static TheoryData<string> Names(string kind) => GoldenCase.Names(Root + kind);

    public static IEnumerable<string> CaseFolders(string kind) => GoldenCase.CaseFolders(Root + kind);

    /// <summary>
    /// The request options; <c>rememberedSignatures</c> (tool-use id → signature) seeds a signature
    /// cache as earlier answers of the conversation would have.
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
                "rememberedSignatures" => options with { Signatures = Cache(value) },
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
