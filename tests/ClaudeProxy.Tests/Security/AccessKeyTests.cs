using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>Which paths need the access key, how it may be presented, and what a refusal looks like.</summary>
public sealed class AccessKeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("POST", "/v1/messages")]
    [InlineData("POST", "/v1/messages/count_tokens")]
    [InlineData("GET", "/v1/models")]
    [InlineData("GET", "/api/channels")]
    [InlineData("POST", "/admin/config/reload")]
    public async Task Guarded_paths_refuse_a_missing_key_with_an_authentication_envelope(string method, string path)
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? TestGateway.Json("{}") : null }, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("authentication_error", (string?)body["error"]!["type"]);
        Assert.Equal(response.Headers.GetValues("request-id").Single(), (string?)body["request_id"]);
    }

    [Theory]
    [InlineData("x-api-key", "wrong-key")]
    [InlineData("x-api-key", "test-access-key-012345678")]
    [InlineData("x-api-key", "test-access-key-01234567890")]
    [InlineData("authorization", "Bearer wrong-key")]
    [InlineData("authorization", "Basic dGVzdC1hY2Nlc3Mta2V5LTAxMjM0NTY3ODk=")]
    [InlineData("authorization", "test-access-key-0123456789")]
    public async Task Wrong_or_malformed_keys_are_refused(string header, string value)
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json("{}") };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("x-api-key", "test-access-key-0123456789")]
    [InlineData("authorization", "Bearer test-access-key-0123456789")]
    [InlineData("authorization", "bearer test-access-key-0123456789")]
    public async Task The_key_is_accepted_as_x_api_key_or_bearer(string header, string value)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("ok"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-k")));
        using var client = gateway.CreateClient(authenticated: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json("""{"model":"m","max_tokens":1,"messages":[]}""") };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_root_probe_are_public()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        using var health = await client.GetAsync("/health", Token);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), Token);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Equal(0, (int?)body["config"]!["upstreamCount"]);
        Assert.Equal("sticky", (string?)body["config"]!["loadBalance"]);
        Assert.NotNull((string?)body["version"]);
        Assert.DoesNotContain(TestGateway.DefaultAccessKey, body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_key_is_kept_owner_only_reused_on_restart_and_shown_in_full_only_once()
    {
        using var folder = new TempFolder();
        string firstKey;
        await using (var first = await TestGateway.StartAsync(folder: folder, useDefaultAccessKey: false))
        {
            firstKey = first.AccessKey;
            Assert.StartsWith("cpk-", firstKey, StringComparison.Ordinal);
            Assert.True(firstKey.Length >= 40);
            Assert.Contains(firstKey, first.Banner.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(firstKey, first.Logs.All, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(Path.Combine(folder.Path, ".config", "access-key"));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
            }

            using var client = first.CreateClient(authenticated: false);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", firstKey);
            using var response = await client.GetAsync("/v1/models", Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await using var second = await TestGateway.StartAsync(folder: folder, useDefaultAccessKey: false);
        Assert.Equal(firstKey, second.AccessKey);
        Assert.DoesNotContain(firstKey, second.Banner.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{firstKey[..6]}…{firstKey[^4..]}", second.Banner.ToString(), StringComparison.Ordinal);
    }
}
