using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Health;

/// <summary><c>/api/health</c> after real traffic through a scripted upstream, on a fake clock.</summary>
public sealed class HealthApiTests
{
    private const string KeyOne = "health-key-one-0123456789abcdef";
    private const string KeyTwo = "spare-key-two-9876543210fedcba";
    private const string AdminKey = "health-admin-key-0123456789abcdef";

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Body => """{"model":"m","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private Task<TestGateway> StartAsync(FakeUpstream upstream, params string[] keys) =>
        TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, keys)), timeProvider: _time);

    private static async Task<HttpStatusCode> SendAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);
        await response.Content.ReadAsStringAsync(Token);
        return response.StatusCode;
    }

    private static async Task<(string Text, JsonNode Body)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/health", Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Token);
        return (text, JsonNode.Parse(text)!);
    }

    private static DateTimeOffset Time(JsonNode? node) => DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_429_rests_its_key_until_the_retry_after_and_shows_its_last_error_without_the_raw_key()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(
            FakeReply.Json(429, AnthropicFakes.ErrorJson("rate_limit_error", $"Too many requests for key {KeyOne}"), ("retry-after", "90")),
            AnthropicFakes.Message("from key two"));
        await using var gateway = await StartAsync(upstream, KeyOne, KeyTwo);
        using var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        var (text, health) = await HealthAsync(client);

        Assert.DoesNotContain(KeyOne, text, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyTwo, text, StringComparison.Ordinal);
        Assert.Equal(Start, Time(health["time"]));
        var channel = health["channels"]!.AsArray().Single()!;
        Assert.Equal(("anthropic", "claude", "ok", 2), ((string?)channel["name"], (string?)channel["serviceType"], (string?)channel["state"], (int)channel["requests15m"]!));
        Assert.Null(channel["openUntil"]);
        var keys = channel["keys"]!.AsArray();
        var rested = keys[0]!;
        Assert.Equal((0, "resting", 1), ((int)rested["index"]!, (string?)rested["state"], (int)rested["requests15m"]!));
        Assert.Equal(Start + TimeSpan.FromSeconds(90), Time(rested["restingUntil"]));
        Assert.Equal("rate limited", (string?)rested["restReason"]);
        Assert.Null(rested["lastSuccess"]);
        var error = rested["lastError"]!;
        Assert.Equal(("rate_limit", 429), ((string?)error["kind"], (int)error["status"]!));
        Assert.Equal(Start, Time(error["time"]));
        Assert.Contains("Too many requests for key", (string?)error["message"], StringComparison.Ordinal);
        var served = keys[1]!;
        Assert.Equal((1, "ok", 1), ((int)served["index"]!, (string?)served["state"], (int)served["requests15m"]!));
        Assert.Null(served["restingUntil"]);
        Assert.Null(served["lastError"]);
        Assert.Equal(Start, Time(served["lastSuccess"]));
        Assert.NotEqual((string?)rested["key"], (string?)served["key"]);
    }

    [Fact]
    public async Task A_200_saying_the_key_has_nothing_left_rests_it_until_the_reset_with_the_learned_reason_and_no_failure()
    {
        var reset = Start + TimeSpan.FromSeconds(30);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Json(200, AnthropicFakes.MessageJson("last one"),
            ("anthropic-ratelimit-requests-remaining", "0"),
            ("anthropic-ratelimit-requests-reset", reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))));
        await using var gateway = await StartAsync(upstream, KeyOne, KeyTwo);
        using var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        var (text, health) = await HealthAsync(client);
        var channels = await client.GetStringAsync("/api/channels", Token);

        Assert.DoesNotContain(KeyOne, text, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOne, channels, StringComparison.Ordinal);
        var channel = health["channels"]![0]!;
        Assert.Equal(("ok", 0.0), ((string?)channel["state"], (double)channel["failureRate"]!));
        var rested = channel["keys"]![0]!;
        Assert.Equal((0, "resting"), ((int)rested["index"]!, (string?)rested["state"]));
        Assert.Equal(reset, Time(rested["restingUntil"]));
        Assert.Equal("rate limit reached (learned from the upstream's headers)", (string?)rested["restReason"]);
        Assert.Null(rested["lastError"]);
        Assert.Equal(Start, Time(rested["lastSuccess"]));
        var other = channel["keys"]![1]!;
        Assert.Equal(("ok", null), ((string?)other["state"], (string?)other["restReason"]));
        var listed = JsonNode.Parse(channels)!["channels"]![0]!["health"]!["keys"]![0]!;
        Assert.Equal((true, "rate limit reached (learned from the upstream's headers)"), ((bool)listed["coolingDown"]!, (string?)listed["cooldownReason"]));
        Assert.Equal((0, 0), ((int)listed["failures"]!, (int)listed["consecutiveFailures"]!));

        _time.Advance(TimeSpan.FromSeconds(30));
        var (_, later) = await HealthAsync(client);
        var back = later["channels"]![0]!["keys"]![0]!;
        Assert.Equal(("ok", null, null), ((string?)back["state"], (string?)back["restingUntil"], (string?)back["restReason"]));
    }

    [Fact]
    public async Task A_streak_of_5xx_opens_the_circuit_until_its_rest_ends_and_a_successful_probe_closes_it()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue([.. Enumerable.Range(0, 4).Select(_ => AnthropicFakes.Error(500, "api_error", "upstream broke"))]);
        await using var gateway = await StartAsync(upstream, KeyOne);
        using var client = gateway.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.InternalServerError, await SendAsync(client));
        }

        var (_, open) = await HealthAsync(client);
        var channel = open["channels"]![0]!;
        Assert.Equal("open", (string?)channel["state"]);
        Assert.Equal(Start + TimeSpan.FromSeconds(30), Time(channel["openUntil"]));
        Assert.Equal(("transient", 500), ((string?)channel["keys"]![0]!["lastError"]!["kind"], (int)channel["keys"]![0]!["lastError"]!["status"]!));

        _time.Advance(TimeSpan.FromMinutes(1));
        upstream.Enqueue(AnthropicFakes.Message("probe answered"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        var (_, closed) = await HealthAsync(client);

        var after = closed["channels"]![0]!;
        Assert.Equal("ok", (string?)after["state"]);
        Assert.Null(after["openUntil"]);
        Assert.Equal(5, (int)after["requests15m"]!);
        Assert.Equal("ok", (string?)after["keys"]![0]!["state"]);
    }

    [Fact]
    public async Task Requests_of_the_last_15_minutes_count_every_success_and_age_out_minute_by_minute()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("one"), AnthropicFakes.Message("two"), AnthropicFakes.Message("three"));
        await using var gateway = await StartAsync(upstream, KeyOne);
        using var client = gateway.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        }

        var (_, now) = await HealthAsync(client);
        _time.Advance(TimeSpan.FromMinutes(14));
        var (_, fourteenMinutesOn) = await HealthAsync(client);
        _time.Advance(TimeSpan.FromMinutes(1));
        var (_, fifteenMinutesOn) = await HealthAsync(client);

        Assert.Equal(3, (int)now["channels"]![0]!["keys"]![0]!["requests15m"]!);
        Assert.Equal(3, (int)now["channels"]![0]!["requests15m"]!);
        Assert.Equal(3, (int)fourteenMinutesOn["channels"]![0]!["keys"]![0]!["requests15m"]!);
        Assert.Equal(0, (int)fifteenMinutesOn["channels"]![0]!["keys"]![0]!["requests15m"]!);
        Assert.Equal(0, (int)fifteenMinutesOn["channels"]![0]!["requests15m"]!);
        Assert.Equal(Start, Time(fifteenMinutesOn["channels"]![0]!["keys"]![0]!["lastSuccess"]));
    }

    [Fact]
    public async Task A_disabled_channel_is_shown_disabled()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var channel = TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne);
        channel["status"] = "disabled";
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel), timeProvider: _time);
        using var client = gateway.CreateClient();

        var (_, health) = await HealthAsync(client);

        Assert.Equal("disabled", (string?)health["channels"]![0]!["state"]);
    }

    [Fact]
    public async Task Health_detail_needs_the_admin_key_while_the_public_health_check_names_no_key()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(429, "rate_limit_error", "slow down"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne)),
            settings: s => s with { AdminAccessKey = AdminKey }, timeProvider: _time);
        using var proxy = gateway.CreateClient();
        using var admin = gateway.CreateClient(AdminKey);
        using var anonymous = gateway.CreateClient(authenticated: false);
        await SendAsync(proxy);

        using var refused = await proxy.GetAsync("/api/health", Token);
        using var unauthenticated = await anonymous.GetAsync("/api/health", Token);
        using var allowed = await admin.GetAsync("/api/health", Token);
        using var publicHealth = await anonymous.GetAsync("/health", Token);
        var publicText = await publicHealth.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.DoesNotContain(KeyOne, publicText, StringComparison.Ordinal);
        Assert.DoesNotContain("lastError", publicText, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOne[..8], publicText, StringComparison.Ordinal);
    }
}
