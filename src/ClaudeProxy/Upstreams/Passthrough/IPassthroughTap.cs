using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Sse;

namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>Watches a relayed stream's events for the usage log: the usage it reported, and an error event that ended it.</summary>
public interface IPassthroughTap : ISseEventConsumer
{
    AnthropicUsage? Usage { get; }

    string? ErrorType { get; }

    string? ErrorMessage { get; }
}
