namespace ClaudeProxy.Upstreams;

/// <summary>
/// A 2xx stream read up to its deciding event: the body (those bytes included) and what the event showed;
/// for an error, the event itself.
/// </summary>
public sealed record StreamStartResult(PrefetchedStream Stream, StreamStart Decision, byte[] EventName, byte[] EventData);
