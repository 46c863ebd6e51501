using System.Text;
using ClaudeProxy.Configuration;
using Xunit;

namespace ClaudeProxy.Tests.Cost;

/// <summary><c>prices</c> in the config file: a broken entry is refused, with the field named.</summary>
public sealed class PriceValidationTests
{
    private static IReadOnlyList<string> Problems(string prices)
    {
        var json = $$"""{"upstream": [], "prices": {{prices}}}""";
        var ex = Assert.Throws<ConfigFileException>(() => ConfigParser.Parse(Encoding.UTF8.GetBytes(json), "config.json"));
        return ex.Problems;
    }

    [Fact]
    public void A_good_prices_object_loads()
    {
        var config = ConfigParser.Parse("""{"prices": {"claude-x*": {"input": 3, "output": 15, "cacheRead": 0.3, "cacheWrite": 3.75}, "free": {"input": 0, "output": 0}}}"""u8, "config.json");

        Assert.Equal(3.75, config.Prices!["claude-x*"].CacheWrite);
        Assert.Null(config.Prices["free"].CacheRead);
    }

    [Theory]
    [InlineData("""{"claude-x*": {"input": -1, "output": 15}}""", "prices.claude-x*.input: expected a non-negative number")]
    [InlineData("""{"claude-x*": {"input": "3", "output": 15}}""", "prices.claude-x*.input: expected a non-negative number")]
    [InlineData("""{"claude-x*": {"input": 3, "output": {"usd": 15}}}""", "prices.claude-x*.output: expected a non-negative number")]
    [InlineData("""{"claude-x*": {"input": 3, "output": 15, "cacheRead": true}}""", "prices.claude-x*.cacheRead: expected a non-negative number")]
    [InlineData("""{"claude-x*": {"input": 3, "output": 15, "cacheWrite": -0.5}}""", "prices.claude-x*.cacheWrite: expected a non-negative number")]
    [InlineData("""{"claude-x*": {"input": 3}}""", "prices.claude-x*.output: required")]
    [InlineData("""{"claude-x*": {"input": 3, "output": 15, "cache_read": 0.3}}""", "prices.claude-x*.cache_read: unknown field; expected one of input, output, cacheRead, cacheWrite")]
    [InlineData("""{"claude-x*": null}""", "prices.claude-x*: expected an object")]
    [InlineData("""{"": {"input": 3, "output": 15}}""", "prices: a model pattern must not be empty")]
    [InlineData("""{"claude-x*": 3}""", "expected a price object such as {\"input\": 3, \"output\": 15} (at prices.claude-x*)")]
    public void A_broken_price_is_refused_with_the_field_named(string prices, string expected)
    {
        Assert.Contains(Problems(prices), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Prices_that_are_not_an_object_are_refused_saying_what_to_write()
    {
        Assert.Contains("expected an object (at prices)", Problems("[]").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_broken_price_is_reported_not_just_the_first()
    {
        var problems = Problems("""{"a*": {"input": -1, "output": -2}, "b*": {"input": 1, "output": 1, "extra": 1}}""");

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void A_problem_points_at_the_line_of_its_price_even_when_the_pattern_holds_dots()
    {
        var json = "{\n  \"prices\": {\n    \"gemini-2.5-flash\": {\"input\": 1, \"output\": 1},\n    \"gemini-2.5-pro*\": {\n      \"input\": 1,\n      \"output\": -10\n    }\n  }\n}\n";

        var ex = Assert.Throws<ConfigFileException>(() => ConfigParser.Parse(Encoding.UTF8.GetBytes(json), "config.json"));

        Assert.Equal(["config.json:6: prices.gemini-2.5-pro*.output: expected a non-negative number"], ex.Problems);
    }
}
