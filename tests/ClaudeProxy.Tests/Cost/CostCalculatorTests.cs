using ClaudeProxy.Configuration;
using ClaudeProxy.Observability.Cost;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace ClaudeProxy.Tests.Cost;

/// <summary>The calculator the request path asks: it follows the live config.</summary>
public sealed class CostCalculatorTests
{
    private static ConfigStore Open(string path)
    {
        var store = new ConfigStore(path, TimeProvider.System, NullLogger<ConfigStore>.Instance);
        store.LoadOrCreate();
        return store;
    }

    [Fact]
    public void A_config_change_brings_its_prices_into_force_and_the_table_is_kept_per_snapshot()
    {
        using var folder = new TempFolder();
        var store = Open(Path.Combine(folder.Path, "config.json"));
        var calculator = new CostCalculator(store);
        var usage = new AnthropicUsage(InputTokens: 1_000_000, OutputTokens: 0, CacheCreationInputTokens: 0, CacheReadInputTokens: 0);

        var before = calculator.Cost("claude-haiku-4-5", usage);
        var unknownBefore = calculator.Cost("house-model", 1, 1, 0, 0);
        var table = calculator.Table;
        Assert.Same(table, calculator.Table);
        store.Update(config => config with
        {
            Prices = new Dictionary<string, PriceConfig> { ["claude-haiku*"] = new() { Input = 0.5, Output = 2 }, ["house-model"] = new() { Input = 0, Output = 0 } },
        });

        Assert.Equal(1.0, before);
        Assert.Null(unknownBefore);
        Assert.Equal(0.5, calculator.Cost("claude-haiku-4-5", usage));
        // A model priced at 0 is free, which is not the same as unknown.
        Assert.Equal(0.0, calculator.Cost("house-model", 1, 1, 0, 0));
        Assert.NotSame(table, calculator.Table);
    }

    [Fact]
    public void Negative_counts_are_taken_as_zero()
    {
        using var folder = new TempFolder();
        var calculator = new CostCalculator(Open(Path.Combine(folder.Path, "config.json")));

        Assert.Equal(15.0, calculator.Cost("claude-sonnet-4-0", input: -5, output: 1_000_000, cacheRead: -1, cacheCreation: -1));
    }
}
