using System.Diagnostics;

namespace ClaudeProxy.Bench.Fleet;

/// <summary>Polls a condition until it holds or a deadline passes: how the checks time what they wait for.</summary>
internal static class Polling
{
    /// <summary>The time until <paramref name="condition"/> first held, or null when it did not within <paramref name="deadline"/>.</summary>
    public static async Task<TimeSpan?> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, TimeSpan interval, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await condition())
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(started) > deadline)
            {
                return null;
            }

            await Task.Delay(interval, ct);
        }
    }
}
