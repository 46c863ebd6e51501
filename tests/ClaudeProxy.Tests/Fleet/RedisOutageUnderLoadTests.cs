using System.Collections.Concurrent;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Redis dies under a steady load on two instances: every request is still answered whole, and sharing resumes once Redis is back.</summary>
public sealed class RedisOutageUnderLoadTests
{
    private const int Loops = 4;
    private const int RequestsPerPhase = 20;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_Redis_under_load_loses_no_request_and_sharing_resumes_once_it_is_back()
    {
        await using var fleet = await TestFleet.StartAsync(2, ["sk-one", "sk-two"], null, Token);
        var (a, b) = (fleet.A, fleet.B);
        var outcomes = new ConcurrentQueue<string>();
        var answered = 0;
        using var stop = new CancellationTokenSource();

        // Four client loops, two streaming and two not, each going to A and B in turn; the first answers are held, so
        // each instance has a stream and a message in flight when Redis dies.
        fleet.Answers.Hold();
        var loops = Enumerable.Range(0, Loops).Select(loop => Task.Run(async () =>
        {
            var stream = loop % 2 == 0;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var gateway = fleet.Gateways[((loop / 2) + n) % 2];
                var outcome = await gateway.AskAsync(stream, Token);
                outcomes.Enqueue($"{gateway.Id} {(stream ? "stream" : "message")} #{n}: {outcome}");
                Interlocked.Increment(ref answered);
            }
        })).ToArray();
        try
        {
            await fleet.Upstream.WaitForRequestAsync(Loops, Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
            Assert.Equal(0, Volatile.Read(ref answered));

            await fleet.Redis.KillAsync();
            fleet.Answers.Release();
            await Eventually.HoldsAsync(() => Task.FromResult(a.OutputLinesWith("is unreachable") > 0 && b.OutputLinesWith("is unreachable") > 0 &&
                    Volatile.Read(ref answered) >= Loops + RequestsPerPhase),
                "both instances noticed the outage and went on answering", Token, TimeSpan.FromSeconds(30));

            await fleet.Redis.StartAgainAsync(Token);
            await Eventually.HoldsAsync(() => Task.FromResult(a.OutputLinesWith("is back") > 0 && b.OutputLinesWith("is back") > 0),
                "both instances are back on Redis", Token, TimeSpan.FromSeconds(30));
            var afterBack = Volatile.Read(ref answered);
            await Eventually.HoldsAsync(() => Task.FromResult(Volatile.Read(ref answered) >= afterBack + RequestsPerPhase),
                "the load goes on after Redis is back", Token, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await stop.CancelAsync();
            fleet.Answers.Release();
            await Task.WhenAll(loops);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{outcomes.Count} requests answered");
        Assert.DoesNotContain(outcomes, o => !o.EndsWith(": ok", StringComparison.Ordinal));
        foreach (var gateway in fleet.Gateways)
        {
            Assert.Contains(outcomes, o => o.StartsWith($"{gateway.Id} stream", StringComparison.Ordinal));
            Assert.Contains(outcomes, o => o.StartsWith($"{gateway.Id} message", StringComparison.Ordinal));
            Assert.Equal(1, gateway.OutputLinesWith("is unreachable"));
            Assert.Equal(1, gateway.OutputLinesWith("is back"));
            Assert.DoesNotContain("Unhandled", gateway.Process.Output, StringComparison.Ordinal);
        }

        // Sharing works again: a key A finds spent rests on B too, and B's next request skips it.
        fleet.Answers.Refuse("sk-one");
        var before = fleet.Upstream.Requests.Count;
        Assert.Equal("ok", await a.AskAsync(stream: false, Token));
        Assert.Equal(["sk-one", "sk-two"], fleet.KeysSince(before));
        await Eventually.HoldsAsync(async () => await TestFleet.KeyStateAsync(b, 0, Token) == "resting", "B shows the key A found spent as resting", Token);
        before = fleet.Upstream.Requests.Count;
        Assert.Equal("ok", await b.AskAsync(stream: true, Token));
        Assert.Equal(["sk-two"], fleet.KeysSince(before));
    }
}
