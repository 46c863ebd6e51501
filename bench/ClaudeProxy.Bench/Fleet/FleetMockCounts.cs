using System.Text.Json;
using ClaudeProxy.Bench.Mock;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>The mock's per-key counts under <c>/fleet/</c>: what each key served, and the most at once.</summary>
internal sealed class FleetMockCounts(HttpClient client, Uri mock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ResetAsync(CancellationToken ct)
    {
        using var reset = await client.PostAsync(new Uri(mock, FleetUpstream.ResetPath), null, ct);
        reset.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyDictionary<string, KeyLoadTally>> ReadAsync(CancellationToken ct)
    {
        var tallies = await client.GetFromJsonAsync<List<KeyLoadTally>>(new Uri(mock, FleetUpstream.StatsPath), Json, ct) ?? [];
        return tallies.ToDictionary(t => t.Key, StringComparer.Ordinal);
    }

    public static long Requests(IReadOnlyDictionary<string, KeyLoadTally> counts, string key) => counts.TryGetValue(key, out var t) ? t.Requests : 0;

    public static int MaxInFlight(IReadOnlyDictionary<string, KeyLoadTally> counts, string key) => counts.TryGetValue(key, out var t) ? t.MaxInFlight : 0;
}
