using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Admin;

/// <summary>The admin REST API through HTTP: channels, keys, order, strategy, config, ping — and no raw key ever in an answer.</summary>
public sealed class AdminApiTests
{
    private const string KeyOne = "sk-ant-api03-RealSecretKeyNumberOne-AAAA";
    private const string KeyTwo = "sk-ant-api03-RealSecretKeyNumberTwo-BBBB";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonObject Channel(string id, string name, Uri baseUrl, params string[] keys)
    {
        var channel = TestConfigs.Channel(name, "claude", baseUrl, keys);
        channel["id"] = id;
        return channel;
    }

    private static Task<TestGateway> StartWithTwoChannelsAsync() => TestGateway.StartAsync(TestConfigs.Config(
        Channel("ch_first", "first", new Uri("http://127.0.0.1:9/"), KeyOne, KeyTwo),
        Channel("ch_second", "second", new Uri("http://127.0.0.1:9/"), "relay-key-second-channel-0001")));

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

    private static StringContent Body(string json) => TestGateway.Json(json);

    /// <summary>The config store backs the file up before each write, so this counts the writes.</summary>
    private static int BackupCount(TestGateway gateway)
    {
        var folder = Path.Combine(Path.GetDirectoryName(gateway.ConfigPath)!, "backups");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Length : 0;
    }

    [Fact]
    public async Task Listing_channels_shows_every_field_with_keys_masked_and_health()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/channels", Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(KeyOne, text, StringComparison.Ordinal);
        Assert.DoesNotContain("RealSecret", text, StringComparison.Ordinal);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("failover", (string?)body["loadBalance"]);
        Assert.Equal(0, (int?)body["current"]);
        var first = body["channels"]![0]!;
        Assert.Equal(("ch_first", 0, 2, "claude"), ((string?)first["id"], (int?)first["index"], (int?)first["keyCount"], (string?)first["serviceType"]));
        Assert.Equal(2, first["apiKeys"]!.AsArray().Count);
        Assert.True((bool?)first["current"]);
        Assert.Equal("closed", (string?)first["health"]!["circuit"]);
        Assert.Equal(2, first["health"]!["keys"]!.AsArray().Count);
    }

    [Fact]
    public async Task Creating_a_channel_validates_and_names_the_field_at_fault()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        var cases = new (string Json, string Field)[]
        {
            ("""{"serviceType":"claude","baseUrl":"https://api.anthropic.com"}""", "name"),
            ("""{"name":"x","serviceType":"azure","baseUrl":"https://api.anthropic.com"}""", "serviceType"),
            ("""{"name":"x","serviceType":"claude","baseUrl":"ftp://nope"}""", "baseUrl"),
            ("""{"name":"x","serviceType":"claude","baseUrl":"https://a.example","weight":0}""", "weight"),
            ("""{"name":"x","serviceType":"claude","baseUrl":"https://a.example","reasoning":"maybe"}""", "reasoning"),
            ("""{"name":"x","serviceType":"claude","baseUrl":"https://a.example","colour":"red"}""", "colour"),
            ("""{"name":"x","serviceType":"claude","baseUrl":"https://a.example","priority":"high"}""", "priority"),
        };
        foreach (var (json, field) in cases)
        {
            using var response = await client.PostAsync("/api/channels", Body(json), Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await JsonAsync(response);
            Assert.Equal("invalid_request_error", (string?)error["error"]!["type"]);
            Assert.StartsWith(field, (string?)error["error"]!["message"], StringComparison.Ordinal);
        }

        Assert.Empty(gateway.ConfigStore.Current.Upstream);
    }

    [Fact]
    public async Task A_created_channel_is_saved_returned_with_its_id_and_serves_requests()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("via the new channel"));
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        using var created = await client.PostAsync("/api/channels",
            Body($$$"""{"name":"anthropic","serviceType":"claude","baseUrl":"{{{upstream.BaseUrl}}}","apiKeys":["{{{KeyOne}}}"],"modelMapping":{"haiku":"claude-haiku-4-5"}}"""), Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = await JsonAsync(created);
        Assert.StartsWith("ch_", (string?)channel["id"], StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOne, channel.ToJsonString(), StringComparison.Ordinal);
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        Assert.Equal(KeyOne, (string?)onDisk["upstream"]![0]!["apiKeys"]![0]);
        using var proxied = await client.PostAsync("/v1/messages", Body("""{"model":"m","max_tokens":1,"messages":[]}"""), Token);
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
    }

    [Fact]
    public async Task Update_is_truly_partial_and_masked_keys_sent_back_keep_the_real_keys()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();
        using var renamed = await client.PutAsync("/api/channels/ch_first", Body("""{"name":"renamed","weight":3}"""), Token);
        var echoBack = (await JsonAsync(await client.GetAsync("/api/channels/ch_first", Token))).AsObject();
        echoBack["description"] = "edited in a form that shows masked keys";
        using var resent = await client.PutAsync("/api/channels/0", Body(echoBack.ToJsonString()), Token);
        using var unknownField = await client.PutAsync("/api/channels/ch_first", Body("""{"nmae":"typo"}"""), Token);
        using var missing = await client.PutAsync("/api/channels/ch_nope", Body("""{"name":"x"}"""), Token);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var channel = gateway.ConfigStore.Current.Upstream[0];
        Assert.Equal("renamed", channel.Name);
        Assert.Equal(3, channel.Weight);
        Assert.Equal("edited in a form that shows masked keys", channel.Description);
        Assert.Equal([KeyOne, KeyTwo], channel.ApiKeys);
    }

    [Fact]
    public async Task Keys_are_added_refused_when_duplicate_and_removed_by_fingerprint_position_or_raw_key()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();
        const string third = "sk-ant-api03-RealSecretKeyNumberThree-CCCC";

        using var added = await client.PostAsync("/api/channels/ch_first/keys", Body($$"""{"apiKey":"{{third}}"}"""), Token);
        using var duplicate = await client.PostAsync("/api/channels/ch_first/keys", Body($$"""{"apiKey":"{{third}}"}"""), Token);
        using var empty = await client.PostAsync("/api/channels/ch_first/keys", Body("""{"apiKey":"  "}"""), Token);
        var fingerprint = (string?)(await JsonAsync(added))["apiKeys"]![2];
        using var byFingerprint = await client.DeleteAsync($"/api/channels/ch_first/keys/{Uri.EscapeDataString(fingerprint!)}", Token);
        using var byPosition = await client.DeleteAsync("/api/channels/ch_first/keys/1", Token);
        using var byRawKey = await client.DeleteAsync($"/api/channels/0/keys/{Uri.EscapeDataString(KeyOne)}", Token);
        using var gone = await client.DeleteAsync($"/api/channels/0/keys/{Uri.EscapeDataString(KeyOne)}", Token);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byFingerprint.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byPosition.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byRawKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Empty(gateway.ConfigStore.Current.Upstream[0].ApiKeys);
        Assert.DoesNotContain(KeyOne, gateway.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(third, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Current_order_and_strategy_can_be_set()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();

        using var current = await client.PostAsync("/api/channels/ch_second/current", null, Token);
        var afterCurrent = await JsonAsync(await client.GetAsync("/api/channels", Token));
        using var order = await client.PutAsync("/api/channels/order", Body("""{"order":["ch_second","ch_first"]}"""), Token);
        using var badOrder = await client.PutAsync("/api/channels/order", Body("""{"order":["ch_second"]}"""), Token);
        using var strategy = await client.PutAsync("/api/loadbalance", Body("""{"strategy":"round-robin"}"""), Token);
        using var badStrategy = await client.PutAsync("/api/loadbalance", Body("""{"strategy":"fastest"}"""), Token);

        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(1, (int?)afterCurrent["current"]);
        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        Assert.Equal(["ch_second", "ch_first"], gateway.ConfigStore.Current.Upstream.Select(c => c.Id));
        Assert.Equal(HttpStatusCode.BadRequest, badOrder.StatusCode);
        Assert.Equal(HttpStatusCode.OK, strategy.StatusCode);
        Assert.Equal("round-robin", gateway.ConfigStore.Current.LoadBalance);
        Assert.Equal(HttpStatusCode.BadRequest, badStrategy.StatusCode);
        Assert.Equal(0, (int?)(await JsonAsync(await client.GetAsync("/api/channels", Token)))["current"]);
    }

    [Fact]
    public async Task Reordering_channels_with_explicit_priorities_changes_which_channel_answers()
    {
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var second = await FakeUpstream.StartAsync(Token);
        first.SetDefault(AnthropicFakes.Message("from first"));
        second.SetDefault(AnthropicFakes.Message("from second"));
        var one = Channel("ch_first", "first", first.BaseUrl, KeyOne);
        one["priority"] = 1;
        var two = Channel("ch_second", "second", second.BaseUrl, KeyTwo);
        two["priority"] = 2;
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(one, two));
        using var client = gateway.CreateClient();

        using var order = await client.PutAsync("/api/channels/order", Body("""{"order":["ch_second","ch_first"]}"""), Token);
        var listed = await JsonAsync(order);
        using var proxied = await client.PostAsync("/v1/messages", Body("""{"model":"m","max_tokens":1,"messages":[]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, order.StatusCode);
        Assert.Equal(0, (int?)listed["current"]);
        Assert.Equal([("ch_second", 0, true), ("ch_first", 1, false)],
            listed["channels"]!.AsArray().Select(c => ((string?)c!["id"], (int?)c["priority"], (bool?)c["current"])));
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Single(second.Requests);
        Assert.Empty(first.Requests);
    }

    [Fact]
    public async Task Several_keys_are_added_in_one_write_all_or_none_and_a_present_one_is_named_masked()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();
        const string third = "sk-ant-api03-RealSecretKeyNumberThree-CCCC";
        const string fourth = "sk-ant-api03-RealSecretKeyNumberFour-DDDD";
        var backups = BackupCount(gateway);

        using var added = await client.PostAsync("/api/channels/ch_second/keys", Body($$"""{"apiKeys":[" {{third}} ","","{{fourth}}","{{third}}"]}"""), Token);
        var afterAdd = gateway.ConfigStore.Current;
        using var conflict = await client.PostAsync("/api/channels/ch_first/keys", Body($$"""{"apiKeys":["{{third}}","{{KeyTwo}}"]}"""), Token);
        var conflictText = await conflict.Content.ReadAsStringAsync(Token);
        using var none = await client.PostAsync("/api/channels/ch_first/keys", Body("""{"apiKeys":["", "  "]}"""), Token);
        using var notStrings = await client.PostAsync("/api/channels/ch_first/keys", Body("""{"apiKeys":["ok-key-value-0001", 7]}"""), Token);
        using var both = await client.PostAsync("/api/channels/ch_first/keys", Body($$"""{"apiKey":"{{third}}","apiKeys":["{{fourth}}"]}"""), Token);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(3, (int?)(await JsonAsync(added))["keyCount"]);
        Assert.Equal(["relay-key-second-channel-0001", third, fourth], afterAdd.Upstream[1].ApiKeys);
        Assert.Equal(backups + 1, BackupCount(gateway));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("sk-ant…BBBB", conflictText, StringComparison.Ordinal);
        Assert.DoesNotContain("RealSecret", conflictText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notStrings.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Same(afterAdd, gateway.ConfigStore.Current);
        Assert.Equal([KeyOne, KeyTwo], gateway.ConfigStore.Current.Upstream[0].ApiKeys);
        Assert.DoesNotContain(third, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_channel_removes_it_and_unknown_ids_are_404()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();

        using var deleted = await client.DeleteAsync("/api/channels/ch_first", Token);
        using var again = await client.DeleteAsync("/api/channels/ch_first", Token);
        using var outOfRange = await client.DeleteAsync("/api/channels/7", Token);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outOfRange.StatusCode);
        Assert.Equal("ch_second", Assert.Single(gateway.ConfigStore.Current.Upstream).Id);
    }

    [Fact]
    public async Task Parallel_edits_never_lose_an_update_and_backups_keep_the_ten_newest()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            client.PostAsync("/api/channels/ch_second/keys", Body($$"""{"apiKey":"parallel-key-{{i:D4}}-xxxxxxxx"}"""), Token)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        var keys = gateway.ConfigStore.Current.Upstream[1].ApiKeys;
        Assert.Equal(25, keys.Count);
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        Assert.Equal(25, onDisk["upstream"]![1]!["apiKeys"]!.AsArray().Count);
        Assert.Equal(10, Directory.GetFiles(Path.Combine(Path.GetDirectoryName(gateway.ConfigPath)!, "backups")).Length);
    }

    [Fact]
    public async Task Export_masks_keys_unless_asked_and_a_masked_export_imports_back_with_real_keys()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();

        var masked = await (await client.GetAsync("/api/config/export", Token)).Content.ReadAsStringAsync(Token);
        var full = await (await client.GetAsync("/api/config/export?includeKeys=true", Token)).Content.ReadAsStringAsync(Token);
        var edited = JsonNode.Parse(masked)!;
        edited["loadBalance"] = "random";
        using var imported = await client.PostAsync("/api/config/import", Body(edited.ToJsonString()), Token);
        using var broken = await client.PostAsync("/api/config/import", Body("""{"upstream":[{"name":"x","serviceType":"nope","baseUrl":"https://a.example"}]}"""), Token);

        Assert.DoesNotContain(KeyOne, masked, StringComparison.Ordinal);
        Assert.Contains(KeyOne, full, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("random", gateway.ConfigStore.Current.LoadBalance);
        Assert.Equal([KeyOne, KeyTwo], gateway.ConfigStore.Current.Upstream[0].ApiKeys);
    }

    [Fact]
    public async Task Reload_picks_up_the_file_and_refuses_a_broken_one_keeping_the_live_config()
    {
        await using var gateway = await StartWithTwoChannelsAsync();
        using var client = gateway.CreateClient();
        var config = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        config["loadBalance"] = "random";

        await File.WriteAllTextAsync(gateway.ConfigPath, config.ToJsonString(), Token);
        using var reloaded = await client.PostAsync("/api/config/reload", null, Token);
        await File.WriteAllTextAsync(gateway.ConfigPath, "{ broken", Token);
        using var refused = await client.PostAsync("/admin/config/reload", null, Token);

        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("last good config", (string?)(await JsonAsync(refused))["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal("random", gateway.ConfigStore.Current.LoadBalance);
        Assert.Equal(2, gateway.ConfigStore.Current.Upstream.Count);
    }

    [Fact]
    public async Task Ping_reports_honestly_what_each_channel_answered()
    {
        await using var healthy = await FakeUpstream.StartAsync(Token);
        await using var refusing = await FakeUpstream.StartAsync(Token);
        healthy.SetDefault(AnthropicFakes.Models("claude-sonnet-4-5"));
        refusing.SetDefault(AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(
            Channel("ch_ok", "ok", healthy.BaseUrl, KeyOne),
            Channel("ch_auth", "auth", refusing.BaseUrl, KeyTwo),
            Channel("ch_down", "down", new Uri("http://127.0.0.1:9/"), "relay-key-down-0001"),
            Channel("ch_empty", "empty", healthy.BaseUrl)));
        using var client = gateway.CreateClient();

        var all = (await JsonAsync(await client.GetAsync("/api/ping", Token))).AsArray();
        var one = await JsonAsync(await client.GetAsync("/api/ping/ch_auth", Token));

        Assert.Equal(["healthy", "auth_error", "unreachable", "no_keys"], all.Select(r => (string?)r!["status"]));
        Assert.Equal(401, (int?)one["httpStatus"]);
        Assert.Equal("/v1/models", healthy.Requests[0].Path);
        Assert.Equal(KeyOne, healthy.Requests[0].Headers["x-api-key"]);
    }

    [Fact]
    public async Task Ping_asks_each_channel_type_for_its_model_list_with_its_own_credential()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Models("any-model"));
        var openAI = TestConfigs.Channel("relay", "openai", upstream.BaseUrl, "sk-openai-ping-0001");
        openAI["id"] = "ch_openai";
        var gemini = TestConfigs.Channel("google", "gemini", upstream.BaseUrl, "AIza-gemini-ping-0001");
        gemini["id"] = "ch_gemini";
        var responses = TestConfigs.Channel("codex", "responses", upstream.BaseUrl, "sk-responses-ping-0001");
        responses["id"] = "ch_responses";
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(openAI, gemini, responses));
        using var client = gateway.CreateClient();

        var viaOpenAI = await JsonAsync(await client.GetAsync("/api/ping/ch_openai", Token));
        var viaGemini = await JsonAsync(await client.GetAsync("/api/ping/ch_gemini", Token));
        var viaResponses = await JsonAsync(await client.GetAsync("/api/ping/ch_responses", Token));

        Assert.Equal("healthy", (string?)viaOpenAI["status"]);
        Assert.Equal("healthy", (string?)viaGemini["status"]);
        Assert.Equal("/v1/models", upstream.Requests[0].Path);
        Assert.Equal("Bearer sk-openai-ping-0001", upstream.Requests[0].Headers["authorization"]);
        Assert.Equal("/v1beta/models", upstream.Requests[1].Path);
        Assert.Equal("AIza-gemini-ping-0001", upstream.Requests[1].Headers["x-goog-api-key"]);
        Assert.False(upstream.Requests[1].Headers.ContainsKey("authorization"));
        Assert.Equal("healthy", (string?)viaResponses["status"]);
        Assert.Equal("/v1/models", upstream.Requests[2].Path);
        Assert.Equal("Bearer sk-responses-ping-0001", upstream.Requests[2].Headers["authorization"]);
    }
}
