using ClaudeProxy.Fleet;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>One instance of three dies mid-stream (SIGKILL): the others' requests, and the fleet, go on.</summary>
public sealed class InstanceCrashTests
{
    private const int StreamsPerInstance = 2;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_one_instance_loses_only_the_requests_in_flight_on_it()
    {
        await using var fleet = await TestFleet.StartAsync(3, ["sk-one"], null, Token);
        var (a, b, c) = (fleet.A, fleet.B, fleet.C);
        await Eventually.HoldsAsync(async () => (await TestFleet.ClusterAsync(a, Token)).Length == 3, "A lists the three instances", Token);

        // Streams spread round-robin over the three, each held open after its first event.
        fleet.Answers.Hold();
        var open = new List<StreamInFlight>();
        try
        {
            for (var i = 0; i < StreamsPerInstance * 3; i++)
            {
                open.Add(await StreamInFlight.OpenAsync(fleet.Gateways[i % 3], Token));
            }

            Assert.Equal(StreamsPerInstance * 3, fleet.Upstream.Requests.Count);

            await b.KillAsync(Token);
            var killed = System.Diagnostics.Stopwatch.StartNew();
            fleet.Answers.Release();
            var verdicts = await Task.WhenAll(open.Select(async stream => (stream.Gateway.Id, Verdict: await stream.FinishAsync(Token))));
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", verdicts.Select(v => $"{v.Id}: {v.Verdict}")));

            Assert.All(verdicts.Where(v => v.Id != b.Id), v => Assert.Equal((v.Id, "ok"), v));
            Assert.All(verdicts.Where(v => v.Id == b.Id), v => Assert.NotEqual("ok", v.Verdict));
            Assert.Equal(StreamsPerInstance, verdicts.Count(v => v.Id == b.Id));

            foreach (var survivor in new[] { a, c })
            {
                Assert.Equal("ok", await survivor.AskAsync(stream: true, Token));
                Assert.Equal("ok", await survivor.AskAsync(stream: false, Token));
            }

            // B's beat record expires BeatLifetime after its last beat; polling adds a little.
            await Eventually.HoldsAsync(async () => (await TestFleet.ClusterAsync(a, Token)).SequenceEqual(["gw-a", "gw-c"]),
                "A no longer lists the killed instance once its beat expires", Token, FleetMembership.BeatLifetime + TimeSpan.FromSeconds(10));
            TestContext.Current.TestOutputHelper?.WriteLine($"B left A's cluster list {killed.Elapsed.TotalSeconds:0.0} s after the kill");
            Assert.Equal(["gw-a", "gw-c"], await TestFleet.ClusterAsync(c, Token));
        }
        finally
        {
            fleet.Answers.Release();
            foreach (var stream in open)
            {
                stream.Dispose();
            }
        }
    }
}
