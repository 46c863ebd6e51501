using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Three instances sharing Redis and a PostgreSQL request log: to a client and to an admin they are one gateway.</summary>
public sealed class FleetAsOneGatewayTests(PostgresServer server)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<long> RequestCountAsync(FleetGateway gateway) =>
        (long)(await gateway.GetJsonAsync("/api/stats?window=24h", Token))["totals"]!["requests"]!;

    private static async Task<string[]> ChannelNamesAsync(FleetGateway gateway) =>
        [.. (await gateway.GetJsonAsync("/api/channels", Token))["channels"]!.AsArray().Select(c => (string)c!["name"]!)];

    [Fact]
    public async Task Three_instances_on_Redis_and_PostgreSQL_count_rest_keys_and_take_edits_as_one_gateway()
    {
        var database = await server.CreateDatabaseAsync(Token);
        await using var fleet = await TestFleet.StartAsync(3, ["sk-spent", "sk-fresh"], new Dictionary<string, string> { ["USAGE_DB_URL"] = database }, Token);
        var (a, b, c) = (fleet.A, fleet.B, fleet.C);

        // A message and a stream through each instance.
        foreach (var gateway in fleet.Gateways)
        {
            Assert.Equal("ok", await gateway.AskAsync(stream: false, Token));
            Assert.Equal("ok", await gateway.AskAsync(stream: true, Token));
        }

        // Any instance's stats count the whole fleet's requests; its log lists them with the instance that served each.
        foreach (var gateway in fleet.Gateways)
        {
            await Eventually.HoldsAsync(async () => await RequestCountAsync(gateway) == 6,
                $"{gateway.Id}'s /api/stats counts the six requests of the fleet", Token, TimeSpan.FromSeconds(30));
            var items = (await gateway.GetJsonAsync("/api/logs", Token))["items"]!.AsArray();
            Assert.Equal(["gw-a", "gw-a", "gw-b", "gw-b", "gw-c", "gw-c"], items.Select(i => (string)i!["instance"]!).Order(StringComparer.Ordinal));
            Assert.All(items, item => Assert.Equal(200, (int)item!["status"]!));
        }

        // A key refused on A with a retry-after rests on B and C too: their next requests skip it.
        fleet.Answers.Refuse("sk-spent");
        var before = fleet.Upstream.Requests.Count;
        Assert.Equal("ok", await a.AskAsync(stream: false, Token));
        Assert.Equal(["sk-spent", "sk-fresh"], fleet.KeysSince(before));
        foreach (var other in new[] { b, c })
        {
            await Eventually.HoldsAsync(async () => await TestFleet.KeyStateAsync(other, 0, Token) == "resting", $"{other.Id} shows the key A found spent as resting", Token);
            before = fleet.Upstream.Requests.Count;
            Assert.Equal("ok", await other.AskAsync(stream: true, Token));
            Assert.Equal(["sk-fresh"], fleet.KeysSince(before));
        }

        // An admin edit on C is live on A and B.
        using (var body = new StringContent(
            $$"""{"name":"added-on-c","serviceType":"claude","baseUrl":"{{fleet.Upstream.BaseUrl}}","apiKeys":["sk-added"]}""", Encoding.UTF8, "application/json"))
        {
            using var created = await c.Client.PostAsync(new Uri("/api/channels", UriKind.Relative), body, Token);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        foreach (var other in new[] { a, b })
        {
            await Eventually.HoldsAsync(async () => (await ChannelNamesAsync(other)).Contains("added-on-c"), $"{other.Id} lists the channel added on C", Token);
        }

        await Eventually.HoldsAsync(async () => await RequestCountAsync(b) == 9, "B's stats count the fleet's nine requests", Token, TimeSpan.FromSeconds(30));
        Assert.Equal(9, await RequestCountAsync(c));
        JsonNode latest = (await a.GetJsonAsync("/api/logs?instance=gw-c", Token))["items"]!.AsArray()[0]!;
        Assert.Equal("gw-c", (string?)latest["instance"]);
    }
}
