using System.Text.Json;

namespace ClaudeProxy.Protocols.Translation;

/// <summary>Reads what reasoning a Messages request asks for: <c>thinking</c> and <c>output_config.effort</c>.</summary>
public readonly record struct ReasoningEffort(bool Requested, bool ExplicitlyDisabled, string? Effort, int? BudgetTokens)
{
    public static ReasoningEffort From(JsonElement request)
    {
        string? effort = null;
        if (request.TryGetProperty("output_config"u8, out var outputConfig) && outputConfig.ValueKind == JsonValueKind.Object
            && outputConfig.TryGetProperty("effort"u8, out var effortElement) && effortElement.ValueKind == JsonValueKind.String)
        {
            effort = effortElement.GetString();
        }

        var requested = false;
        var disabled = false;
        int? budget = null;
        if (request.TryGetProperty("thinking"u8, out var thinking) && thinking.ValueKind == JsonValueKind.Object
            && thinking.TryGetProperty("type"u8, out var type) && type.ValueKind == JsonValueKind.String)
        {
            requested = type.ValueEquals("enabled"u8) || type.ValueEquals("adaptive"u8);
            disabled = type.ValueEquals("disabled"u8);
            if (thinking.TryGetProperty("budget_tokens"u8, out var budgetElement) && budgetElement.TryGetInt32(out var value))
            {
                budget = value;
            }
        }

        return new ReasoningEffort(requested || effort is not null, disabled, effort, budget);
    }

    /// <summary>low, medium or high: the effort if given, else from the budget (≤1024 low, ≤8192 medium, more high), else medium.</summary>
    public string Level => Effort?.ToLowerInvariant() switch
    {
        "low" or "minimal" => "low",
        "medium" => "medium",
        "high" or "max" or "xhigh" => "high",
        _ => BudgetTokens switch
        {
            null => "medium",
            <= 1024 => "low",
            <= 8192 => "medium",
            _ => "high",
        },
    };
}
