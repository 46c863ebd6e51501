using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.Cli;
using ClaudeProxy.Tests.TestKit;
using Xunit;
using static ClaudeProxy.Tests.Migration.ClaudeProxyFixtures;

namespace ClaudeProxy.Tests.Migration;

/// <summary>
/// A claude-proxy user copies their <c>.config/</c> over: the file of each era loads, serves through the channels it
/// makes active, and is written back as it was — but for the ids the gateway adds.
/// </summary>
public sealed class ClaudeProxyConfigMigrationTests
{
    private const string Messages = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_seed_era_file_serves_from_its_current_channel_and_is_written_back_with_only_ids_added()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var current = await FakeUpstream.StartAsync(Token);
        current.Enqueue(OpenAIFakes.ChatCompletion("from the current channel"));
        var file = Read(Seed, new Dictionary<string, Uri> { ["primary"] = primary.BaseUrl, ["current"] = current.BaseUrl });
        await using var gateway = await TestGateway.StartAsync(file);
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Messages), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(primary.Requests);
        var sent = Assert.Single(current.Requests).Json();
        Assert.Equal("gpt-4o", sent.GetProperty("model").GetString());
        // openaiold: the limit goes as max_tokens, which the old servers take.
        Assert.Equal(16, sent.GetProperty("max_tokens").GetInt32());
        var written = await File.ReadAllTextAsync(gateway.ConfigPath, Token);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(written, @"""id"": ""ch_"));
        Assert.Equal(file, WithoutAddedFields(written));
    }

    [Fact]
    public async Task A_v2_1_file_routes_past_its_suspended_and_disabled_channels_in_claude_proxy_s_failover_order()
    {
        await using var suspended = await FakeUpstream.StartAsync(Token);
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var second = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        first.SetDefault(AnthropicFakes.Message("from the first active channel"));
        var file = Read(V21, new Dictionary<string, Uri>
        {
            ["suspended"] = suspended.BaseUrl, ["first"] = first.BaseUrl, ["second"] = second.BaseUrl, ["backup"] = backup.BaseUrl,
        });
        await using var gateway = await TestGateway.StartAsync(file);
        using var client = gateway.CreateClient();

        // claude-proxy read "priority": 0 as "not set": the channels share no tier, the first active one serves every request.
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Messages), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(4, first.Requests.Count);
        Assert.Empty(suspended.Requests);
        Assert.Empty(second.Requests);
        Assert.Empty(backup.Requests);
        var channels = (await JsonAsync(client, "/api/channels"))["channels"]!.AsArray();
        Assert.Equal(["suspended", "active", "active", "disabled"], channels.Select(c => (string?)c!["status"]));
        var written = await File.ReadAllTextAsync(gateway.ConfigPath, Token);
        Assert.Contains("\"priorityZeroMeansPosition\": true", written, StringComparison.Ordinal);
        Assert.Equal(file, WithoutAddedFields(written));
    }

    [Fact]
    public async Task A_v2_5_file_serves_each_door_from_its_own_list_and_fails_over_to_a_channel_s_next_base_url()
    {
        await using var dead = await FakeUpstream.StartAsync(Token);
        await using var mirror = await FakeUpstream.StartAsync(Token);
        await using var keyless = await FakeUpstream.StartAsync(Token);
        await using var codex = await FakeUpstream.StartAsync(Token);
        await using var gemini = await FakeUpstream.StartAsync(Token);
        dead.SetDefault(FakeReply.Json(503, """{"type":"error","error":{"type":"overloaded_error","message":"down"}}"""));
        mirror.SetDefault(AnthropicFakes.Message("from the mirror"));
        codex.SetDefault(ResponsesFakes.Text("from the responses list"));
        gemini.SetDefault(GeminiFakes.Response("from the gemini list"));
        var file = Read(V25, new Dictionary<string, Uri>
        {
            ["dead"] = dead.BaseUrl, ["mirror"] = mirror.BaseUrl, ["keyless"] = keyless.BaseUrl, ["codex"] = codex.BaseUrl, ["gemini"] = gemini.BaseUrl,
        });
        await using var gateway = await TestGateway.StartAsync(file);
        using var client = gateway.CreateClient();

        using var messages = await client.PostAsync("/v1/messages", TestGateway.Json(Messages), Token);
        using var responses = await client.PostAsync("/v1/responses", TestGateway.Json("""{"model":"gpt-5","input":"hi","store":false}"""), Token);
        using var generate = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent",
            TestGateway.Json("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, messages.StatusCode);
        Assert.Contains("from the mirror", await messages.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        // The channel's one key, on its first URL and then on the next.
        Assert.Equal("sk-v25-main-1", KeyOf(Assert.Single(dead.Requests)));
        Assert.Equal("sk-v25-main-1", KeyOf(Assert.Single(mirror.Requests)));
        Assert.Equal(HttpStatusCode.OK, responses.StatusCode);
        Assert.Contains("from the responses list", await responses.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, generate.StatusCode);
        Assert.Contains("from the gemini list", await generate.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Single(codex.Requests);
        Assert.Single(gemini.Requests);
        Assert.Empty(keyless.Requests);

        var channels = (await JsonAsync(client, "/api/channels"))["channels"]!.AsArray();
        Assert.Equal(["active", "suspended", "active", "active"], channels.Select(c => (string?)c!["status"]));
        Assert.Equal(["upstream", "upstream", "responsesUpstream", "geminiUpstream"], channels.Select(c => (string?)c!["list"]));
        // Without a doors list of their own: the doors the file's other lists leave to upstream, or their list's own.
        Assert.Equal(["messages,chat", "messages,chat", "responses", "gemini"],
            channels.Select(c => string.Join(',', c!["defaultDoors"]!.AsArray().Select(d => (string?)d))));
        var banner = gateway.Banner.ToString();
        Assert.Contains("kept, not used: apiKeyConfigs (upstream[0])", banner, StringComparison.Ordinal);
        Assert.Contains("channel 'no keys yet' is active but has no API keys: treated as suspended", banner, StringComparison.Ordinal);
        Assert.Equal(file, WithoutAddedFields(await File.ReadAllTextAsync(gateway.ConfigPath, Token)));
    }

    [Fact]
    public async Task An_admin_edit_of_a_v2_5_file_changes_that_field_alone_and_keeps_every_later_one()
    {
        var file = Read(V25, Urls("dead", "mirror", "keyless", "codex", "gemini"));
        await using var gateway = await TestGateway.StartAsync(file);
        using var client = gateway.CreateClient();

        using var response = await client.PutAsync("/api/channels/2", TestGateway.Json("""{"name":"Codex 新名字"}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var written = await File.ReadAllTextAsync(gateway.ConfigPath, Token);
        Assert.Equal(file.Replace("\"name\": \"Codex 官方\"", "\"name\": \"Codex 新名字\"", StringComparison.Ordinal), WithoutAddedFields(written));
    }

    [Fact]
    public async Task Config_validate_names_exactly_the_fields_a_v2_5_file_keeps_without_using()
    {
        using var cli = await CliHarness.WithConfigAsync(Read(V25, Urls("dead", "mirror", "keyless", "codex", "gemini")));

        var text = await cli.RunAsync("config", "validate");
        var json = await cli.RunAsync("config", "validate", "--json");

        Assert.Contains("kept, not used: historicalApiKeys (upstream[0])", text.Succeeded().Output, StringComparison.Ordinal);
        var unused = json.Succeeded().Json()["unusedFields"]!.AsArray().Select(f => (string?)f!["name"]).Order(StringComparer.Ordinal);
        Assert.Equal(["apiKeyConfigs", "disabledApiKeys", "historicalApiKeys", "lowQuality"], unused);
        Assert.Contains(json.Json()["notices"]!.AsArray(), n => ((string?)n)!.Contains("'no keys yet' is active but has no API keys", StringComparison.Ordinal));
    }

    /// <summary>The key a claude channel sent, whichever header its <c>authStyle</c> put it in.</summary>
    private static string KeyOf(RecordedRequest request) =>
        request.Headers.TryGetValue("x-api-key", out var key) ? key : request.Headers["authorization"]["Bearer ".Length..];

    private static Dictionary<string, Uri> Urls(params string[] names) =>
        names.ToDictionary(n => n, n => new Uri($"https://{n}.example.com"));

    private static async Task<JsonNode> JsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
    }
}
