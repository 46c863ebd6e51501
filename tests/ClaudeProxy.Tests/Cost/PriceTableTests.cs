using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Cost;
using Xunit;

namespace ClaudeProxy.Tests.Cost;

/// <summary>The price table: cache tokens priced as such, unknown models null, the most specific pattern, config entries on top.</summary>
public sealed class PriceTableTests
{
    private const double Precision = 1e-12;

    private static PriceTable WithPrices(params (string Pattern, PriceConfig Price)[] prices) =>
        PriceTable.For(new ProxyConfig { Prices = prices.ToDictionary(p => p.Pattern, p => p.Price) });

    private static double? Cost(PriceTable table, string model, long input, long output, long cacheRead = 0, long cacheCreation = 0) =>
        table.Find(model)?.Cost(input, output, cacheRead, cacheCreation);

    [Fact]
    public void Claude_cache_reads_and_writes_are_priced_at_their_own_rates_not_as_input()
    {
        // Sonnet: $3 input, $15 output, $0.30 cache read, $3.75 cache write (5 minutes), per million.
        var cost = Cost(PriceTable.BuiltIn, "claude-sonnet-4-5-20250929", input: 1_000, output: 500, cacheRead: 2_000, cacheCreation: 400);

        Assert.NotNull(cost);
        Assert.Equal((1_000 * 3 + 500 * 15 + 2_000 * 0.30 + 400 * 3.75) / 1e6, cost.Value, Precision);
    }

    [Fact]
    public void OpenAI_cached_input_is_priced_as_cached_and_writes_cost_the_input_price()
    {
        var price = PriceTable.BuiltIn.Find("gpt-4.1-2025-04-14");

        Assert.Equal(new ModelPrice(Input: 2, Output: 8, CacheRead: 0.50, CacheWrite: 2), price);
        Assert.Equal((600 * 2 + 100 * 8 + 400 * 0.50) / 1e6, price!.Value.Cost(600, 100, 400, 0), Precision);
    }

    [Theory]
    [InlineData("my-local-llama")]
    [InlineData("gpt-5.2")]
    [InlineData("claude-sonnet-5-5")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_model_has_no_price_so_its_cost_is_null_never_zero(string? model)
    {
        Assert.Null(PriceTable.BuiltIn.Find(model));
    }

    [Theory]
    [InlineData("gpt-4o-mini-2024-07-18", 0.15)]
    [InlineData("gpt-4o-2024-08-06", 2.50)]
    [InlineData("gpt-4.1-nano", 0.10)]
    [InlineData("gpt-4.1", 2)]
    [InlineData("gemini-2.5-flash-lite", 0.10)]
    [InlineData("gemini-2.5-flash", 0.30)]
    [InlineData("claude-opus-4-5-20251101", 5)]
    [InlineData("claude-opus-4-1-20250805", 15)]
    [InlineData("claude-opus-4-20250514", 15)]
    [InlineData("CLAUDE-HAIKU-4-5", 1)]
    public void The_most_specific_matching_pattern_sets_the_price(string model, double input)
    {
        Assert.Equal(input, PriceTable.BuiltIn.Find(model)?.Input);
    }

    [Theory]
    [InlineData("gpt-4o-mini*", "gpt-4o*")]
    [InlineData("gpt-4o", "gpt-4o*")]
    [InlineData("gpt-4o-?", "gpt-4o-*")]
    [InlineData("claude-*-4-5*", "claude-*")]
    public void A_pattern_with_more_literal_characters_then_fewer_wildcards_is_more_specific(string moreSpecific, string lessSpecific)
    {
        Assert.True(PricePatternSpecificity.Compare(moreSpecific, lessSpecific) < 0);
        Assert.True(PricePatternSpecificity.Compare(lessSpecific, moreSpecific) > 0);
    }

    [Fact]
    public void Equally_specific_patterns_keep_their_listed_order()
    {
        var table = WithPrices(("a?c", new PriceConfig { Input = 1, Output = 1 }), ("?bc", new PriceConfig { Input = 2, Output = 2 }));

        Assert.Equal(1, table.Find("abc")?.Input);
    }

    [Fact]
    public void A_config_entry_overrides_the_built_in_price_and_prices_new_models()
    {
        var table = WithPrices(
            ("claude-sonnet-4*", new PriceConfig { Input = 2, Output = 10, CacheRead = 0.2, CacheWrite = 2.5 }),
            ("my-model-*", new PriceConfig { Input = 1, Output = 4 }));

        Assert.Equal(new ModelPrice(2, 10, 0.2, 2.5), table.Find("claude-sonnet-4-5"));
        // Cache prices left out cost the input price: no discount is assumed.
        Assert.Equal(new ModelPrice(1, 4, 1, 1), table.Find("my-model-7b"));
        Assert.Equal(1.25, table.Find("gpt-5")?.Input);
    }

    [Fact]
    public void A_matching_config_entry_wins_even_over_a_more_specific_built_in_one()
    {
        var table = WithPrices(("claude-*", new PriceConfig { Input = 0.5, Output = 0.5 }));

        Assert.Equal(0.5, table.Find("claude-haiku-4-5-20251001")?.Output);
        Assert.Equal(0.30, table.Find("gemini-2.5-flash")?.Input);
    }

    [Fact]
    public void Among_config_entries_the_most_specific_wins_whatever_their_order()
    {
        var table = WithPrices(
            ("gpt-*", new PriceConfig { Input = 9, Output = 9 }),
            ("gpt-4o-mini*", new PriceConfig { Input = 1, Output = 1 }));

        Assert.Equal(1, table.Find("gpt-4o-mini")?.Input);
        Assert.Equal(9, table.Find("gpt-4o")?.Input);
    }

    [Fact]
    public void Built_in_prices_are_sane_and_each_pattern_is_listed_once()
    {
        Assert.Equal(BuiltInPrices.Rules.Count, BuiltInPrices.Rules.Select(r => r.Pattern).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(BuiltInPrices.Rules, rule =>
        {
            Assert.InRange(rule.Price.Input, 0.01, 100);
            Assert.InRange(rule.Price.Output, rule.Price.Input, 200);
            Assert.InRange(rule.Price.CacheRead, 0.001, rule.Price.Input);
            Assert.InRange(rule.Price.CacheWrite, rule.Price.Input, rule.Price.Input * 1.25);
        });
    }
}
