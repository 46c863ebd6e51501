namespace ClaudeProxy.Proxy.Doors;

/// <summary>
/// What a door's translated request is on the Messages path: its hub path, and the headers it goes
/// upstream with — a client of another protocol sends none an Anthropic upstream understands, so it gets
/// the API version the hub body is written in.
/// </summary>
internal static class HubRequests
{
    public static TranslatedRequest Messages(string clientDoor, DoorBody? door = null) => new("/v1/messages", Headers(), clientDoor, door);

    public static TranslatedRequest CountTokens(string clientDoor) => new("/v1/messages/count_tokens", Headers(), clientDoor);

    private static HeaderDictionary Headers() => new() { ["anthropic-version"] = "2023-06-01" };
}
