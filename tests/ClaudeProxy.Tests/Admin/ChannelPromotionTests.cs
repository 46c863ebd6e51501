using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Admin;

/// <summary>Promotion (claude-proxy's "抢优先级"): a channel goes first for a while, through the admin API.</summary>
public sealed class ChannelPromotionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static JsonObject Channel(string id, FakeUpstream upstream, string key, int priority)
    {
        var channel = TestConfigs.Channel(id, "claude", upstream.BaseUrl, key);
        channel["id"] = id;
        channel["priority"] = priority;
        return channel;
    }

    private static string Ask => """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;

    [Fact]
    public async Task A_promoted_channel_serves_before_every_priority_until_its_time_is_up()
    {
        var time = new FakeTimeProvider(Start);
        await using var primary = await FakeUpstream.StartAsync(Token);
        await using var backup = await FakeUpstream.StartAsync(Token);
        primary.SetDefault(AnthropicFakes.Message("from primary"));
        backup.SetDefault(AnthropicFakes.Message("from backup"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("ch_primary", primary, "key-primary-000001", 0), Channel("ch_backup", backup, "key-backup-0000001", 1)), timeProvider: time);
        using var client = gateway.CreateClient();

        using var promoted = await client.PostAsync("/api/channels/ch_backup/promote", TestGateway.Json("""{"seconds":300}"""), Token);
        var view = await JsonAsync(promoted);
        using (var during = await client.PostAsync("/v1/messages", TestGateway.Json(Ask), Token))
        {
            Assert.Contains("from backup", await during.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        time.Advance(TimeSpan.FromSeconds(301));
        using var after = await client.PostAsync("/v1/messages", TestGateway.Json(Ask), Token);

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(Start.AddSeconds(300), DateTimeOffset.Parse((string)view["promotionUntil"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("from primary", await after.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Single(backup.Requests);
    }

    [Fact]
    public async Task Promotion_without_a_body_lasts_five_minutes_ends_any_other_and_can_be_ended_early()
    {
        var time = new FakeTimeProvider(Start);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("ch_a", upstream, "key-a-000000000001", 0), Channel("ch_b", upstream, "key-b-000000000001", 1)), timeProvider: time);
        using var client = gateway.CreateClient();

        using var first = await client.PostAsync("/api/channels/ch_a/promote", null, Token);
        using var second = await client.PostAsync("/api/channels/ch_b/promote", null, Token);
        var list = await JsonAsync(await client.GetAsync("/api/channels", Token));
        using var ended = await client.DeleteAsync("/api/channels/ch_b/promote", Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Start.AddMinutes(5), DateTimeOffset.Parse((string)(await JsonAsync(second))["promotionUntil"]!, System.Globalization.CultureInfo.InvariantCulture));
        var channels = list["channels"]!.AsArray();
        Assert.Null(channels.Single(c => (string?)c!["id"] == "ch_a")!["promotionUntil"]);
        Assert.NotNull(channels.Single(c => (string?)c!["id"] == "ch_b")!["promotionUntil"]);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Null((await JsonAsync(ended))["promotionUntil"]);
        Assert.DoesNotContain("promotionUntil", await File.ReadAllTextAsync(gateway.ConfigPath, Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"seconds":0}""")]
    [InlineData("""{"seconds":"300"}""")]
    [InlineData("""{"seconds":1.5}""")]
    [InlineData("""{"seconds":999999999}""")]
    public async Task A_promotion_of_no_sensible_length_is_refused_naming_seconds(string body)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("ch_a", upstream, "key-a-000000000001", 0)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/api/channels/ch_a/promote", TestGateway.Json(body), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("seconds: expected a whole number from 1 to 604800", (string?)(await JsonAsync(response))["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("promotionUntil", await File.ReadAllTextAsync(gateway.ConfigPath, Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_channel_cannot_be_promoted_and_disabling_a_promoted_channel_ends_its_promotion()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var disabled = Channel("ch_off", upstream, "key-off-0000000001", 1);
        disabled["status"] = "disabled";
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Channel("ch_on", upstream, "key-on-00000000001", 0), disabled));
        using var client = gateway.CreateClient();

        using var refused = await client.PostAsync("/api/channels/ch_off/promote", null, Token);
        using var promoted = await client.PostAsync("/api/channels/ch_on/promote", null, Token);
        using var disabling = await client.PutAsync("/api/channels/ch_on", TestGateway.Json("""{"status":"disabled"}"""), Token);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("make it active before promoting it", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, disabling.StatusCode);
        Assert.Null((await JsonAsync(disabling))["promotionUntil"]);
    }
}
