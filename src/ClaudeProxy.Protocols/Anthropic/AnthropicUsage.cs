namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>Anthropic's usage numbers; <c>input_tokens</c> excludes cache reads and writes.</summary>
public readonly record struct AnthropicUsage(long InputTokens, long OutputTokens, long CacheCreationInputTokens, long CacheReadInputTokens)
{
    public static AnthropicUsage Zero => default;
}
