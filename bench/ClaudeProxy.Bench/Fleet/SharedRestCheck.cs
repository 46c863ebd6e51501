using System.Globalization;
using ClaudeProxy.Bench.Report;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>
/// (c) A key refused on one instance is skipped by another: A's request meets the 429 of the channel's first
/// key and is served by the second; B's request, sent the moment A answered, must go to the second key
/// only. Meanwhile C's <c>/api/health</c> is polled for how long the rest took to reach another instance.
/// </summary>
internal static class SharedRestCheck
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static async Task<TargetCheck> RunAsync(string name, FleetNode a, FleetNode b, FleetNode watcher, FleetMockCounts mock, CancellationToken ct)
    {
        const string Goal = "B's next request skips the key";
        await mock.ResetAsync(ct);
        var first = await a.SendMessageAsync(FleetConfigFile.RestModel, ct);
        var afterA = await mock.ReadAsync(ct);
        if (first != 200 || FleetMockCounts.Requests(afterA, FleetConfigFile.RefusedKey) != 1)
        {
            return new TargetCheck(name, Goal,
                $"{a.Id} answered {first} after {FleetMockCounts.Requests(afterA, FleetConfigFile.RefusedKey)} request(s) to the refused key (expected 200 after one)", false);
        }

        var seen = Polling.UntilAsync(async () => await watcher.KeyStateAsync(FleetConfigFile.RestChannel, 0, ct) == "resting", Deadline, TimeSpan.FromMilliseconds(1), ct);
        var second = await b.SendMessageAsync(FleetConfigFile.RestModel, ct);
        var restSeen = await seen;
        var afterB = await mock.ReadAsync(ct);
        var toRefused = FleetMockCounts.Requests(afterB, FleetConfigFile.RefusedKey) - 1;
        var toGood = FleetMockCounts.Requests(afterB, FleetConfigFile.GoodKey) - FleetMockCounts.Requests(afterA, FleetConfigFile.GoodKey);
        var propagation = restSeen is { } t
            ? string.Create(CultureInfo.InvariantCulture, $"{watcher.Id} showed the key resting {t.TotalMilliseconds:0.0} ms after {a.Id} answered")
            : $"{watcher.Id} did not show the key resting within {Deadline.TotalSeconds:0} s";
        return new TargetCheck(name, Goal,
            $"{b.Id} answered {second}, sending {toRefused} request(s) to the refused key and {toGood} to the other; {propagation}",
            second == 200 && toRefused == 0);
    }
}
