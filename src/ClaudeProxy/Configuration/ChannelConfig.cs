using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Configuration;

/// <summary>
/// One upstream account ("channel"), as stored in config.json. The field names are claude-proxy's,
/// so its files (of every version) load unchanged; <see cref="Id"/>, <see cref="Weight"/>, <see cref="Doors"/>
/// and <see cref="AuthStyle"/> are ours. Fields we do not know survive in
/// <see cref="Extra"/> and are written back.
/// </summary>
public sealed record ChannelConfig
{
    /// <summary>The share of its tier an unweighted channel gets.</summary>
    public const int DefaultWeight = 1;

    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("serviceType")]
    public string? ServiceType { get; init; }

    [JsonPropertyName("baseUrl")]
    public string? BaseUrl { get; init; }

    /// <summary>
    /// More endpoints of the same upstream (claude-proxy's later <c>baseUrls</c>): tried in order, every key
    /// on one before the next; one that fails moves behind the others for a while. <see cref="BaseUrl"/>,
    /// when set, goes first.
    /// </summary>
    [JsonPropertyName("baseUrls")]
    public IReadOnlyList<string>? BaseUrls { get; init; }

    [JsonPropertyName("apiKeys")]
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    [JsonPropertyName("modelMapping")]
    public IReadOnlyDictionary<string, string>? ModelMapping { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("website")]
    public string? Website { get; init; }

    [JsonPropertyName("insecureSkipVerify")]
    public bool InsecureSkipVerify { get; init; }

    /// <summary><c>active</c> (default), <c>suspended</c> or <c>disabled</c>; only active channels are routed to.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>
    /// Request headers this channel's upstream gets, each in place of any the gateway sets (e.g. a relay that
    /// accepts only Claude Code's <c>User-Agent</c>); never credentials or the message's framing.
    /// </summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// Until when the channel goes before every other one (claude-proxy's promotion); one channel at a
    /// time, set by the admin API's and the CLI's promote commands.
    /// </summary>
    [JsonPropertyName("promotionUntil")]
    public DateTimeOffset? PromotionUntil { get; init; }

    /// <summary>Lower runs first; absent means the channel's position in the list.</summary>
    [JsonPropertyName("priority")]
    public int? Priority { get; init; }

    /// <summary>Share of traffic among channels of equal priority; absent means 1.</summary>
    [JsonPropertyName("weight")]
    public int? Weight { get; init; }

    /// <summary>How a <c>claude</c> channel sends its key: <c>auto</c> (default), <c>x-api-key</c> or <c>bearer</c>.</summary>
    [JsonPropertyName("authStyle")]
    public string? AuthStyle { get; init; }

    /// <summary>
    /// Model patterns this channel serves (<c>*</c> and <c>?</c> wildcards, case-insensitive), e.g.
    /// <c>claude-*haiku*</c>; absent or empty means every model.
    /// </summary>
    [JsonPropertyName("models")]
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>This channel's key strategy, overriding the global <c>loadBalance</c>.</summary>
    [JsonPropertyName("loadBalance")]
    public string? LoadBalance { get; init; }

    /// <summary>The most output tokens the upstream's models accept; larger <c>max_tokens</c> are clamped (and logged).</summary>
    [JsonPropertyName("maxTokens")]
    public int? MaxTokens { get; init; }

    /// <summary>At most this many requests in flight on each key of the channel (the plan's concurrency limit); absent: no cap.</summary>
    [JsonPropertyName("maxConcurrency")]
    public int? MaxConcurrency { get; init; }

    /// <summary>At most this many requests started on each key of the channel in any 60 seconds; absent: no cap.</summary>
    [JsonPropertyName("rpm")]
    public int? Rpm { get; init; }

    /// <summary>
    /// Which reasoning controls the upstream's models take: <c>none</c> (default: thinking and effort are
    /// dropped), <c>openai</c>, <c>deepseek</c>, <c>gemini-budget</c> or <c>gemini-level</c>.
    /// </summary>
    [JsonPropertyName("reasoning")]
    public string? Reasoning { get; init; }

    /// <summary>Keep mid-conversation system messages in place (for upstreams that accept them) instead of folding them into the first.</summary>
    [JsonPropertyName("systemMessagesInPlace")]
    public bool? SystemMessagesInPlace { get; init; }

    /// <summary>
    /// Fold mid-conversation system messages into the leading system prompt (openai and gemini channels;
    /// default false: they stay at their turn, so the prompt's start never changes and prefix caches hit).
    /// </summary>
    [JsonPropertyName("foldSystemMessages")]
    public bool? FoldSystemMessages { get; init; }

    /// <summary>Send a hash of <c>metadata.user_id</c> as the upstream's <c>user</c> (default true).</summary>
    [JsonPropertyName("forwardUserId")]
    public bool? ForwardUserId { get; init; }

    /// <summary>
    /// The client doors (<c>messages</c>, <c>chat</c>, <c>responses</c>, <c>gemini</c>) whose requests this channel
    /// serves; absent means every door — except, for a channel of <c>upstream</c>, the doors the file keeps a list
    /// of their own for (<c>responsesUpstream</c>, <c>geminiUpstream</c>).
    /// </summary>
    [JsonPropertyName("doors")]
    public IReadOnlyList<string>? Doors { get; init; }

    /// <summary>Gemini: give a function call that carries no thought signature a placeholder one (for upstreams that demand it).</summary>
    [JsonPropertyName("injectDummyThoughtSignature")]
    public bool? InjectDummyThoughtSignature { get; init; }

    /// <summary>Gemini: send no thought signatures at all (for upstreams that refuse the field).</summary>
    [JsonPropertyName("stripThoughtSignature")]
    public bool? StripThoughtSignature { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The file's list this channel is kept in; set when the file is read, kept by every edit.</summary>
    [JsonIgnore]
    public ChannelList List { get; init; }

    /// <summary>
    /// The status routing acts on: the one written, except that an <c>active</c> channel without keys counts as
    /// <c>suspended</c> (it has nothing to send with), as claude-proxy had it.
    /// </summary>
    [JsonIgnore]
    public string EffectiveStatus => Status?.ToLowerInvariant() switch
    {
        ChannelStatus.Disabled => ChannelStatus.Disabled,
        ChannelStatus.Suspended => ChannelStatus.Suspended,
        _ when ApiKeys.Count == 0 => ChannelStatus.Suspended,
        _ => ChannelStatus.Active,
    };

    /// <summary>Whether the file lets routing use the channel: its status is <c>active</c> (or unset).</summary>
    [JsonIgnore]
    public bool IsActive => Status is null || string.Equals(Status, ChannelStatus.Active, StringComparison.OrdinalIgnoreCase);

    [JsonIgnore]
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id ?? "(unnamed)" : Name;
}
