namespace ClaudeProxy.Observability.Cost;

/// <summary>
/// A model's list price in USD per million tokens: fresh input, output, input read from the prompt
/// cache and input written to it.
/// </summary>
public readonly record struct ModelPrice(double Input, double Output, double CacheRead, double CacheWrite)
{
    private const double TokensPerUnit = 1_000_000;

    /// <summary>
    /// USD for one request. The counts follow Anthropic's usage: <paramref name="input"/> excludes the
    /// cached tokens, which come in <paramref name="cacheRead"/> and <paramref name="cacheCreation"/>.
    /// </summary>
    public double Cost(long input, long output, long cacheRead, long cacheCreation) =>
        ((input * Input) + (output * Output) + (cacheRead * CacheRead) + (cacheCreation * CacheWrite)) / TokensPerUnit;
}
