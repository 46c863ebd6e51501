namespace ClaudeProxy.Routing.Policies;

/// <summary>
/// Smooth weighted round-robin (nginx's): over any run of picks each member gets its share of
/// the total weight, and picks of a heavy member are spread out rather than bunched.
/// </summary>
public sealed class SmoothWeightedRoundRobin
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _current = new(StringComparer.Ordinal);

    /// <summary>Picks one member by weight and returns its position in <paramref name="members"/>.</summary>
    public int Pick(IReadOnlyList<(string Id, int Weight)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 1)
        {
            return 0;
        }

        lock (_gate)
        {
            long total = 0;
            var best = -1;
            long bestValue = long.MinValue;
            for (var i = 0; i < members.Count; i++)
            {
                var (id, weight) = members[i];
                var value = _current.GetValueOrDefault(id) + weight;
                _current[id] = value;
                total += weight;
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }

            _current[members[best].Id] -= total;
            return best;
        }
    }
}
