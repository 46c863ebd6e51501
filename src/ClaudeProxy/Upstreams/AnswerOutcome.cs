using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// How a committed answer went, for the usage log: the tokens the client was told about, and the
/// error that ended a stream early (a committed stream keeps its 200, so this is the only trace).
/// </summary>
public sealed record AnswerOutcome(AnthropicUsage? Usage, string? ErrorType = null, string? ErrorMessage = null)
{
    public static AnswerOutcome None { get; } = new(Usage: null);
}
