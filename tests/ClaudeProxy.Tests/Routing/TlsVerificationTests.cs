using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary><c>insecureSkipVerify</c> belongs to its channel: one channel may trust a self-signed upstream while another refuses it.</summary>
public sealed class TlsVerificationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_channel_that_opts_out_of_verification_reaches_a_self_signed_upstream()
    {
        await using var upstream = await FakeUpstream.StartHttpsAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("over tls"));
        Assert.Equal("https", upstream.BaseUrl.Scheme);
        var verifying = TestConfigs.Channel("verifying", "claude", upstream.BaseUrl, "sk-ant-api03-v");
        verifying["id"] = "ch_verifying";
        verifying["models"] = new JsonArray("verify-*");
        var trusting = TestConfigs.Channel("trusting", "claude", upstream.BaseUrl, "sk-ant-api03-t");
        trusting["id"] = "ch_trusting";
        trusting["insecureSkipVerify"] = true;
        trusting["models"] = new JsonArray("trust-*");
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(verifying, trusting));
        using var client = gateway.CreateClient();

        using var refused = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"verify-me","max_tokens":1,"messages":[]}"""), Token);
        using var served = await client.PostAsync("/v1/messages", TestGateway.Json("""{"model":"trust-me","max_tokens":1,"messages":[]}"""), Token);

        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Contains("verifying", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("sk-ant-api03-t", Assert.Single(upstream.Requests).Headers["x-api-key"]);
    }
}
