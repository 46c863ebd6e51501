namespace ClaudeProxy.Protocols.Translation.Gemini;

/// <summary>What a channel says about its Gemini upstream.</summary>
public sealed record GeminiRequestOptions
{
    /// <summary>Gemini takes at most five stop sequences on generateContent.</summary>
    public const int DefaultMaxStopSequences = 5;

    /// <summary>The upstream model name (after the channel's mapping), e.g. <c>gemini-2.5-pro</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The most output tokens the upstream model allows; larger requests are clamped (and logged).</summary>
    public int? MaxTokensCap { get; init; }

    /// <summary>Only <see cref="ReasoningStyle.GeminiBudget"/> and <see cref="ReasoningStyle.GeminiLevel"/> send a <c>thinkingConfig</c>.</summary>
    public ReasoningStyle Reasoning { get; init; }

    public int MaxStopSequences { get; init; } = DefaultMaxStopSequences;

    /// <summary>
    /// Append mid-conversation system messages to <c>systemInstruction</c>. Off (the default), they stay
    /// at their place as a tagged note in the adjacent user turn (see <see cref="SystemNote"/>), so the
    /// instruction is the same on every turn and prefix caches hit.
    /// </summary>
    public bool FoldSystemMessages { get; init; }

    /// <summary>Where thought signatures from earlier answers are remembered by tool-use id; null: only the envelopes in the history count.</summary>
    public ThoughtSignatureCache? Signatures { get; init; }

    /// <summary>
    /// Give every function call that has no thought signature the documented placeholder
    /// (<see cref="GeminiModels.SkipSignatureValidator"/>), whatever the model: for Gemini-compatible upstreams that
    /// refuse a <c>functionCall</c> without one. Off (the default), only the first call of a model turn gets it, and
    /// only for a model that checks signatures. <see cref="StripThoughtSignature"/> wins when both are set.
    /// </summary>
    public bool InjectDummyThoughtSignature { get; init; }

    /// <summary>
    /// Send no <c>thoughtSignature</c> anywhere — neither Gemini's own (from the history or the gateway's memory)
    /// nor a placeholder: for older Gemini-compatible upstreams that reject the field. Off by default; when set,
    /// it wins over <see cref="InjectDummyThoughtSignature"/>.
    /// </summary>
    public bool StripThoughtSignature { get; init; }
}
