using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Admin;

/// <summary>
/// Every admin endpoint that reads a body answers a wrong JSON type, a missing field, an unknown
/// value or invalid JSON with 400 invalid_request_error naming the field — never a 500 — and changes nothing.
/// </summary>
public sealed class AdminBodyTypeTests
{
    private const string NewChannel = "\"name\":\"n\",\"serviceType\":\"claude\",\"baseUrl\":\"https://a.example\"";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task AssertRefusedAsync(string method, string path, string body, string expected)
    {
        var channel = TestConfigs.Channel("a", "claude", new Uri("https://a.example"), "sk-ant-api03-body-types-0000000001");
        channel["id"] = "ch_a";
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel));
        var before = await File.ReadAllTextAsync(gateway.ConfigPath, Token);
        using var client = gateway.CreateClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = TestGateway.Json(body) }, Token);

        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"HTTP {(int)response.StatusCode}: {text}");
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.Contains(expected, (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(gateway.ConfigPath, Token));
    }

    [Theory]
    [InlineData("""{"strategy":1}""", "strategy: expected a string, got a number")]
    [InlineData("""{"strategy":["failover"]}""", "strategy: expected a string, got an array")]
    [InlineData("""{}""", "strategy: Field required")]
    [InlineData("""{"strategy":null}""", "strategy: Field required")]
    [InlineData("""{"strategy":"sideways"}""", "strategy: unknown strategy 'sideways'")]
    [InlineData("""["failover"]""", "The body must be a JSON object")]
    [InlineData("""{"strategy":""", "not valid JSON")]
    public Task Setting_the_key_strategy_refuses_a_bad_body_by_field(string body, string expected) =>
        AssertRefusedAsync("PUT", "/api/loadbalance", body, expected);

    [Theory]
    [InlineData("""{"name":1,"serviceType":"claude","baseUrl":"https://a.example"}""", "name: expected a string, got a number")]
    [InlineData("{" + NewChannel + ""","insecureSkipVerify":"yes"}""", "insecureSkipVerify: expected true or false, got a string")]
    [InlineData("{" + NewChannel + ""","models":"claude-*"}""", "models: expected an array of strings")]
    [InlineData("{" + NewChannel + ""","modelMapping":{"sonnet":1}}""", "modelMapping: expected an object of strings")]
    [InlineData("{" + NewChannel + ""","weight":1.5}""", "weight: expected a whole number")]
    [InlineData("{" + NewChannel + ""","apiKeys":[1]}""", "apiKeys: expected an array of strings")]
    [InlineData("{" + NewChannel + ""","serviceType":"azure"}""", "serviceType")]
    [InlineData("""{"serviceType":"claude","baseUrl":"https://a.example"}""", "name: Field required")]
    [InlineData("""42""", "The body must be a JSON object")]
    [InlineData("""{"name":""", "not valid JSON")]
    public Task Creating_a_channel_refuses_a_bad_body_by_field(string body, string expected) =>
        AssertRefusedAsync("POST", "/api/channels", body, expected);

    [Theory]
    [InlineData("""{"apiKeys":"sk-one"}""", "apiKeys: expected an array of strings, got a string")]
    [InlineData("""{"maxTokens":true}""", "maxTokens: expected a whole number, got a boolean")]
    [InlineData("""{"priority":"high"}""", "priority: expected a whole number, got a string")]
    [InlineData("""{"rpm":"fast"}""", "rpm: expected a whole number, got a string")]
    [InlineData("""{"maxConcurrency":0}""", "maxConcurrency")]
    [InlineData("""{"description":{"text":"x"}}""", "description: expected a string, got an object")]
    [InlineData("""{"status":"paused"}""", "status")]
    [InlineData("""[]""", "The body must be a JSON object")]
    [InlineData("""{""", "not valid JSON")]
    public Task Updating_a_channel_refuses_a_bad_body_by_field(string body, string expected) =>
        AssertRefusedAsync("PUT", "/api/channels/ch_a", body, expected);

    [Theory]
    [InlineData("""{"apiKey":42}""", "apiKey: expected a string, got a number")]
    [InlineData("""{}""", "apiKey: Field required")]
    [InlineData("""{"apiKey":"  "}""", "apiKey must not be empty")]
    [InlineData("""["sk-x"]""", "The body must be a JSON object")]
    [InlineData("""not json""", "not valid JSON")]
    public Task Adding_a_key_refuses_a_bad_body_by_field(string body, string expected) =>
        AssertRefusedAsync("POST", "/api/channels/ch_a/keys", body, expected);

    [Theory]
    [InlineData("""{"order":[{"id":"ch_a"}]}""", "order[0]: expected a channel id (a string) or position (a whole number), got an object")]
    [InlineData("""{"order":"ch_a"}""", "order: expected an array")]
    [InlineData("""[0.5]""", "order[0]: expected")]
    [InlineData("""{"order":[""", "not valid JSON")]
    public Task Reordering_refuses_a_bad_body_by_field(string body, string expected) =>
        AssertRefusedAsync("PUT", "/api/channels/order", body, expected);

    [Theory]
    [InlineData("""{"loadBalance":1}""", "loadBalance")]
    [InlineData("""{"upstream":"none"}""", "upstream")]
    [InlineData("""{"upstream":[{"name":"x","serviceType":"claude","baseUrl":"https://a.example","apiKeys":"sk-one"}]}""", "apiKeys")]
    [InlineData("""{"upstream":[{"name":"x","serviceType":"claude","baseUrl":"https://a.example","priority":"first"}]}""", "priority")]
    [InlineData("""null""", "not null")]
    [InlineData("""[1]""", "imported config")]
    [InlineData("""{"upstream":[""", "imported config")]
    public Task Importing_a_config_refuses_a_bad_body_by_field(string body, string expected) =>
        AssertRefusedAsync("POST", "/api/config/import", body, expected);
}
