using System.Net;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Usage;

/// <summary>Requests refused before any channel was tried are in the request log too, with the error the client got.</summary>
public sealed class RefusedRequestLogTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_without_a_model_is_logged_with_its_400_and_the_field_it_lacked()
    {
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(new Uri("http://127.0.0.1:9"), "refused-key-0123456789")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"max_tokens":5,"stream":true,"messages":[]}"""), Token);
        var item = await gateway.SingleLogItemAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (int)item["status"]!);
        Assert.Equal("invalid_request_error", (string?)item["errorType"]);
        Assert.Equal("model: Field required", (string?)item["errorMessage"]);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string?)item["requestId"]);
        Assert.Null(item["channel"]);
        Assert.Empty(item["attempts"]!.AsArray());
        Assert.True((bool)item["stream"]!);
        Assert.Equal(gateway.Settings.InstanceId, (string?)item["instance"]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_logged_with_the_reason()
    {
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(new Uri("http://127.0.0.1:9"), "refused-key-0123456789")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages/count_tokens", TestGateway.Json("{not json"), Token);
        var item = await gateway.SingleLogItemAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/v1/messages/count_tokens", (string?)item["path"]);
        Assert.False(string.IsNullOrEmpty((string?)item["errorMessage"]));
        await gateway.App.StopAsync(Token);
        Assert.Single(gateway.Logs.Lines, l => l.Contains("POST /v1/messages/count_tokens 400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_oversized_body_is_logged_as_413()
    {
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(new Uri("http://127.0.0.1:9"), "refused-key-0123456789")),
            settings => settings with { MaxRequestBodyBytes = 100 });
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json($$"""{"model":"m","pad":"{{new string('x', 200)}}"}"""), Token);
        var item = await gateway.SingleLogItemAsync(client);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, (int)item["status"]!);
        Assert.Equal("request_too_large", (string?)item["errorType"]);
    }

}
