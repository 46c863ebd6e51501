namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// An OpenAI Responses request as the gateway serves it: the Anthropic Messages request it became, or
/// why it could not become one, and what the answer must carry back.
/// </summary>
/// <param name="Body">The UTF-8 JSON of the Anthropic Messages request; null when there is a <paramref name="Problem"/>.</param>
/// <param name="Problem">Why the request was refused, naming the field by its JSON path (<c>input[2].call_id: …</c>); null on success.</param>
/// <param name="ProblemParam">The path of the refused field alone (OpenAI's error <c>param</c>); null on success or when no single field is at fault.</param>
/// <param name="Model">The client's <c>model</c>, when it could be read (even on a problem).</param>
/// <param name="Stream">The client's <c>stream</c>.</param>
/// <param name="Answer">What the answer's translators need from the request; null on a problem.</param>
/// <param name="InputItems">
/// The conversation as Responses input items (a JSON array): the stored items of <c>previous_response_id</c>,
/// then this request's <c>input</c> (a string input as one user message). Stored with the answer's output
/// items so that a later request can continue from this one.
/// </param>
/// <param name="DroppedTools">The types of the tools the hub cannot serve (<c>web_search</c>, <c>namespace</c>, …), dropped from the request.</param>
/// <param name="Store">The client's <c>store</c> (true when absent, as OpenAI's default).</param>
/// <param name="PromptCacheKey">The client's <c>prompt_cache_key</c>: the conversation it names, for routing affinity.</param>
public sealed record ResponsesRequest(
    byte[]? Body,
    string? Problem,
    string? ProblemParam,
    string? Model,
    bool Stream,
    ResponsesAnswerContext? Answer,
    byte[]? InputItems,
    IReadOnlyList<string> DroppedTools,
    bool Store,
    string? PromptCacheKey);

/// <summary>What the Responses door's answer translators carry over from the request.</summary>
/// <param name="Echo">
/// A JSON object of the request fields a response object repeats, as the client sent them (absent ones
/// omitted): <c>instructions</c>, <c>tools</c>, <c>tool_choice</c>, <c>parallel_tool_calls</c>,
/// <c>temperature</c>, <c>top_p</c>, <c>max_output_tokens</c>, <c>previous_response_id</c>, <c>store</c>,
/// <c>metadata</c>, <c>reasoning</c>, <c>text</c>, <c>truncation</c>, <c>user</c>, <c>prompt_cache_key</c>.
/// </param>
/// <param name="CustomTools">The names of the client's custom (freeform) tools: their calls answer as <c>custom_tool_call</c> items whose <c>input</c> is the hub call's <c>input</c> string.</param>
public sealed record ResponsesAnswerContext(byte[] Echo, IReadOnlySet<string> CustomTools);
