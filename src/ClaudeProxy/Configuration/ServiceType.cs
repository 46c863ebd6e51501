namespace ClaudeProxy.Configuration;

/// <summary>The upstream protocols a channel can speak.</summary>
public static class ServiceType
{
    public const string Claude = "claude";
    public const string OpenAI = "openai";
    /// <summary>Chat Completions that take <c>max_tokens</c> rather than <c>max_completion_tokens</c>.</summary>
    public const string OpenAIOld = "openaiold";
    public const string Gemini = "gemini";
    /// <summary>OpenAI Responses (<c>/v1/responses</c>), for models served only there.</summary>
    public const string Responses = "responses";

    public static readonly IReadOnlyList<string> All = [Claude, OpenAI, OpenAIOld, Gemini, Responses];

    public static bool IsKnown(string? value) => value is not null && All.Contains(value);
}
