using System.Net;
using ClaudeProxy.Configuration;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Metrics;

/// <summary>Who may read <c>GET /metrics</c>, and what the settings switch.</summary>
public sealed class MetricsEndpointTests
{
    private const string AdminKey = "metrics-admin-key-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_need_the_admin_key_and_refuse_the_proxy_key_when_an_admin_key_is_set()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AdminAccessKey = AdminKey });
        using var anonymous = gateway.CreateClient(authenticated: false);
        using var proxy = gateway.CreateClient();
        using var admin = gateway.CreateClient(AdminKey);

        using var withoutKey = await anonymous.GetAsync("/metrics", Token);
        using var withProxyKey = await proxy.GetAsync("/metrics", Token);
        using var withAdminKey = await admin.GetAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withProxyKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
        Assert.Equal("text/plain", withAdminKey.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, new PrometheusText(await withAdminKey.Content.ReadAsStringAsync(Token)).Sample("claude_proxy_active_streams"));
    }

    [Fact]
    public async Task Metrics_are_public_with_METRICS_PUBLIC_true()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AdminAccessKey = AdminKey, MetricsPublic = true });
        using var anonymous = gateway.CreateClient(authenticated: false);

        using var response = await anonymous.GetAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, new PrometheusText(await response.Content.ReadAsStringAsync(Token)).Sample("claude_proxy_log_entries_dropped_total"));
    }

    [Fact]
    public async Task With_METRICS_ENABLED_false_there_is_no_metrics_endpoint_and_requests_still_flow()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("fine"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "metrics-off-key-0123456789")),
            settings: s => s with { MetricsEnabled = false });
        using var client = gateway.CreateClient();

        using var proxied = await client.PostAsync("/v1/messages", TestGateway.Json(MetricsTrafficTests.Body("m", stream: true)), Token);
        await proxied.Content.ReadAsStringAsync(Token);
        using var metrics = await client.GetAsync("/metrics", Token);

        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    [Fact]
    public void Metrics_and_trace_settings_are_read_from_their_variables()
    {
        var defaults = GatewaySettingsReader.Read(_ => null);
        var set = GatewaySettingsReader.Read(name => name switch
        {
            "METRICS_ENABLED" => "false",
            "METRICS_PUBLIC" => "true",
            "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://collector:4317",
            _ => null,
        });

        Assert.True(defaults.MetricsEnabled);
        Assert.False(defaults.MetricsPublic);
        Assert.Null(defaults.OtlpEndpoint);
        Assert.False(set.MetricsEnabled);
        Assert.True(set.MetricsPublic);
        Assert.Equal(new Uri("http://collector:4317"), set.OtlpEndpoint);
    }

    [Fact]
    public void An_OTLP_endpoint_that_is_no_http_address_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<SettingsException>(() => GatewaySettingsReader.Read(name => name == "OTEL_EXPORTER_OTLP_ENDPOINT" ? "collector:4317" : null));

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT='collector:4317'", error.Message, StringComparison.Ordinal);
    }
}
