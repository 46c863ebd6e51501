namespace ClaudeProxy.Routing;

/// <summary>
/// What the scheduler needs to know about a request to order its attempts. <paramref name="Conversation"/>
/// is the hash of the conversation the request continues, when the client names one: it keeps the
/// conversation on one channel and, with the <c>sticky</c> strategy, on one key. <paramref name="Door"/> is the
/// client door it came in through (a <see cref="Configuration.ClientDoor"/> name): only channels serving that door are tried.
/// </summary>
public sealed record RouteRequest(ProxyEndpoint Endpoint, string? Model, IReadOnlySet<string> ServiceTypes, ulong? Conversation = null, string Door = Configuration.ClientDoor.Messages);
