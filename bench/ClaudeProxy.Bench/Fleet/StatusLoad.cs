using System.Diagnostics;
using System.Globalization;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>Answers by HTTP status (0 for a request that got no answer at all), from a load on several instances.</summary>
internal sealed class StatusTally
{
    private readonly Dictionary<int, long> _byStatus = [];

    public long Total => _byStatus.Values.Sum();

    public long Ok => _byStatus.GetValueOrDefault(200);

    public long Of(int status) => _byStatus.GetValueOrDefault(status);

    public long NotOk => Total - Ok;

    public void Add(int status)
    {
        lock (_byStatus)
        {
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
        }
    }

    /// <summary>E.g. <c>200 × 812, 429 × 3</c>; a missing answer shows as <c>no answer</c>.</summary>
    public override string ToString()
    {
        lock (_byStatus)
        {
            return string.Join(", ", _byStatus.OrderBy(p => p.Key).Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{(p.Key == 0 ? "no answer" : p.Key.ToString(CultureInfo.InvariantCulture))} × {p.Value}")));
        }
    }
}

/// <summary>
/// A closed-loop load on several instances at once (a number of workers each, every one
/// sending its next request when the last answer ended) that keeps every answer's status: the fleet checks
/// need to know what failed and how, which a load tool's error count does not say.
/// </summary>
internal static class StatusLoad
{
    public static async Task<StatusTally> RunAsync(IReadOnlyList<FleetNode> nodes, string model, int perInstance, TimeSpan duration, CancellationToken ct)
    {
        var tally = new StatusTally();
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = nodes.SelectMany(node => Enumerable.Range(0, perInstance).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                try
                {
                    tally.Add(await node.SendMessageAsync(model, ct));
                }
                catch (HttpRequestException)
                {
                    tally.Add(0);
                }
            }
        }, ct)));
        await Task.WhenAll(workers);
        return tally;
    }
}
