using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>Routing across channels and keys, observed as the exact sequence of upstream calls.</summary>
public sealed class RoutingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Body(string model = "claude-sonnet-4-5", bool stream = false) =>
        $$"""{"model":"{{model}}","max_tokens":16,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

    private static JsonObject Channel(string name, FakeUpstream upstream, params string[] keys)
    {
        var channel = TestConfigs.Channel(name, "claude", upstream.BaseUrl, keys);
        channel["id"] = "ch_" + name;
        return channel;
    }

    [Fact]
    public async Task A_failing_channel_fails_over_to_the_next_priority()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(AnthropicFakes.Error(529, "overloaded_error", "Overloaded"));
        backup.SetDefault(AnthropicFakes.Message("from backup"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("primary", primary, "sk-ant-api03-p1"), Channel("backup", backup, "sk-ant-api03-b1")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from backup", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Single(primary.Requests);
        Assert.Single(backup.Requests);
        Assert.Equal("2", response.Headers.GetValues("x-claude-proxy-attempts").Single());
    }

    [Fact]
    public async Task Every_attempt_leaves_a_record_with_its_class_and_a_masked_key()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(401, "authentication_error", "bad key"), AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("relay", upstream, "sk-ant-api03-secret-Qx81mT", "sk-ant-api03-secret-Lr27vZ")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);
        // The successful attempt is recorded once its answer is written, which the client may see first:
        // the request's log entry comes after every record.
        await gateway.UsageFlushedAsync(1);

        var records = gateway.App.Services.GetRequiredService<ClaudeProxy.Observability.RecentAttempts>().Snapshot();
        Assert.Equal(2, records.Count);
        Assert.Equal((1, 401, ClaudeProxy.Routing.Attempts.FailureKind.Auth), (records[0].AttemptNumber, records[0].Status, records[0].Failure));
        Assert.Equal((2, 200, ClaudeProxy.Routing.Attempts.FailureKind.None), (records[1].AttemptNumber, records[1].Status, records[1].Failure));
        Assert.All(records, r => Assert.Equal("ch_relay", r.ChannelId));
        Assert.All(records, r => Assert.DoesNotContain("secret", r.KeyFingerprint, StringComparison.Ordinal));
        Assert.NotEqual(records[0].KeyFingerprint, records[1].KeyFingerprint);
        Assert.Equal(records[0].RequestId, records[1].RequestId);
        Assert.NotNull(records[1].TimeToFirstByte);
    }

    [Fact]
    public async Task Keys_that_ran_out_of_quota_move_to_the_end_and_the_order_is_saved()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Json(429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}"""),
            AnthropicFakes.Message("second key works"));
        upstream.SetDefault(AnthropicFakes.Message("later"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("relay", upstream, "key-exhausted-0001", "key-working-00002", "key-spare-0000003")));
        using var client = gateway.CreateClient();
        var saved = gateway.NextConfigChange();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = await saved.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.Equal(["key-working-00002", "key-spare-0000003", "key-exhausted-0001"], config.Upstream[0].ApiKeys);
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(gateway.ConfigPath, Token))!;
        Assert.Equal(["key-working-00002", "key-spare-0000003", "key-exhausted-0001"], onDisk["upstream"]![0]!["apiKeys"]!.AsArray().Select(k => (string?)k));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(gateway.ConfigPath)!, "backups", "auto")));

        using var next = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);
        Assert.Equal("key-working-00002", upstream.Requests[^1].Headers["authorization"].Replace("Bearer ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_key_rests_and_comes_back_by_itself_after_its_cooldown()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key"));
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("relay", upstream, "sk-ant-api03-one", "sk-ant-api03-two")), timeProvider: time);
        using var client = gateway.CreateClient();

        (await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token)).Dispose();
        (await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token)).Dispose();
        time.Advance(TimeSpan.FromMinutes(10));
        (await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token)).Dispose();

        Assert.Equal(
            ["sk-ant-api03-one", "sk-ant-api03-two", "sk-ant-api03-two", "sk-ant-api03-one"],
            upstream.Requests.Select(r => r.Headers["x-api-key"]));
    }

    [Fact]
    public async Task Channels_of_equal_priority_share_traffic_by_weight()
    {
        await using var heavy = await FakeUpstream.StartAsync(Token);
        await using var light = await FakeUpstream.StartAsync(Token);
        heavy.SetDefault(AnthropicFakes.Message("heavy"));
        light.SetDefault(AnthropicFakes.Message("light"));
        var heavyChannel = Channel("heavy", heavy, "sk-ant-api03-h");
        heavyChannel["priority"] = 1;
        heavyChannel["weight"] = 3;
        var lightChannel = Channel("light", light, "sk-ant-api03-l");
        lightChannel["priority"] = 1;
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(heavyChannel, lightChannel));
        using var client = gateway.CreateClient();

        for (var i = 0; i < 400; i++)
        {
            using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.InRange(heavy.Requests.Count, 290, 310);
        Assert.Equal(400, heavy.Requests.Count + light.Requests.Count);
    }

    [Fact]
    public async Task A_channel_with_model_patterns_serves_only_matching_models()
    {
        await using var fast = await FakeUpstream.StartAsync(Token);
        await using var main = await FakeUpstream.StartAsync(Token);
        fast.SetDefault(AnthropicFakes.Message("fast"));
        main.SetDefault(AnthropicFakes.Message("main"));
        var fastChannel = Channel("fast", fast, "sk-ant-api03-f");
        fastChannel["models"] = new JsonArray("claude-*haiku*");
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(fastChannel, Channel("main", main, "sk-ant-api03-m")));
        using var client = gateway.CreateClient();

        (await client.PostAsync("/v1/messages", TestGateway.Json(Body("claude-haiku-4-5-20251001")), Token)).Dispose();
        (await client.PostAsync("/v1/messages", TestGateway.Json(Body("claude-sonnet-4-5")), Token)).Dispose();

        Assert.Equal("claude-haiku-4-5-20251001", Assert.Single(fast.Requests).Json().GetProperty("model").GetString());
        Assert.Equal("claude-sonnet-4-5", Assert.Single(main.Requests).Json().GetProperty("model").GetString());
    }

    [Fact]
    public async Task Disabled_channels_are_never_used()
    {
        await using var off = await FakeUpstream.StartAsync(Token);
        await using var on = await FakeUpstream.StartAsync(Token);
        on.SetDefault(AnthropicFakes.Message("on"));
        var offChannel = Channel("off", off, "sk-ant-api03-x");
        offChannel["status"] = "disabled";
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(offChannel, Channel("on", on, "sk-ant-api03-y")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(off.Requests);
    }

    [Fact]
    public async Task Nothing_is_retried_once_the_stream_has_started()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        primary.Enqueue(FakeReply.Stream(new SseScript().Event(AnthropicFakes.MessageStartEvent("m"))
            .Event(AnthropicFakes.TextBlockStartEvent(0)).WaitFor(gate.Task).Reset()));
        backup.SetDefault(FakeReply.Stream(AnthropicFakes.TextStream("m", "backup")));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("primary", primary, "sk-ant-api03-p"), Channel("backup", backup, "sk-ant-api03-b")));
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Body(stream: true)) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);

        gate.SetResult();
        var rest = await reader.ReadToEndAsync(Token);

        Assert.Equal("error", Assert.Single(rest).Event);
        Assert.Empty(backup.Requests);
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_opens_its_circuit_and_is_tried_last()
    {
        await using var flaky = await FakeUpstream.StartAsync(Token);
        await using var steady = await FakeUpstream.StartAsync(Token);
        flaky.SetDefault(AnthropicFakes.Error(500, "api_error", "Internal server error"));
        steady.SetDefault(AnthropicFakes.Message("steady"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(
            Channel("flaky", flaky, "sk-ant-api03-f1", "sk-ant-api03-f2", "sk-ant-api03-f3", "sk-ant-api03-f4", "sk-ant-api03-f5"),
            Channel("steady", steady, "sk-ant-api03-s")));
        using var client = gateway.CreateClient();

        // The first request meets four failures in a row: the circuit opens and the fifth key is left alone.
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var flakyCalls = flaky.Requests.Count;
        using (var afterOpen = await client.PostAsync("/v1/messages", TestGateway.Json(Body()), Token))
        {
            Assert.Equal(HttpStatusCode.OK, afterOpen.StatusCode);
        }

        Assert.Equal(4, flakyCalls);
        Assert.Equal(flakyCalls, flaky.Requests.Count);
        Assert.Equal(3, steady.Requests.Count);
    }

    [Fact]
    public async Task Thinking_from_another_provider_is_removed_before_history_goes_to_anthropic()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("anthropic", upstream, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();
        const string history = """
            {"model":"claude-sonnet-4-5","max_tokens":64,"messages":[
              {"role":"user","content":"q1"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"from openai","signature":""},{"type":"text","text":"a1"}]},
              {"role":"user","content":"q2"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"from gemini","signature":"gw1.gemini.abc"},{"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"file.txt"}]},
              {"role":"assistant","content":[{"type":"thinking","thinking":"genuine","signature":"EqQBCkYIBxgCKkA="},{"type":"text","text":"a3"}]},
              {"role":"user","content":"q4"}],
             "unknown_field":{"kept":true}}
            """;

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(history), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(upstream.Requests).Json();
        var messages = sent.GetProperty("messages");
        Assert.Equal(["text"], messages[1].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal(["tool_use"], messages[3].GetProperty("content").EnumerateArray().Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("EqQBCkYIBxgCKkA=", messages[5].GetProperty("content")[0].GetProperty("signature").GetString());
        Assert.True(sent.GetProperty("unknown_field").GetProperty("kept").GetBoolean());
        Assert.Equal(7, messages.GetArrayLength());
    }
}
