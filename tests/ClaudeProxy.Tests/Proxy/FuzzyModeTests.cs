using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>
/// <c>fuzzyModeEnabled</c>: every failed answer moves on to the next key or channel, and when all fail the
/// client gets one <c>503 overloaded_error</c> instead of the last upstream's error.
/// </summary>
public sealed class FuzzyModeTests
{
    private const string Body = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    private const string AllFailed = "All upstream channels are currently unavailable";
    private const string PrimaryKey = "sk-ant-api03-primary-key-0123456789";
    private const string SpareKey = "sk-ant-api03-spare-key-0123456789";
    private const string BackupKey = "sk-ant-api03-backup-key-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Config(bool? fuzzy, FakeUpstream primary, FakeUpstream backup, params string[] primaryKeys)
    {
        var config = JsonNode.Parse(TestConfigs.Config(
            TestConfigs.Channel("primary", "claude", primary.BaseUrl, primaryKeys.Length == 0 ? [PrimaryKey] : primaryKeys),
            TestConfigs.Channel("backup", "claude", backup.BaseUrl, BackupKey)))!.AsObject();
        if (fuzzy is { } enabled)
        {
            config["fuzzyModeEnabled"] = enabled;
        }

        return config.ToJsonString();
    }

    private static FakeReply BadRequest(string message) => AnthropicFakes.Error(400, "invalid_request_error", message);

    private static async Task<JsonNode> ErrorOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;

    [Fact]
    public async Task With_fuzzy_mode_a_400_from_one_channel_is_retried_on_the_next_which_answers()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(BadRequest("model not served by this relay"));
        backup.SetDefault(AnthropicFakes.Message("from backup"));
        await using var gateway = await TestGateway.StartAsync(Config(true, primary, backup));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from backup", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(primary.Requests.Single().Body, backup.Requests.Single().Body);
        Assert.Equal("2", response.Headers.GetValues("x-claude-proxy-attempts").Single());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task With_fuzzy_mode_every_key_of_every_channel_is_tried_and_all_failing_gives_one_503_overloaded_error_naming_no_key(int status)
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(AnthropicFakes.Error(status, "invalid_request_error", $"primary refused key {PrimaryKey}"));
        backup.SetDefault(FakeReply.Json(status, AnthropicFakes.ErrorJson("invalid_request_error", "backup refused"), ("retry-after", "7"), ("request-id", "req_backup_1")));
        await using var gateway = await TestGateway.StartAsync(Config(true, primary, backup, PrimaryKey, SpareKey));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Token);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal(("overloaded_error", AllFailed), ((string?)body["error"]!["type"], (string?)body["error"]!["message"]));
        Assert.StartsWith("req_", (string?)body["request_id"], StringComparison.Ordinal);
        Assert.NotEqual("req_backup_1", response.Headers.GetValues("request-id").Single());
        Assert.False(response.Headers.Contains("retry-after"));
        Assert.Equal("3", response.Headers.GetValues("x-claude-proxy-attempts").Single());
        Assert.DoesNotContain("refused", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant", text, StringComparison.Ordinal);
        Assert.Equal([PrimaryKey, SpareKey], primary.Requests.Select(r => r.Headers["x-api-key"]));
        Assert.Equal([BackupKey], backup.Requests.Select(r => r.Headers["x-api-key"]));
    }

    [Fact]
    public async Task With_fuzzy_mode_the_503_is_the_same_whatever_the_last_upstream_failed_with()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(BadRequest("bad"));
        backup.SetDefault(FakeReply.Reset());
        await using var gateway = await TestGateway.StartAsync(Config(true, primary, backup));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal(("overloaded_error", AllFailed), ((string?)error["type"], (string?)error["message"]));
        Assert.Equal((1, 1), (primary.Requests.Count, backup.Requests.Count));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(false)]
    public async Task Without_fuzzy_mode_a_400_comes_back_at_once_as_the_upstream_s_error(bool? fuzzy)
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        var upstreamBody = AnthropicFakes.ErrorJson("invalid_request_error", "model not served by this relay");
        primary.SetDefault(FakeReply.Json(400, upstreamBody));
        backup.SetDefault(AnthropicFakes.Message("never asked"));
        await using var gateway = await TestGateway.StartAsync(Config(fuzzy, primary, backup));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(upstreamBody, await response.Content.ReadAsStringAsync(Token));
        Assert.Single(primary.Requests);
        Assert.Empty(backup.Requests);
    }

    [Fact]
    public async Task Turning_fuzzy_mode_on_in_the_file_applies_to_the_next_request_without_a_restart()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(BadRequest("model not served by this relay"));
        backup.SetDefault(AnthropicFakes.Message("from backup"));
        await using var gateway = await TestGateway.StartAsync(Config(null, primary, backup));
        using var client = gateway.CreateClient();
        using (var before = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token))
        {
            Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        }

        var changed = gateway.NextConfigChange();
        await File.WriteAllTextAsync(gateway.ConfigPath, Config(true, primary, backup), Token);
        var live = await changed.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.True(live.FuzzyModeEnabled);
        using var after = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal((2, 1), (primary.Requests.Count, backup.Requests.Count));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_error_rests_no_key_and_counts_against_no_channel_whether_or_not_fuzzy_mode_retried_it(bool fuzzy)
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(BadRequest("model not served by this relay"));
        backup.SetDefault(AnthropicFakes.Message("from backup"));
        await using var gateway = await TestGateway.StartAsync(Config(fuzzy, primary, backup));
        using var client = gateway.CreateClient();

        using (var first = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token))
        {
            Assert.Equal(fuzzy ? HttpStatusCode.OK : HttpStatusCode.BadRequest, first.StatusCode);
        }

        using var healthResponse = await client.GetAsync("/api/health", Token);
        var channel = JsonNode.Parse(await healthResponse.Content.ReadAsStringAsync(Token))!["channels"]![0]!;
        Assert.Equal(("primary", "ok", 0.0), ((string?)channel["name"], (string?)channel["state"], (double)channel["failureRate"]!));
        var key = channel["keys"]![0]!;
        Assert.Equal(("ok", null, null), ((string?)key["state"], (string?)key["restingUntil"], key["lastError"]?.ToJsonString()));

        // The key is still the first one tried.
        using var second = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);
        Assert.Equal(2, primary.Requests.Count);
    }

    [Fact]
    public async Task With_fuzzy_mode_an_auth_failure_rests_its_key_exactly_as_without_it()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key"));
        backup.SetDefault(AnthropicFakes.Message("from backup"));
        await using var gateway = await TestGateway.StartAsync(Config(true, primary, backup));
        using var client = gateway.CreateClient();

        using (var first = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((1, 2), (primary.Requests.Count, backup.Requests.Count));
    }

    [Fact]
    public async Task With_fuzzy_mode_a_client_that_hangs_up_is_no_failure_and_no_other_channel_is_tried()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(FakeReply.Hang());
        backup.SetDefault(AnthropicFakes.Message("never asked"));
        await using var gateway = await TestGateway.StartAsync(Config(true, primary, backup));
        using var client = gateway.CreateClient();
        using var hangUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var pending = client.PostAsync("/v1/messages", TestGateway.Json(Body), hangUp.Token);
        var seen = await primary.WaitForRequestAsync(1, Token);

        await hangUp.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await seen.Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
        await gateway.UsageFlushedAsync(1);
        Assert.Empty(backup.Requests);
        using var healthResponse = await client.GetAsync("/api/health", Token);
        var key = JsonNode.Parse(await healthResponse.Content.ReadAsStringAsync(Token))!["channels"]![0]!["keys"]![0]!;
        Assert.Equal(("ok", null), ((string?)key["state"], key["lastError"]?.ToJsonString()));
    }

    [Theory]
    [InlineData("/v1/chat/completions", """{"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("/v1/responses", """{"model":"claude-sonnet-4-5","input":"hi","store":false}""")]
    public async Task With_fuzzy_mode_the_openai_doors_get_the_503_in_their_own_envelope(string path, string request)
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(BadRequest("bad"));
        backup.SetDefault(BadRequest("bad"));
        await using var gateway = await TestGateway.StartAsync(Config(true, primary, backup));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync(path, TestGateway.Json(request), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal((AllFailed, "overloaded_error", "overloaded"), ((string?)error["message"], (string?)error["type"], (string?)error["code"]));
        Assert.Equal((1, 1), (primary.Requests.Count, backup.Requests.Count));
    }

    [Fact]
    public async Task With_fuzzy_mode_the_gemini_door_gets_the_503_as_google_s_unavailable()
    {
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(BadRequest("bad"));
        backup.SetDefault(BadRequest("bad"));
        await using var gateway = await TestGateway.StartAsync(Config(true, primary, backup));
        using var client = gateway.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Add("x-goog-api-key", gateway.AccessKey);

        using var response = await client.PostAsync("/v1beta/models/claude-sonnet-4-5:generateContent",
            TestGateway.Json("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"""), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal((503, "UNAVAILABLE", AllFailed), ((int)error["code"]!, (string?)error["status"], (string?)error["message"]));
        Assert.Equal((1, 1), (primary.Requests.Count, backup.Requests.Count));
    }
}
