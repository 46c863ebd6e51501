using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Configuration;

/// <summary>The values of a channel's <c>reasoning</c> field.</summary>
public static class ReasoningSetting
{
    public static readonly IReadOnlyDictionary<string, ReasoningStyle> Values = new Dictionary<string, ReasoningStyle>(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = ReasoningStyle.None,
        ["openai"] = ReasoningStyle.OpenAIEffort,
        ["deepseek"] = ReasoningStyle.DeepSeekThinking,
        ["gemini-budget"] = ReasoningStyle.GeminiBudget,
        ["gemini-level"] = ReasoningStyle.GeminiLevel,
    };

    public static ReasoningStyle Parse(string? value) => value is not null && Values.TryGetValue(value, out var style) ? style : ReasoningStyle.None;

    /// <summary>
    /// The values a channel of <paramref name="serviceType"/> can use: each style is a field of one
    /// upstream protocol, and <c>claude</c> channels pass the client's thinking through untouched.
    /// </summary>
    public static IReadOnlyList<string> For(string? serviceType) => serviceType switch
    {
        ServiceType.OpenAI or ServiceType.OpenAIOld => ["none", "openai", "deepseek"],
        ServiceType.Responses => ["none", "openai"],
        ServiceType.Gemini => ["none", "gemini-budget", "gemini-level"],
        _ => ["none"],
    };
}
