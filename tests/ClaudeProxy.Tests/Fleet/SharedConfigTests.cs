using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>One config across instances on one Redis: an edit anywhere is live everywhere, and written to every host's file.</summary>
public sealed class SharedConfigTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> ChannelNamesAsync(FleetGateway gateway) =>
        string.Join(",", (await gateway.GetJsonAsync("/api/channels", Token))["channels"]!.AsArray().Select(c => (string)c!["name"]!).Order(StringComparer.Ordinal));

    /// <summary>Adds a claude channel through the instance's admin API, as the panel does.</summary>
    private static async Task<HttpResponseMessage> AddChannelAsync(FleetGateway gateway, string name, Uri baseUrl, string key)
    {
        using var body = new StringContent(
            $$"""{"name":"{{name}}","serviceType":"claude","baseUrl":"{{baseUrl}}","apiKeys":["{{key}}"]}""", Encoding.UTF8, "application/json");
        return await gateway.Client.PostAsync(new Uri("/api/channels", UriKind.Relative), body, Token);
    }

    [Fact]
    public async Task An_admin_edit_on_one_instance_is_live_on_the_others_and_written_to_their_files()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        var config = TestConfigs.Config(TestConfigs.Channel("first", "claude", upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await using var c = await FleetGateway.StartAsync("gw-c", config, environment, Token);
        await Eventually.HoldsAsync(async () => await ChannelNamesAsync(c) == await ChannelNamesAsync(a), "the three start on one config", Token);

        var clock = Stopwatch.StartNew();
        using var created = await AddChannelAsync(a, "added-on-a", upstream.BaseUrl, "sk-added");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string?)JsonNode.Parse(await created.Content.ReadAsStringAsync(Token))!["id"];

        await Eventually.HoldsAsync(async () => (await ChannelNamesAsync(b)).Contains("added-on-a") && (await ChannelNamesAsync(c)).Contains("added-on-a"),
            "B and C list the channel added on A", Token);
        TestContext.Current.TestOutputHelper?.WriteLine($"the edit was live on B and C {clock.Elapsed.TotalMilliseconds:0} ms after A answered");
        foreach (var other in new[] { b, c })
        {
            var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(other.ConfigPath, Token))!;
            var channel = onDisk["upstream"]!.AsArray().Single(ch => (string?)ch!["name"] == "added-on-a")!;
            Assert.Equal(id, (string?)channel["id"]);
            Assert.Equal("sk-added", (string?)channel["apiKeys"]![0]);
        }

        // A second edit on A, "use this channel first", and B routes through the channel A added.
        using var current = await a.Client.PostAsync(new Uri($"/api/channels/{id}/current", UriKind.Relative), null, Token);
        Assert.True(current.IsSuccessStatusCode, await current.Content.ReadAsStringAsync(Token));
        await Eventually.HoldsAsync(async () => (int)(await b.GetJsonAsync("/api/channels", Token))["current"]! == 1, "B uses A's new channel first", Token);
        var before = upstream.Requests.Count;
        Assert.Equal("200", await b.SendMessageAsync("through the new channel", Token));
        Assert.Equal("Bearer sk-added", upstream.Requests.Skip(before).Select(r => r.Headers.TryGetValue("x-api-key", out var k) ? "Bearer " + k : r.Headers["Authorization"]).Single());
    }

    [Fact]
    public async Task An_instance_started_later_takes_the_fleets_config_over_its_own_file()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", TestConfigs.Config(TestConfigs.Channel("fleet-channel", "claude", upstream.BaseUrl, "sk-one")), environment, Token);
        await Eventually.HoldsAsync(async () => await redis.CommandAsync("EXISTS claude-proxy:config", Token) == ":1", "A offered its config to the fleet", Token);

        await using var late = await FleetGateway.StartAsync("gw-late", TestConfigs.Config(TestConfigs.Channel("stale-channel", "claude", upstream.BaseUrl, "sk-old")), environment, Token);

        await Eventually.HoldsAsync(async () => await ChannelNamesAsync(late) == "fleet-channel", "the late instance serves the fleet's channels", Token);
        Assert.Contains("fleet-channel", await File.ReadAllTextAsync(late.ConfigPath, Token), StringComparison.Ordinal);
        // The line is written as the file is taken; the console writes it a moment after the config is live.
        await Eventually.HoldsAsync(() => Task.FromResult(late.Process.Output.Contains("Took the fleet's config version", StringComparison.Ordinal)),
            "the late instance logs that it took the fleet's config", Token);
        Assert.Equal("fleet-channel", await ChannelNamesAsync(a));
    }

    [Fact]
    public async Task Edits_on_two_instances_at_once_settle_on_one_config_everywhere()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var config = TestConfigs.Config(TestConfigs.Channel("first", "claude", upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);

        await Task.WhenAll(
            AddChannelAsync(a, "from-a", upstream.BaseUrl, "sk-a"),
            AddChannelAsync(b, "from-b", upstream.BaseUrl, "sk-b"));

        await Eventually.HoldsAsync(async () =>
                await ChannelNamesAsync(a) == await ChannelNamesAsync(b) &&
                await File.ReadAllTextAsync(a.ConfigPath, Token) == await File.ReadAllTextAsync(b.ConfigPath, Token),
            "both instances serve, and hold on disk, the same config", Token);
        Assert.Contains("first", (await ChannelNamesAsync(a)).Split(','));
    }

    [Fact]
    public async Task An_edit_made_after_Redis_restarted_empty_still_reaches_the_other_instances()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var config = TestConfigs.Config(TestConfigs.Channel("first", "claude", upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        using var before = await AddChannelAsync(a, "before-restart", upstream.BaseUrl, "sk-1");
        await Eventually.HoldsAsync(async () => (await ChannelNamesAsync(b)).Contains("before-restart", StringComparison.Ordinal), "B has the first edit", Token);

        await redis.KillAsync();
        await redis.StartAgainAsync(Token);
        await Eventually.HoldsAsync(() => Task.FromResult(a.Process.Output.Contains("is back", StringComparison.Ordinal) &&
                b.Process.Output.Contains("is back", StringComparison.Ordinal)), "both instances are back on Redis", Token, TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(async () => await redis.CommandAsync("EXISTS claude-proxy:config", Token) == ":1", "the fleet's config is offered again", Token);

        using var after = await AddChannelAsync(b, "after-restart", upstream.BaseUrl, "sk-2");
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        await Eventually.HoldsAsync(async () => (await ChannelNamesAsync(a)).Contains("after-restart", StringComparison.Ordinal), "A has the edit made on B after the restart", Token);
        Assert.Equal(await ChannelNamesAsync(a), await ChannelNamesAsync(b));
    }
}
