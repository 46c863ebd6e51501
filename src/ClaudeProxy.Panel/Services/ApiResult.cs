namespace ClaudeProxy.Panel.Services;

public enum ApiStatus
{
    Ok,
    Unauthorized,
    Failed,
}

/// <summary>An API answer: the value, or why there is none (never the exception text, which the user should not see).</summary>
public readonly record struct ApiResult<T>(T? Value, ApiStatus Status)
;
