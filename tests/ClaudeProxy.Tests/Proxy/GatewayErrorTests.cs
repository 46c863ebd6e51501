using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>Errors the gateway produces itself: always the Anthropic envelope, with a request id.</summary>
public sealed class GatewayErrorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_channel_configured_is_503_api_error_that_tells_clients_not_to_retry()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":1,"messages":[]}"""), Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("false", response.Headers.GetValues("x-should-retry").Single());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("api_error", (string?)body["error"]!["type"]);
        Assert.Contains("config.json", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string?)body["request_id"]);
    }

    [Theory]
    [InlineData("""{"model":""", "not valid JSON")]
    [InlineData("""{"model":"m"} trailing""", "not valid JSON")]
    [InlineData("""[1,2]""", "must be a JSON object")]
    [InlineData("", "empty")]
    [InlineData("""{"max_tokens":1,"messages":[]}""", "model: Field required")]
    [InlineData("""{"model":42,"messages":[]}""", "model: expected a string")]
    [InlineData("""{"model":"","messages":[]}""", "model: must not be empty")]
    [InlineData("""{"model":"m","stream":"yes","messages":[]}""", "stream: expected a boolean")]
    public async Task Malformed_request_is_400_invalid_request_error_naming_the_problem(string body, string expected)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(body), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("invalid_request_error", (string?)envelope["error"]!["type"]);
        Assert.Contains(expected, (string?)envelope["error"]!["message"], StringComparison.Ordinal);
        Assert.Empty(upstream.Requests);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_request_too_large()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(
            TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")),
            settings: s => s with { MaxRequestBodyBytes = 1024 * 1024 });
        using var client = gateway.CreateClient();
        var big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', 2 * 1024 * 1024) + "\"}]}";

        // Expect: 100-continue, as curl sends for large bodies: the gateway refuses by Content-Length before asking for
        // the body, so the client never races the closing connection with 2 MB still to write.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(big, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("request_too_large", (string?)envelope["error"]!["type"]);
        Assert.Empty(upstream.Requests);
    }

    [Theory]
    [InlineData("GET", "/v1/unknown")]
    [InlineData("POST", "/v1/complete")]
    [InlineData("GET", "/api/nothing-here")]
    public async Task Unknown_paths_are_404_in_the_envelope(string method, string path)
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var envelope = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("not_found_error", (string?)envelope["error"]!["type"]);
    }
}
