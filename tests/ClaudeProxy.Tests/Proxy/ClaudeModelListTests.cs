using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>
/// <c>GET /v1/models</c> from a <c>claude</c> channel is re-shaped as an Anthropic model list, never
/// relayed: whatever else the upstream's body holds stays behind.
/// </summary>
public sealed class ClaudeModelListTests
{
    private const string UpstreamKey = "sk-ant-api03-models-0000000000000000000001";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(bool withMapping = false) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.ClaudeChannel(baseUrl, UpstreamKey);
            if (withMapping)
            {
                channel["modelMapping"] = new JsonObject { ["sonnet"] = "claude-sonnet-4-5" };
            }

            return channel;
        }, Token);

    [Fact]
    public async Task A_model_list_keeps_only_the_anthropic_fields_and_nothing_else_the_upstream_sent()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, $$$"""
            {"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z","owner_key":"{{{UpstreamKey}}}"},
                     {"type":"model","id":"claude-haiku-4-5","created_at":"2025-10-15T00:00:00Z"}],
             "has_more":true,"first_id":"claude-sonnet-4-5","last_id":"claude-haiku-4-5",
             "debug":{"request_headers":{"x-api-key":"{{{UpstreamKey}}}" } } }
            """, ("x-upstream-debug", "relay-internal")));
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/v1/models", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(UpstreamKey, text, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("x-upstream-debug"));
        var page = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["data", "has_more", "first_id", "last_id", "object"], page.Select(p => p.Key));
        Assert.Equal("list", (string?)page["object"]);
        Assert.True((bool?)page["has_more"]);
        Assert.Equal(("claude-sonnet-4-5", "claude-haiku-4-5"), ((string?)page["first_id"], (string?)page["last_id"]));
        var first = page["data"]![0]!.AsObject();
        Assert.Equal(["type", "id", "display_name", "created_at", "object", "created", "owned_by"], first.Select(p => p.Key));
        Assert.Equal(("model", 1759104000L), ((string?)first["object"], (long)first["created"]!));
        Assert.Equal(("model", "Claude Sonnet 4.5"), ((string?)first["type"], (string?)first["display_name"]));
        Assert.Equal(new DateTimeOffset(2025, 9, 29, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)first["created_at"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("claude-haiku-4-5", (string?)page["data"]![1]!["display_name"]);
    }

    [Fact]
    public async Task One_model_is_answered_as_one_model_object()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, $$$"""{"type":"model","id":"claude-haiku-4-5","display_name":"Claude Haiku 4.5","created_at":"2025-10-15T00:00:00Z","billing":{"key":"{{{UpstreamKey}}}"}}"""));
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/v1/models/claude-haiku-4-5", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(UpstreamKey, text, StringComparison.Ordinal);
        var model = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["type", "id", "display_name", "created_at", "object", "created", "owned_by"], model.Select(p => p.Key));
        Assert.Equal("claude-haiku-4-5", (string?)model["id"]);
    }

    [Theory]
    [InlineData("""{"echo":{"x-api-key":"KEY"}}""")]
    [InlineData("""<html>relay login page KEY</html>""")]
    [InlineData("""{"data":[{"id":5,"secret":"KEY"}]}""")]
    [InlineData("""{"data":[{"type":"file","id":"f_1","key":"KEY"}]}""")]
    public async Task An_answer_that_is_not_a_model_list_falls_back_to_the_mapped_names(string upstreamBody)
    {
        await using var harness = await StartAsync(withMapping: true);
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Text(200, upstreamBody.Replace("KEY", UpstreamKey, StringComparison.Ordinal), "application/json"));
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/v1/models", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(UpstreamKey, text, StringComparison.Ordinal);
        Assert.Equal(["sonnet"], JsonNode.Parse(text)!["data"]!.AsArray().Select(m => (string?)m!["id"]));
    }

    [Fact]
    public async Task An_answer_that_is_not_a_model_list_without_mapped_names_is_a_502_envelope()
    {
        await using var harness = await StartAsync();
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, $$$"""{"headers":{"x-api-key":"{{{UpstreamKey}}}"}}"""));
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/v1/models", Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain(UpstreamKey, text, StringComparison.Ordinal);
        var body = JsonNode.Parse(text)!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("api_error", (string?)body["error"]!["type"]);
        Assert.Contains("not an Anthropic model list", (string?)body["error"]!["message"], StringComparison.Ordinal);
    }
}
