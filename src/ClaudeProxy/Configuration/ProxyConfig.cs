using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaudeProxy.Configuration;

/// <summary>
/// The whole config file. An instance is never changed: a change builds a new one and the
/// <see cref="ConfigStore"/> swaps it in atomically.
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

    [JsonPropertyName("upstream")]
    public IReadOnlyList<ChannelConfig> Upstream { get; init; } = [];

    /// <summary>claude-proxy's "current" channel: it is tried first.</summary>
    [JsonPropertyName("currentUpstream")]
    public int CurrentUpstream { get; init; }

    [JsonPropertyName("loadBalance")]
    public string LoadBalance { get; init; } = LoadBalanceStrategy.Failover;

    /// <summary>
    /// USD per million tokens by model pattern (<c>*</c> and <c>?</c> wildcards, case-insensitive); adds
    /// to the built-in price table, and an entry here wins over any built-in one.
    /// </summary>
    [JsonPropertyName("prices")]
    public IReadOnlyDictionary<string, PriceConfig>? Prices { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
