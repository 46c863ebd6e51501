using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>The config file as users meet it: seed files, broken files, edits while running.</summary>
public sealed class ConfigFileTests
{
    private const string Body = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_claude_proxy_config_loads_unchanged_and_its_current_channel_serves_first()
    {
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var current = await FakeUpstream.StartAsync(Token);
        current.Enqueue(AnthropicFakes.Message("from the current channel"));
        var seed = $$"""
            {
              "upstream": [
                {"name":"Gemini","baseUrl":"{{first.BaseUrl}}","apiKeys":[],"serviceType":"claude","description":"first","website":"https://example.com"},
                {"name":"Relay","baseUrl":"{{current.BaseUrl}}","apiKeys":["relay-key-1"],"serviceType":"claude","modelMapping":{"sonnet":"relay-sonnet"},"insecureSkipVerify":false,"baseUrls":["https://mirror.example.com/v1"],"lowQuality":true}
              ],
              "currentUpstream": 1,
              "loadBalance": "round-robin",
              "fuzzyModeEnabled": false
            }
            """;
        await using var gateway = await TestGateway.StartAsync(seed);
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(first.Requests);
        Assert.Equal("relay-sonnet", Assert.Single(current.Requests).Json().GetProperty("model").GetString());

        // Stable ids were added and saved; fields we do not know were written back untouched.
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        var channels = saved["upstream"]!.AsArray();
        Assert.All(channels, c => Assert.StartsWith("ch_", (string?)c!["id"], StringComparison.Ordinal));
        Assert.NotEqual((string?)channels[0]!["id"], (string?)channels[1]!["id"]);
        Assert.Equal("https://mirror.example.com/v1", (string?)channels[1]!["baseUrls"]![0]);
        Assert.True((bool?)channels[1]!["lowQuality"]);
        Assert.False((bool?)saved["fuzzyModeEnabled"]);
        Assert.Equal("round-robin", (string?)saved["loadBalance"]);
        Assert.Equal(1, (int?)saved["currentUpstream"]);
        Assert.Equal("https://example.com", (string?)channels[0]!["website"]);
        // Adding ids is an automatic write: its backup is kept apart from those of manual edits.
        Assert.Single(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(gateway.ConfigPath)!, "backups", "auto")));
    }

    [Fact]
    public async Task A_claude_proxy_promotion_with_nanoseconds_loads_as_a_promotion_and_survives_a_write()
    {
        await using var gateway = await TestGateway.StartAsync("""
            {"upstream":[
              {"id":"ch_a","name":"a","serviceType":"claude","baseUrl":"https://a.example","apiKeys":["k-a"]},
              {"id":"ch_b","name":"b","serviceType":"claude","baseUrl":"https://b.example","apiKeys":["k-b"],"promotionUntil":"2099-12-06T10:00:00.123456789+08:00"}
            ]}
            """);
        using var client = gateway.CreateClient();

        Assert.Equal(new DateTimeOffset(2099, 12, 6, 2, 0, 0, 123, TimeSpan.Zero).AddTicks(4567), gateway.ConfigStore.Current.Upstream[1].PromotionUntil?.ToUniversalTime());
        using var edit = await client.PutAsync("/api/channels/ch_a", TestGateway.Json("""{"description":"edited"}"""), Token);

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var saved = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        Assert.StartsWith("2099-12-06T10:00:00.1234567", (string?)saved["upstream"]![1]!["promotionUntil"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_minimal_file_gets_defaults_for_every_absent_field()
    {
        await using var gateway = await TestGateway.StartAsync("""{"upstream":[{"serviceType":"claude","baseUrl":"https://api.anthropic.com"}]}""");
        using var client = gateway.CreateClient();

        var config = gateway.ConfigStore.Current;
        Assert.Equal("failover", config.LoadBalance);
        Assert.Empty(Assert.Single(config.Upstream).ApiKeys);
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_file_is_created_empty()
    {
        await using var gateway = await TestGateway.StartAsync();

        var saved = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        Assert.Empty(saved["upstream"]!.AsArray());
    }

    [Fact]
    public async Task Invalid_json_stops_start_up_naming_the_file_and_line()
    {
        var broken = "{\n  \"upstream\": [\n    {\"name\": \"a\",, \"serviceType\": \"claude\"}\n  ]\n}";

        var error = await Assert.ThrowsAsync<ConfigFileException>(() => TestGateway.StartAsync(broken));

        Assert.Contains("config.json:3:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_channel_type_stops_start_up_naming_the_line_and_the_value()
    {
        var broken = """
            {
              "upstream": [
                {"name": "ok", "serviceType": "claude", "baseUrl": "https://api.anthropic.com", "apiKeys": ["k"]},
                {"name": "bad",
                 "serviceType": "azure-magic",
                 "baseUrl": "not a url",
                 "apiKeys": ["k"]}
              ]
            }
            """;

        var error = await Assert.ThrowsAsync<ConfigFileException>(() => TestGateway.StartAsync(broken));

        Assert.Contains("config.json:5: upstream[1].serviceType: unknown channel type 'azure-magic'", error.Message, StringComparison.Ordinal);
        Assert.Contains("config.json:6: upstream[1].baseUrl", error.Message, StringComparison.Ordinal);
        Assert.True(error.Problems.Count == 2, string.Join("\n", error.Problems));
    }

    [Fact]
    public async Task An_edit_to_the_file_goes_live_without_a_restart()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("hot"));
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();
        using (var before = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);
        }

        var changed = gateway.NextConfigChange();
        await File.WriteAllTextAsync(gateway.ConfigPath, TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")), Token);
        var live = await changed.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Single(live.Upstream);
        using var after = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        using var health = await client.GetAsync("/health", Token);
        Assert.Equal(1, (int?)JsonNode.Parse(await health.Content.ReadAsStringAsync(Token))!["config"]!["upstreamCount"]);
    }

    [Fact]
    public async Task A_broken_edit_is_refused_and_the_last_good_config_stays_live()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("still served"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();

        var rejected = gateway.NextConfigRejection();
        await File.WriteAllTextAsync(gateway.ConfigPath, "{\"upstream\": [ {\"serviceType\": \"claude\", ", Token);
        var problems = await rejected.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Contains(problems, p => p.Contains("config.json:1:", StringComparison.Ordinal));
        Assert.Contains(gateway.Logs.Lines, l => l.Contains("rejected", StringComparison.Ordinal) && l.Contains("last good config", StringComparison.Ordinal));
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(gateway.ConfigStore.Current.Upstream);

        // Fixing the file brings edits back.
        var changed = gateway.NextConfigChange();
        await File.WriteAllTextAsync(gateway.ConfigPath, TestConfigs.Config(
            TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k"),
            TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-other")), Token);
        Assert.Equal(2, (await changed.WaitAsync(TimeSpan.FromSeconds(30), Token)).Upstream.Count);
    }
}
