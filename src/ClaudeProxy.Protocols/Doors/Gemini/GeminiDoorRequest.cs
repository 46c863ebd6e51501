namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// A Gemini <c>generateContent</c>, <c>streamGenerateContent</c> or <c>countTokens</c> request as the
/// gateway serves it: the Anthropic request it became (a Messages body, or a <c>count_tokens</c> body),
/// or why it could not become one.
/// </summary>
/// <param name="Body">The UTF-8 JSON of the Anthropic request; null when there is a <paramref name="Problem"/>.</param>
/// <param name="Problem">
/// Why the request was refused, naming the field by its JSON path as the client spelled it
/// (<c>contents[2].parts[0].inlineData.mimeType: …</c>); null on success. Answer it as a 400
/// <c>INVALID_ARGUMENT</c> (<see cref="GeminiDoorErrorTranslator.Create"/>).
/// </param>
/// <param name="Model">The model the hub request names: the <c>{model}</c> path segment without <c>models/</c>; null when it was empty.</param>
/// <param name="Stream">True for <c>:streamGenerateContent</c>; the hub body then says <c>"stream":true</c>.</param>
public sealed record GeminiDoorRequest(byte[]? Body, string? Problem, string? Model, bool Stream)
{
    /// <summary>
    /// The kinds of the client's tools the hub cannot serve (<c>googleSearch</c>, <c>codeExecution</c>,
    /// <c>urlContext</c>, …, as the client spelled them), dropped from the request rather than refused:
    /// worth a log line.
    /// </summary>
    public IReadOnlyList<string> DroppedTools { get; init; } = [];

    /// <summary>
    /// The client's <c>generationConfig.thinkingConfig.includeThoughts</c>: pass it to the answer
    /// translators, which write thought parts only when it is true (the thought signatures that carry
    /// the thinking back travel either way).
    /// </summary>
    public bool IncludeThoughts { get; init; }
}
