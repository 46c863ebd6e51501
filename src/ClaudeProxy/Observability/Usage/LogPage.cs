namespace ClaudeProxy.Observability.Usage;

/// <summary>A page of the request log, newest first; <see cref="Next"/> is the cursor of the following page, null at the end.</summary>
public sealed record LogPage(IReadOnlyList<RequestLogEntry> Items, long? Next);
