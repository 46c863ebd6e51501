using System.Globalization;
using System.Net;
using ClaudeProxy.Bench.Mock;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// (a) An admin edit on one instance is live on the others: a channel added through A's admin API, as the
/// panel does, and the time from A's answer until every other instance lists it (polled every 2 ms).
/// </summary>
internal sealed class ConfigSpreadCheck(Uri mock)
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(2);
    private int _added;

    public async Task<TargetCheck> RunAsync(string name, FleetNode origin, IReadOnlyList<FleetNode> others, int edits, CancellationToken ct)
    {
        var delays = new List<double>();
        for (var i = 0; i < edits; i++)
        {
            var delay = await EditAsync(origin, others, ct);
            if (delay is null)
            {
                return new TargetCheck(name, Goal(edits), string.Create(CultureInfo.InvariantCulture, $"edit {i + 1} not live on every other instance within {Deadline.TotalSeconds:0} s"), false);
            }

            delays.Add(delay.Value.TotalMilliseconds);
        }

        delays.Sort();
        var measured = edits == 1
            ? string.Create(CultureInfo.InvariantCulture, $"live on {string.Join(", ", others.Select(o => o.Id))} {delays[0]:0.0} ms after {origin.Id} answered")
            : string.Create(CultureInfo.InvariantCulture, $"p50 {delays[delays.Count / 2]:0.0} ms, max {delays[^1]:0.0} ms over {edits} edits ({origin.Id} → {string.Join(", ", others.Select(o => o.Id))})");
        return new TargetCheck(name, Goal(edits), measured, delays[^1] <= Within.TotalMilliseconds);
    }

    private static string Goal(int edits) => edits == 1 ? "live everywhere ≤ 1 s" : $"each of {edits} edits live everywhere ≤ 1 s";

    /// <summary>Adds one channel on <paramref name="origin"/>; returns how long until all <paramref name="others"/> list it.</summary>
    private async Task<TimeSpan?> EditAsync(FleetNode origin, IReadOnlyList<FleetNode> others, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _added);
        var channel = $"fleet-edit-{n.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}";
        var baseUrl = mock.GetLeftPart(UriPartial.Authority) + FleetUpstream.Prefix;
        var (status, body) = await origin.SendJsonAsync(HttpMethod.Post, "/api/channels",
            $$"""{"name":"{{channel}}","serviceType":"claude","authStyle":"x-api-key","baseUrl":"{{baseUrl}}","apiKeys":["bench-fleet-key-{{channel}}"],"models":["{{channel}}*"]}""", ct);
        if (status != (int)HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Adding a channel on {origin.Id} answered {status}: {body}");
        }

        return await Polling.UntilAsync(async () =>
        {
            foreach (var other in others)
            {
                if (!(await other.ChannelNamesAsync(ct)).Contains(channel))
                {
                    return false;
                }
            }

            return true;
        }, Deadline, Interval, ct);
    }
}
