using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Configuration;

/// <summary>
/// The whole config file. An instance is never changed: a change builds a new one and the
/// <see cref="ConfigStore"/> swaps it in atomically.
/// <para>
/// The file may keep channels in three lists (claude-proxy's <c>upstream</c>, <c>responsesUpstream</c> and
/// <c>geminiUpstream</c>); <see cref="Upstream"/> holds them all, in that order, each channel knowing its
/// <see cref="ChannelConfig.List"/>, and the file gets each list back as it was.
/// </para>
/// </summary>
public sealed record ProxyConfig
{
    public static readonly ProxyConfig Empty = new();

    /// <summary>
    /// What a config file starts as when there is none: no channels, and <c>sticky</c> keys, which keep each
    /// conversation's prompt cache while spreading the load. A file that names no strategy (claude-proxy's
    /// older files) keeps <c>failover</c>, as it meant there.
    /// </summary>
    public static readonly ProxyConfig NewFile = new() { LoadBalance = LoadBalanceStrategy.Sticky };

    private IReadOnlyList<ChannelConfig> _messages = [];
    private IReadOnlyList<ChannelConfig>? _responses;
    private IReadOnlyList<ChannelConfig>? _gemini;
    private IReadOnlyList<ChannelConfig> _all = [];

    /// <summary>Every channel of the file: <c>upstream</c>'s, then <c>responsesUpstream</c>'s, then <c>geminiUpstream</c>'s.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChannelConfig> Upstream
    {
        get => _all;
        init
        {
            var channels = value ?? [];
            _messages = [.. channels.Where(c => c is null || c.List == ChannelList.Messages)];
            // A list the file had stays in it, if only as [].
            _responses = channels.Any(c => c?.List == ChannelList.Responses) || _responses is not null ? [.. channels.Where(c => c?.List == ChannelList.Responses)] : null;
            _gemini = channels.Any(c => c?.List == ChannelList.Gemini) || _gemini is not null ? [.. channels.Where(c => c?.List == ChannelList.Gemini)] : null;
            _all = Combine();
        }
    }

    /// <summary>The file's <c>upstream</c>: the channels of the Messages door, and of every door without a list of its own.</summary>
    [JsonPropertyName("upstream")]
    public IReadOnlyList<ChannelConfig> MessagesUpstream
    {
        get => _messages;
        init
        {
            _messages = Tag(value, ChannelList.Messages) ?? [];
            _all = Combine();
        }
    }

    /// <summary>claude-proxy's "current" channel: it is tried first.</summary>
    [JsonPropertyName("currentUpstream")]
    public int CurrentUpstream { get; init; }

    [JsonPropertyName("loadBalance")]
    public string LoadBalance { get; init; } = LoadBalanceStrategy.Failover;

    /// <summary>claude-proxy's channels of the Responses door: served only through it.</summary>
    [JsonPropertyName("responsesUpstream")]
    public IReadOnlyList<ChannelConfig>? ResponsesUpstream
    {
        get => _responses;
        init
        {
            _responses = Tag(value, ChannelList.Responses);
            _all = Combine();
        }
    }

    /// <summary>The key strategy of <c>responsesUpstream</c>'s channels; absent: <see cref="LoadBalance"/>.</summary>
    [JsonPropertyName("responsesLoadBalance")]
    public string? ResponsesLoadBalance { get; init; }

    /// <summary>claude-proxy's "current" channel of <c>responsesUpstream</c>, tried first there.</summary>
    [JsonPropertyName("currentResponsesUpstream")]
    public int? CurrentResponsesUpstream { get; init; }

    /// <summary>claude-proxy's channels of the Gemini door: served only through it.</summary>
    [JsonPropertyName("geminiUpstream")]
    public IReadOnlyList<ChannelConfig>? GeminiUpstream
    {
        get => _gemini;
        init
        {
            _gemini = Tag(value, ChannelList.Gemini);
            _all = Combine();
        }
    }

    /// <summary>The key strategy of <c>geminiUpstream</c>'s channels; absent: <see cref="LoadBalance"/>.</summary>
    [JsonPropertyName("geminiLoadBalance")]
    public string? GeminiLoadBalance { get; init; }

    /// <summary>
    /// claude-proxy's fuzzy mode: every failed answer (any non-2xx) moves on to the next key or channel, and
    /// when all fail the client gets one <c>503 overloaded_error</c> instead of the last upstream's error.
    /// </summary>
    [JsonPropertyName("fuzzyModeEnabled")]
    public bool? FuzzyModeEnabled { get; init; }

    /// <summary>
    /// claude-proxy read a channel's <c>priority</c> of 0 as "not set: the channel's position"; a file migrated from
    /// it gets this marker on its first load (when several channels of a list share 0), so that reading stays.
    /// Without it, 0 is a priority like any other and channels that share one spread the load.
    /// </summary>
    [JsonPropertyName("priorityZeroMeansPosition")]
    public bool? PriorityZeroMeansPosition { get; init; }

    /// <summary>
    /// USD per million tokens by model pattern (<c>*</c> and <c>?</c> wildcards, case-insensitive); adds
    /// to the built-in price table, and an entry here wins over any built-in one.
    /// </summary>
    [JsonPropertyName("prices")]
    public IReadOnlyDictionary<string, PriceConfig>? Prices { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>The key strategy a channel of <paramref name="list"/> falls back on.</summary>
    public string LoadBalanceOf(ChannelList list) => list switch
    {
        ChannelList.Responses => ResponsesLoadBalance ?? LoadBalance,
        ChannelList.Gemini => GeminiLoadBalance ?? LoadBalance,
        _ => LoadBalance,
    };

    private static IReadOnlyList<ChannelConfig>? Tag(IReadOnlyList<ChannelConfig>? channels, ChannelList list) =>
        channels is null ? null : [.. channels.Select(c => c is null || c.List == list ? c! : c with { List = list })];

    private IReadOnlyList<ChannelConfig> Combine() =>
        _responses is null && _gemini is null ? _messages : [.. _messages, .. _responses ?? [], .. _gemini ?? []];
}
