using System.Text.Json;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Translation.OpenAIChat;

namespace ClaudeProxy.Protocols.Tests.Golden;

/// <summary>Reads <c>options.json</c> (request goldens) and <c>context.json</c> (response and stream goldens); unknown keys are errors, so a typo cannot pass silently.</summary>
internal static class FixtureSettings
{
    private static readonly Dictionary<string, ReasoningStyle> ReasoningStyles = new(StringComparer.Ordinal)
    {
        ["none"] = ReasoningStyle.None,
        ["openai"] = ReasoningStyle.OpenAIEffort,
        ["deepseek"] = ReasoningStyle.DeepSeekThinking,
    };

    public static ChatRequestOptions RequestOptions(string json)
    {
        using var document = JsonDocument.Parse(json);
        var options = new ChatRequestOptions { Model = "" };
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value;
            options = property.Name switch
            {
                "model" => options with { Model = value.GetString()! },
                "useMaxCompletionTokens" => options with { UseMaxCompletionTokens = value.GetBoolean() },
                "maxTokensCap" => options with { MaxTokensCap = value.ValueKind == JsonValueKind.Null ? null : value.GetInt32() },
                "reasoning" => options with { Reasoning = ReasoningStyles[value.GetString()!] },
                "systemMessagesInPlace" => options with { SystemMessagesInPlace = value.GetBoolean() },
                "foldSystemMessages" => options with { FoldSystemMessages = value.GetBoolean() },
                "forwardUserId" => options with { ForwardUserId = value.GetBoolean() },
                _ => throw new InvalidDataException($"options.json: unknown key '{property.Name}'."),
            };
        }

        return options.Model.Length > 0 ? options : throw new InvalidDataException("options.json: 'model' is required.");
    }

    /// <summary>The response context: the model the client asked for, and the tool names its request declared (registered as the request translation would).</summary>
    public static ChatResponseContext ResponseContext(string? json)
    {
        var model = "claude-sonnet-4-5";
        var toolNames = ToolNameMap.ForOpenAI();
        if (json is null)
        {
            return new ChatResponseContext(model, toolNames);
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            switch (property.Name)
            {
                case "requestedModel":
                    model = property.Value.GetString()!;
                    break;
                case "toolNames":
                    foreach (var name in property.Value.EnumerateArray())
                    {
                        toolNames.ToUpstream(name.GetString()!);
                    }

                    break;
                default:
                    throw new InvalidDataException($"context.json: unknown key '{property.Name}'.");
            }
        }

        return new ChatResponseContext(model, toolNames);
    }
}
