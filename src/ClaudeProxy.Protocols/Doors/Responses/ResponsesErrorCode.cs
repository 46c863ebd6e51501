using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>The error codes a Responses client knows, for the errors the gateway reports in its events.</summary>
public static class ResponsesErrorCode
{
    /// <summary>
    /// The Responses error code for an Anthropic error type: <c>rate_limit_error</c> is
    /// <c>rate_limit_exceeded</c>, <c>invalid_request_error</c> and <c>request_too_large</c> are
    /// <c>invalid_prompt</c>, and everything else (overloaded, api, timeout, authentication, permission,
    /// billing, not found, unknown) is <c>server_error</c>: the codes a Responses client knows.
    /// </summary>
    public static string For(string? anthropicErrorType) => anthropicErrorType switch
    {
        AnthropicErrorType.RateLimit => "rate_limit_exceeded",
        AnthropicErrorType.InvalidRequest or AnthropicErrorType.RequestTooLarge => "invalid_prompt",
        _ => "server_error",
    };
}
