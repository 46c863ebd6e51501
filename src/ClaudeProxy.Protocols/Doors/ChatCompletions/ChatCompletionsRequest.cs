namespace ClaudeProxy.Protocols.Doors.ChatCompletions;

/// <summary>
/// A Chat Completions request as the gateway serves it: the Anthropic Messages request it became, or
/// why it could not become one.
/// </summary>
/// <param name="Body">The UTF-8 JSON of the Anthropic Messages request; null when there is a <paramref name="Problem"/>.</param>
/// <param name="Problem">
/// Why the request was refused, naming the field by its JSON path
/// (<c>messages[2].tool_calls[0].function.arguments: must be a JSON object</c>); null on success.
/// </param>
/// <param name="ProblemParam">The path of the refused field alone (OpenAI's error <c>param</c>); null on success or when no single field is at fault.</param>
/// <param name="Model">The client's <c>model</c>, when it could be read (even on a problem).</param>
/// <param name="Stream">The client's <c>stream</c>.</param>
/// <param name="IncludeUsage">The client's <c>stream_options.include_usage</c>: a final usage chunk is wanted.</param>
public sealed record ChatCompletionsRequest(byte[]? Body, string? Problem, string? ProblemParam, string? Model, bool Stream, bool IncludeUsage);
