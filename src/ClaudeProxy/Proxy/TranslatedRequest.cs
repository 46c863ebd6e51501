namespace ClaudeProxy.Proxy;

/// <summary>
/// What a door that translates hands the Messages path besides the hub body: the path and headers an
/// Anthropic upstream gets in place of the client's (whose headers belong to another protocol).
/// Conversation affinity still reads the client's own headers. <paramref name="Door"/> is the client's
/// request itself, when a channel of its protocol may take it untranslated. <paramref name="ClientDoor"/> names the
/// door (a <see cref="Configuration.ClientDoor"/> name), which decides the channels that may serve it.
/// </summary>
public sealed record TranslatedRequest(string HubPath, IHeaderDictionary UpstreamHeaders, string ClientDoor, DoorBody? Door = null);
