using ClaudeProxy.Configuration;
using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Usage.Postgres;

/// <summary>
/// Two gateway processes (in CI the Native AOT binary) logging to one PostgreSQL database: each instance's usage API
/// shows the requests both served, each row naming the instance that served it.
/// </summary>
public sealed class SharedUsageLogProcessTests(PostgresServer server)
{
    private const string AccessKey = "shared-log-access-key-0123456789";
    private const string Messages = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_on_one_database_each_list_and_count_the_requests_both_served_with_the_serving_instance_named()
    {
        // The scratch cluster trusts loopback, so a password in the address is ignored by the server: it is there to be hidden.
        var url = await server.CreateDatabaseAsync(Token);
        const string Password = "never-shown-7c1e";
        if (new Uri(url).UserInfo is { Length: > 0 } user && !user.Contains(':', StringComparison.Ordinal))
        {
            url = url.Replace(user + "@", $"{user}:{Password}@", StringComparison.Ordinal);
        }

        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("shared", inputTokens: 11, outputTokens: 3));
        using var folderA = Folder(upstream);
        using var folderB = Folder(upstream);
        await using var gatewayA = GatewayProcess.Start(folderA.Path, Environment(url, "gw-a"));
        await using var gatewayB = GatewayProcess.Start(folderB.Path, Environment(url, "gw-b"));
        using var clientA = Client(await gatewayA.WaitUntilListeningAsync(Token));
        using var clientB = Client(await gatewayB.WaitUntilListeningAsync(Token));

        await SendAndWaitUntilStoredAsync(clientA);
        await SendAndWaitUntilStoredAsync(clientB);

        foreach (var client in (HttpClient[])[clientA, clientB])
        {
            var totals = (await JsonAsync(client, "/api/stats?window=24h"))["totals"]!;
            Assert.Equal((2L, 22L), ((long)totals["requests"]!, (long)totals["inputTokens"]!));
            var items = (await JsonAsync(client, "/api/logs"))["items"]!.AsArray();
            Assert.Equal(["gw-a", "gw-b"], items.Select(i => (string)i!["instance"]!).Order(StringComparer.Ordinal));
            Assert.All(items, item => Assert.Equal(200, (int)item!["status"]!));
            var fromB = (await JsonAsync(client, "/api/logs?instance=gw-b"))["items"]!.AsArray();
            Assert.Equal("gw-b", (string)Assert.Single(fromB)!["instance"]!);
            var id = (long)fromB[0]!["id"]!;
            Assert.Equal("gw-b", (string)(await JsonAsync(client, $"/api/logs/{id}"))["instance"]!);
        }

        // The banner names the database with its password hidden.
        Assert.Contains("Request log   " + ConnectionAddress.Redact(url), gatewayA.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, gatewayA.Output, StringComparison.Ordinal);
    }

    private static TempFolder Folder(FakeUpstream upstream) =>
        TempFolder.WithConfig(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-shared-1")));

    private static Dictionary<string, string> Environment(string url, string instance) => new()
    {
        ["HOST"] = "127.0.0.1",
        ["PORT"] = "0",
        ["PROXY_ACCESS_KEY"] = AccessKey,
        ["USAGE_DB_URL"] = url,
        ["INSTANCE_ID"] = instance,
    };

    private static HttpClient Client(Uri baseUrl)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        client.DefaultRequestHeaders.Add("x-api-key", AccessKey);
        return client;
    }

    /// <summary>Sends a request and returns once its instance's writer has stored it (the live "request" event says so).</summary>
    private static async Task SendAndWaitUntilStoredAsync(HttpClient client)
    {
        using var events = await client.GetAsync("/api/events?types=request", HttpCompletionOption.ResponseHeadersRead, Token);
        using var stream = new SseTestReader(await events.Content.ReadAsStreamAsync(Token));
        // The ": connected" comment: the gateway has subscribed this stream.
        var connected = await stream.NextAsync(Token);
        Assert.NotNull(connected);
        Assert.Null(connected.Event);
        using (var answered = await client.PostAsync("/v1/messages", TestGateway.Json(Messages), Token))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        Assert.Equal("request", (await stream.NextAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token))?.Event);
    }

    private static async Task<JsonNode> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
