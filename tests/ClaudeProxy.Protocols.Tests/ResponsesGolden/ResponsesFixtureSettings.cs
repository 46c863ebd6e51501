using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.Responses;

namespace ClaudeProxy.Protocols.Tests.ResponsesGolden;

/// <summary>
/// The settings files of the Responses-upstream fixtures: <c>options.json</c> for request goldens,
/// <c>context.json</c> for the others. Unknown keys are errors, so a typo cannot pass silently.
/// </summary>
internal static class ResponsesFixtureSettings
{
    private static readonly string[] ContextKeys = ["requestedModel", "toolNames", "status"];

    private static readonly Dictionary<string, ReasoningStyle> ReasoningStyles = new(StringComparer.Ordinal)
    {
        ["none"] = ReasoningStyle.None,
        ["openai"] = ReasoningStyle.OpenAIEffort,
    };

    public static ResponsesRequestOptions RequestOptions(string json)
    {
        using var document = JsonDocument.Parse(json);
        var options = new ResponsesRequestOptions { Model = "" };
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            options = property.Name switch
            {
                "model" => options with { Model = value.GetString()! },
                "maxTokensCap" => options with { MaxTokensCap = value.GetInt32() },
                "reasoning" => options with { Reasoning = ReasoningStyles[value.GetString()!] },
                "foldSystemMessages" => options with { FoldSystemMessages = value.GetBoolean() },
                "forwardUserId" => options with { ForwardUserId = value.GetBoolean() },
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
    public static ResponsesResponseContext ResponseContext(string? json)
    {
        var settings = JsonNode.Parse(json ?? "{}")!.AsObject();
        var unknown = settings.Select(p => p.Key).Except(ContextKeys).FirstOrDefault();
        if (unknown is not null)
        {
            throw new InvalidDataException($"context.json: unknown key '{unknown}'.");
        }

        var toolNames = ToolNameMap.ForOpenAI();
        foreach (var name in settings["toolNames"]?.AsArray() ?? [])
        {
            toolNames.ToUpstream((string)name!);
        }

        return new ResponsesResponseContext((string?)settings["requestedModel"] ?? "claude-sonnet-4-5", toolNames);
    }
}
