namespace ClaudeProxy.Proxy.Doors;

/// <summary>
/// What a door's translated request is on the Messages path: its hub path, and the headers it goes
/// upstream with — a client of another protocol sends none an Anthropic upstream understands, so it gets
/// the API version the hub body is written in.
/// </summary>
internal static class HubRequests
{
    public static TranslatedRequest Messages(DoorBody? door = null) => new("/v1/messages", Headers(), door);

    public static TranslatedRequest CountTokens() => new("/v1/messages/count_tokens", Headers());

    private static HeaderDictionary Headers() => new() { ["anthropic-version"] = "2023-06-01" };
}
