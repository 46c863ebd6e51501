using System.Globalization;

namespace ClaudeProxy.Bench.PromptCache;

/// <summary>Claude Sonnet 4.5's list prices in dollars per million tokens, the cache scenario's yardstick for both channels.</summary>
internal static class SonnetPrices
{
    public const string Model = "Claude Sonnet 4.5";
    public const double Input = 3.00;
    public const double CacheWrite = 3.75;
    public const double CacheRead = 0.30;
    public const double Output = 15.00;

    public static string Description => string.Create(CultureInfo.InvariantCulture,
        $"{Model}: ${Input:0.00}/MTok input, ${CacheWrite:0.00}/MTok cache write, ${CacheRead:0.00}/MTok cache read, ${Output:0.00}/MTok output");

    public static double Cost(long input, long cacheWrite, long cacheRead, long output) =>
        ((input * Input) + (cacheWrite * CacheWrite) + (cacheRead * CacheRead) + (output * Output)) / 1_000_000;
}
