namespace ClaudeProxy.Panel.Services;

/// <summary>
/// The answer to a change sent to the API: the value, or why there is none. <see cref="Message"/> is the
/// server's own explanation of a refusal (a 4xx validation message), never exception text.
/// </summary>
public readonly record struct ApiWriteResult<T>(T? Value, ApiStatus Status, string? Message)
{
    public bool Ok => Status == ApiStatus.Ok;
}
