namespace ClaudeProxy.Upstreams;

/// <summary>
/// A 2xx that is no answer: a stream that ended before any content block or stop reason, or a
/// message with no content and no output tokens. Nothing has reached the client, so the attempt fails over.
/// </summary>
public sealed class EmptyAnswerException(string message) : IOException(message);
