using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Instances on one Redis know each other: <c>/api/cluster</c>, <c>/health</c> and duplicate ids.</summary>
public sealed class ClusterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> ConfigAsync()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        return TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-one"));
    }

    private static async Task<JsonArray> InstancesAsync(FleetGateway gateway) =>
        (await gateway.GetJsonAsync("/api/cluster", Token))["instances"]!.AsArray();

    [Fact]
    public async Task The_cluster_lists_every_live_instance_with_its_version_and_load_and_drops_one_that_stops()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        var config = await ConfigAsync();
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await using var c = await FleetGateway.StartAsync("gw-c", config, environment, Token);

        await Eventually.HoldsAsync(async () => (await InstancesAsync(a)).Count == 3, "A lists three instances", Token);
        var cluster = await a.GetJsonAsync("/api/cluster", Token);
        Assert.Equal("gw-a", (string?)cluster["self"]);
        Assert.Equal("connected", (string?)cluster["redis"]);
        var instances = cluster["instances"]!.AsArray();
        Assert.Equal(["gw-a", "gw-b", "gw-c"], instances.Select(i => (string?)i!["id"]));
        Assert.Equal([true, false, false], instances.Select(i => (bool)i!["self"]!));
        var version = (string?)(await a.GetJsonAsync("/health", Token))["version"];
        Assert.All(instances, i =>
        {
            Assert.Equal(version, (string?)i!["version"]);
            Assert.Equal(0, (int)i["inFlight"]!);
            Assert.False((bool)i["duplicateId"]!);
        });

        Assert.Equal("gw-b", (string?)(await b.GetJsonAsync("/health", Token))["instance"]);
        await b.Process.SignalAsync("TERM", Token);
        Assert.Equal(0, await b.Process.WaitForExitAsync(Token));
        await b.DisposeAsync();
        await Eventually.HoldsAsync(async () => (await InstancesAsync(c)).Count == 2, "C no longer lists the stopped instance", Token);
        Assert.Equal(["gw-a", "gw-c"], (await InstancesAsync(c)).Select(i => (string?)i!["id"]));
    }

    [Fact]
    public async Task A_second_live_instance_with_the_same_id_is_reported_loudly()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        var config = await ConfigAsync();
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var first = await FleetGateway.StartAsync("gw-twin", config, environment, Token);
        await using var second = await FleetGateway.StartAsync("gw-twin", config, environment, Token);

        await Eventually.HoldsAsync(() => Task.FromResult(
                first.Process.Output.Contains("Another live instance uses INSTANCE_ID 'gw-twin'", StringComparison.Ordinal) &&
                second.Process.Output.Contains("Another live instance uses INSTANCE_ID 'gw-twin'", StringComparison.Ordinal)),
            "both instances log the duplicate id", Token);
        var self = (await InstancesAsync(first)).Single(i => (bool)i!["self"]!)!;
        Assert.True((bool)self["duplicateId"]!);
    }

    [Fact]
    public async Task A_restarted_instance_takes_its_id_back_without_a_duplicate_report()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        var config = await ConfigAsync();
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var witness = await FleetGateway.StartAsync("gw-witness", config, environment, Token);
        var crashed = await FleetGateway.StartAsync("gw-phoenix", config, environment, Token);
        await Eventually.HoldsAsync(async () => (await InstancesAsync(witness)).Count == 2, "the witness sees the first run", Token);
        var firstRun = (string?)(await InstancesAsync(witness)).Single(i => (string?)i!["id"] == "gw-phoenix")!["run"];

        await crashed.Process.SignalAsync("KILL", Token);
        await crashed.Process.WaitForExitAsync(Token);
        await crashed.DisposeAsync();
        await using var restarted = await FleetGateway.StartAsync("gw-phoenix", config, environment, Token);

        // Three beats of the new run: any duplicate report would have come by then.
        var beats = new HashSet<string>();
        await Eventually.HoldsAsync(async () =>
            {
                var entry = (await InstancesAsync(witness)).SingleOrDefault(i => (string?)i!["id"] == "gw-phoenix");
                if (entry is not null && (string?)entry["run"] != firstRun)
                {
                    beats.Add((string)entry["lastSeen"]!.ToJsonString());
                }

                return beats.Count >= 3;
            },
            "the witness lists the restarted run under the same id", Token);
        Assert.DoesNotContain("Another live instance", restarted.Process.Output, StringComparison.Ordinal);
        Assert.Single(await InstancesAsync(witness), i => (string?)i!["id"] == "gw-phoenix");
    }

    [Fact]
    public async Task The_cluster_shows_the_upstream_requests_each_instance_has_in_flight()
    {
        await using var fleet = await TestFleet.StartAsync(2, ["sk-one"], null, Token);
        async Task<string> LoadsSeenByB() => string.Join(", ", (await InstancesAsync(fleet.B)).Select(i => $"{(string?)i!["id"]}={(int)i["inFlight"]!}"));

        fleet.Answers.Hold();
        var open = new List<StreamInFlight>();
        try
        {
            open.Add(await StreamInFlight.OpenAsync(fleet.A, Token));
            open.Add(await StreamInFlight.OpenAsync(fleet.A, Token));
            open.Add(await StreamInFlight.OpenAsync(fleet.B, Token));
            await Eventually.HoldsAsync(async () => await LoadsSeenByB() == "gw-a=2, gw-b=1", "B sees A's two streams and its own one", Token);

            fleet.Answers.Release();
            Assert.All(await Task.WhenAll(open.Select(stream => stream.FinishAsync(Token))), verdict => Assert.Equal("ok", verdict));
            await Eventually.HoldsAsync(async () => await LoadsSeenByB() == "gw-a=0, gw-b=0", "the finished streams leave no load behind", Token);
        }
        finally
        {
            fleet.Answers.Release();
            open.ForEach(stream => stream.Dispose());
        }
    }

    [Fact]
    public async Task An_unreadable_instance_record_on_Redis_is_left_out_of_the_cluster_list()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        var config = await ConfigAsync();
        await using var a = await FleetGateway.StartAsync("gw-a", config, new Dictionary<string, string> { ["REDIS_URL"] = redis.Url }, Token);
        await FleetReady.ConnectedAsync(Token, a);
        Assert.Equal("+OK", await redis.CommandAsync("SET claude-proxy:instance:damaged not-json", Token));

        var cluster = await a.GetJsonAsync("/api/cluster", Token);
        Assert.Equal("connected", (string?)cluster["redis"]);
        Assert.Equal(["gw-a"], cluster["instances"]!.AsArray().Select(i => (string?)i!["id"]));
    }

    [Fact]
    public async Task Without_Redis_the_cluster_is_this_instance_alone()
    {
        var config = await ConfigAsync();
        await using var alone = await FleetGateway.StartAsync("gw-alone", config, new Dictionary<string, string>(), Token);
        var cluster = await alone.GetJsonAsync("/api/cluster", Token);
        Assert.Equal("off", (string?)cluster["redis"]);
        Assert.Equal(["gw-alone"], cluster["instances"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.DoesNotContain("  Instance  ", alone.Process.Output, StringComparison.Ordinal);
    }
}
