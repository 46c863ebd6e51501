namespace ClaudeProxy.Protocols.Translation.Responses;

/// <summary>What a channel says about its OpenAI Responses upstream.</summary>
public sealed record ResponsesRequestOptions
{
    /// <summary>The upstream model name (after the channel's mapping), e.g. <c>gpt-5.1-codex</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The most output tokens the upstream model allows; larger requests are clamped (and logged).</summary>
    public int? MaxTokensCap { get; init; }

    /// <summary>
    /// Only <see cref="ReasoningStyle.OpenAIEffort"/> sends <c>reasoning</c> (effort and summaries), asks
    /// for <c>reasoning.encrypted_content</c> and replays earlier reasoning items: models without reasoning
    /// reject them; it also drops <c>temperature</c> and <c>top_p</c>, which reasoning models refuse. Any
    /// other style sends nothing about reasoning.
    /// </summary>
    public ReasoningStyle Reasoning { get; init; }

    /// <summary>
    /// Append mid-conversation system messages to <c>instructions</c>. Off (the default), they stay at their
    /// place as a tagged note in the adjacent user turn (see <see cref="SystemNote"/>), so the instructions
    /// are the same on every turn and prefix caches hit.
    /// </summary>
    public bool FoldSystemMessages { get; init; }

    /// <summary>
    /// Send <c>metadata.user_id</c> as <c>safety_identifier</c> (its SHA-256 hex, as for Chat Completions' <c>user</c>),
    /// and the same hash as <c>prompt_cache_key</c>, which keeps a user's requests on one upstream prefix cache.
    /// </summary>
    public bool ForwardUserId { get; init; } = true;
}
