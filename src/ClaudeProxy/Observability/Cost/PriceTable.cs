using ClaudeProxy.Configuration;

namespace ClaudeProxy.Observability.Cost;

/// <summary>
/// The prices in force for one config snapshot, compiled once: the config's <c>prices</c> entries,
/// then the built-in ones, each group ordered most specific first (<see cref="PricePatternSpecificity"/>).
/// A model takes the price of the first rule that matches it, so a matching config entry always
/// wins over a built-in one, even a more specific built-in one: the config is the operator's word.
/// </summary>
public sealed class PriceTable
{
    private static readonly Comparer<PriceRule> MostSpecificFirst =
        Comparer<PriceRule>.Create((a, b) => PricePatternSpecificity.Compare(a.Pattern, b.Pattern));

    private readonly PriceRule[] _rules;

    public PriceTable(IEnumerable<PriceRule> overrides, IEnumerable<PriceRule> builtIn)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(builtIn);
        // OrderBy is a stable sort: rules equally specific keep their listed order.
        _rules = [.. overrides.OrderBy(r => r, MostSpecificFirst), .. builtIn.OrderBy(r => r, MostSpecificFirst)];
    }

    /// <summary>The built-in table alone.</summary>
    public static PriceTable BuiltIn { get; } = new([], BuiltInPrices.Rules);

    /// <summary>The rules in the order they are tried.</summary>
    public IReadOnlyList<PriceRule> Rules => _rules;

    /// <summary>The built-in table with <paramref name="config"/>'s <c>prices</c> on top; expects a validated config.</summary>
    public static PriceTable For(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Prices is not { Count: > 0 } prices)
        {
            return BuiltIn;
        }

        var overrides = prices
            .Where(p => p.Value is { Input: not null, Output: not null })
            .Select(p => new PriceRule(p.Key, new ModelPrice(
                Input: p.Value.Input!.Value,
                Output: p.Value.Output!.Value,
                CacheRead: p.Value.CacheRead ?? p.Value.Input!.Value,
                CacheWrite: p.Value.CacheWrite ?? p.Value.Input!.Value)));
        return new PriceTable(overrides, BuiltInPrices.Rules);
    }

    /// <summary>The price of <paramref name="model"/>, or null when no rule matches it.</summary>
    public ModelPrice? Find(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return null;
        }

        foreach (var rule in _rules)
        {
            if (Routing.Policies.ModelPattern.Matches(rule.Pattern, model))
            {
                return rule.Price;
            }
        }

        return null;
    }
}
