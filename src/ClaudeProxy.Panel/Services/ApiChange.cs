namespace ClaudeProxy.Panel.Services;

/// <summary>
/// The answer to a change (POST, PUT, DELETE): the value, or why there is none. <see cref="Message"/> is
/// the server's own words when it refused the request (a 4xx names the field at fault); never exception text.
/// </summary>
public readonly record struct ApiChange<T>(T? Value, ApiStatus Status, string? Message)
{
    public bool Ok => Status == ApiStatus.Ok;
}
