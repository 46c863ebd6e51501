using ClaudeProxy.Configuration;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Observability.Cost;

/// <summary>
/// What a request cost, in USD, from the usage its upstream reported, priced by the live config's
/// <see cref="PriceTable"/> (compiled once per config snapshot, on first use after a change).
/// </summary>
public sealed class CostCalculator(ConfigStore configStore)
{
    // Depends only on the snapshot, which never changes: rebuilt when ConfigStore.Current is a new one.
    private TableOfSnapshot? _table;

    /// <summary>The prices in force now.</summary>
    public PriceTable Table
    {
        get
        {
            var config = configStore.Current;
            var cached = Volatile.Read(ref _table);
            if (cached is not null && ReferenceEquals(cached.Config, config))
            {
                return cached.Table;
            }

            var table = PriceTable.For(config);
            Volatile.Write(ref _table, new TableOfSnapshot(config, table));
            return table;
        }
    }

    /// <summary>
    /// USD for one request, or null when <paramref name="model"/> has no price (never 0 for "unknown").
    /// <para>
    /// <paramref name="model"/> is the model billed: the one sent upstream, after the channel's mapping.
    /// The counts follow Anthropic's <c>usage</c>, which the hub speaks:
    /// <paramref name="input"/> is the fresh input only, cached tokens excluded (Anthropic
    /// <c>input_tokens</c>; OpenAI <c>prompt_tokens</c> minus <c>prompt_tokens_details.cached_tokens</c>;
    /// Gemini <c>promptTokenCount</c> minus <c>cachedContentTokenCount</c>);
    /// <paramref name="output"/> is every generated token, reasoning included (OpenAI
    /// <c>completion_tokens</c>; Gemini <c>candidatesTokenCount</c> plus <c>thoughtsTokenCount</c>);
    /// <paramref name="cacheRead"/> is the input read from the prompt cache (<c>cache_read_input_tokens</c>,
    /// <c>cached_tokens</c>, <c>cachedContentTokenCount</c>); <paramref name="cacheCreation"/> is the input
    /// written to it (<c>cache_creation_input_tokens</c>; 0 for OpenAI and Gemini, which do not bill writes).
    /// The translators' usage (<see cref="AnthropicUsage"/>) is already in this form.
    /// </para>
    /// <para>
    /// Cache writes are priced at the 5-minute rate; Anthropic bills 1-hour writes at twice the input
    /// price, so those come out low. Long-context surcharges (e.g. above 200K input tokens) are not applied.
    /// Negative counts are taken as 0.
    /// </para>
    /// </summary>
    public double? Cost(string? model, long input, long output, long cacheRead, long cacheCreation) =>
        Table.Find(model)?.Cost(Math.Max(0, input), Math.Max(0, output), Math.Max(0, cacheRead), Math.Max(0, cacheCreation));

    /// <summary>USD for one request from its hub usage; null when <paramref name="model"/> has no price.</summary>
    public double? Cost(string? model, AnthropicUsage usage) =>
        Cost(model, usage.InputTokens, usage.OutputTokens, usage.CacheReadInputTokens, usage.CacheCreationInputTokens);

    private sealed record TableOfSnapshot(ProxyConfig Config, PriceTable Table);
}
