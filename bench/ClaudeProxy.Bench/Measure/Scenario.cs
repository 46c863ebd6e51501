namespace ClaudeProxy.Bench.Measure;

/// <summary>
/// One benchmark case. Floors (<c>a-…</c>) go straight to the mock; gateway cases (<c>b</c>–<c>e</c>)
/// go through the gateway and are compared with their floor, the same upstream exchange without it.
/// </summary>
internal sealed record Scenario(string Id, string Letter, string Title, bool ViaGateway, bool Streaming, string? FloorId);

internal static class ScenarioCatalog
{
    public static readonly Scenario SmallFloor = new("a-small", "a", "direct to mock: small Anthropic JSON", false, false, null);
    public static readonly Scenario LargeFloor = new("a-large", "a", "direct to mock: OpenAI JSON (c's upstream body)", false, false, null);
    public static readonly Scenario StreamFloor = new("a-stream", "a", "direct to mock: OpenAI stream (d's upstream body)", false, true, null);
    public static readonly Scenario GeminiFloor = new("a-gemini", "a", "direct to mock: Gemini stream (e's upstream body)", false, true, null);
    public static readonly Scenario Passthrough = new("b", "b", "Claude passthrough, small JSON", true, false, SmallFloor.Id);
    public static readonly Scenario Translated = new("c", "c", "Anthropic→OpenAI, large, JSON", true, false, LargeFloor.Id);
    public static readonly Scenario TranslatedStream = new("d", "d", "Anthropic→OpenAI, large, stream 300", true, true, StreamFloor.Id);
    public static readonly Scenario GeminiStream = new("e", "e", "Anthropic→Gemini, large, stream 300", true, true, GeminiFloor.Id);

    public static readonly IReadOnlyList<Scenario> All =
        [SmallFloor, LargeFloor, StreamFloor, GeminiFloor, Passthrough, Translated, TranslatedStream, GeminiStream];

    /// <summary>The cache scenario: conversations spread over a pool of keys (PromptCache/), not a load point, so not a <see cref="Scenario"/>.</summary>
    public const string Cache = "cache";

    /// <summary>
    /// The fleet scenario (Fleet/): scenario b embedded against REDIS_URL + USAGE_DB_URL, and the fleet-wide
    /// behaviour. It needs redis-server and PostgreSQL, so it runs alone and <c>all</c> leaves it out.
    /// </summary>
    public const string Fleet = "fleet";

    private static readonly string[] Letters = ["a", "b", "c", "d", "e"];

    /// <summary>The chosen letters (<c>all</c>, or e.g. <c>c</c> or <c>b,d</c>) with the floors they are measured against.</summary>
    public static IReadOnlyList<Scenario> Select(string choice)
    {
        var letters = Parse(choice).Where(l => l != Cache).ToArray();
        var chosen = All.Where(s => letters.Contains(s.Letter)).ToList();
        var floors = chosen.Where(s => s.FloorId is not null).Select(s => s.FloorId!).ToHashSet();
        return All.Where(s => chosen.Contains(s) || floors.Contains(s.Id)).ToList();
    }

    /// <summary>Whether the choice is the fleet scenario, which runs alone.</summary>
    public static bool SelectsFleet(string choice)
    {
        var chosen = choice.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!chosen.Contains(Fleet, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return chosen.Length == 1
            ? true
            : throw new ArgumentException("The fleet scenario runs alone (--scenario fleet): it starts its own Redis and PostgreSQL and gateways.");
    }

    /// <summary>Whether the choice runs the cache scenario (<c>cache</c>, alone or in a list, or <c>all</c>).</summary>
    public static bool SelectsCache(string choice) => Parse(choice).Contains(Cache);

    private static string[] Parse(string choice)
    {
        var chosen = choice.Equals("all", StringComparison.OrdinalIgnoreCase)
            ? [.. Letters, Cache]
            : choice.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.ToLowerInvariant()).ToArray();
        var unknown = chosen.Except([.. Letters, Cache]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown scenario '{string.Join(",", unknown)}': expected a, b, c, d, e, cache, all or fleet.");
        }

        return chosen;
    }

    public static Scenario ById(string id) => All.Single(s => s.Id == id);
}
