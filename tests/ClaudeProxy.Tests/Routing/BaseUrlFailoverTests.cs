using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>
/// A channel of several base URLs (<c>baseUrls</c>) through the gateway: every key on one URL before the next,
/// and a URL that failed on its own account tried last by the next requests for a while.
/// </summary>
public sealed class BaseUrlFailoverTests
{
    private const string KeyOne = "sk-ant-api03-mirror-key-one-0001";
    private const string KeyTwo = "sk-ant-api03-mirror-key-two-0002";
    private const string Body = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";

    /// <summary>Nothing listens on the discard port: connecting is refused at once.</summary>
    private static readonly Uri Unreachable = new("http://127.0.0.1:9");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static JsonObject Mirrored(string serviceType, IEnumerable<Uri> urls, params string[] keys)
    {
        var channel = TestConfigs.Channel("mirrors", serviceType, urls.First(), keys);
        channel.Remove("baseUrl");
        channel["id"] = "ch_mirrors";
        channel["baseUrls"] = new JsonArray([.. urls.Select(u => (JsonNode)u.ToString().TrimEnd('/'))]);
        return channel;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string path = "/v1/messages", string body = Body)
    {
        using var response = await client.PostAsync(path, TestGateway.Json(body), Token);
        return response.StatusCode;
    }

    private static IEnumerable<string> Keys(FakeUpstream upstream) => upstream.Requests.Select(r => r.Headers["x-api-key"]);

    [Fact]
    public async Task A_url_answering_503_hands_every_key_to_the_next_url_and_is_tried_last_for_thirty_seconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 3, 10, 0, 0, TimeSpan.Zero));
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var second = await FakeUpstream.StartAsync(Token);
        first.SetDefault(AnthropicFakes.Error(503, "api_error", "upstream unavailable"));
        second.SetDefault(AnthropicFakes.Message("from the second URL"));
        await using var gateway = await TestGateway.StartAsync(
            TestConfigs.Config(Mirrored("claude", [first.BaseUrl, second.BaseUrl], KeyOne, KeyTwo)), timeProvider: time);
        using var client = gateway.CreateClient();

        using (var served = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Contains("from the second URL", await served.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
            Assert.Equal("3", served.Headers.GetValues("x-claude-proxy-attempts").Single());
        }

        Assert.Equal([KeyOne, KeyTwo], Keys(first));
        Assert.Equal([KeyOne], Keys(second));
        Assert.Equal("/v1/messages", second.Requests[0].Path);
        Assert.Contains(gateway.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("mirrors", StringComparison.Ordinal)
            && l.Contains(first.BaseUrl.Authority, StringComparison.Ordinal));

        // Within the cool-down the next request starts on the second URL.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        Assert.Equal(2, first.Requests.Count);
        Assert.Equal([KeyOne, KeyOne], Keys(second));

        // Once it is over, the first URL is back in its place.
        first.SetDefault(AnthropicFakes.Message("from the first URL"));
        time.Advance(BaseUrlRotation.Cooldown);
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client));
        Assert.Equal(3, first.Requests.Count);
        Assert.Equal(2, second.Requests.Count);
    }

    [Fact]
    public async Task An_openai_channel_with_only_base_urls_is_served_past_an_unreachable_first_url()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(OpenAIFakes.ChatCompletion("from the reachable URL"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Mirrored("openai", [Unreachable, upstream.BaseUrl], "sk-openai-mirror-key-0001")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("from the reachable URL", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("/v1/chat/completions", seen.Path);
        Assert.Equal("Bearer sk-openai-mirror-key-0001", seen.Headers["authorization"]);
    }

    [Fact]
    public async Task A_passthrough_request_goes_to_the_next_url_when_the_first_fails()
    {
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var second = await FakeUpstream.StartAsync(Token);
        first.SetDefault(FakeReply.Json(500, """{"error":{"code":500,"message":"internal","status":"INTERNAL"}}"""));
        var answer = GeminiFakes.ResponseJson("Paris.");
        second.SetDefault(FakeReply.Json(answer));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Mirrored("gemini", [first.BaseUrl, second.BaseUrl], "AIza-gemini-mirror-key-0001")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1beta/models/gemini-2.5-pro:generateContent",
            TestGateway.Json("""{"contents":[{"role":"user","parts":[{"text":"Capital of France?"}]}]}"""), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(answer, await response.Content.ReadAsStringAsync(Token));
        Assert.Single(first.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-pro:generateContent", Assert.Single(second.Requests).Path);
    }

    [Fact]
    public async Task A_key_refused_on_the_first_url_hands_over_to_the_next_key_on_that_url()
    {
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var second = await FakeUpstream.StartAsync(Token);
        first.Enqueue(AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key"), AnthropicFakes.Message("second key, first URL"));
        second.SetDefault(AnthropicFakes.Message("second URL"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Mirrored("claude", [first.BaseUrl, second.BaseUrl], KeyOne, KeyTwo)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body), Token);

        Assert.Contains("second key, first URL", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal([KeyOne, KeyTwo], Keys(first));
        Assert.Empty(second.Requests);
    }

    [Fact]
    public async Task Keys_refused_on_the_first_url_are_not_sent_to_the_next_and_the_url_keeps_its_place()
    {
        await using var first = await FakeUpstream.StartAsync(Token);
        await using var second = await FakeUpstream.StartAsync(Token);
        first.SetDefault(AnthropicFakes.Error(401, "authentication_error", "invalid x-api-key"));
        second.SetDefault(AnthropicFakes.Message("second URL"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(Mirrored("claude", [first.BaseUrl, second.BaseUrl], KeyOne, KeyTwo)));
        using var client = gateway.CreateClient();

        // A refused key is the key's fault, not the URL's: the same upstream behind another URL would refuse it too.
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client));

        Assert.Equal([KeyOne, KeyTwo], Keys(first));
        Assert.Empty(second.Requests);
        Assert.DoesNotContain(gateway.Logs.Lines, l => l.Contains("other URLs", StringComparison.Ordinal));
    }
}
