using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>ADMIN_ACCESS_KEY gives the admin surface a door of its own; without it the one key opens both, as in claude-proxy.</summary>
public sealed class AdminAccessKeyTests
{
    private const string AdminKey = "admin-key-for-tests-0123456789abcdef";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<TestGateway> StartWithAdminKeyAsync() => TestGateway.StartAsync(settings: s => s with { AdminAccessKey = AdminKey });

    private static async Task<HttpStatusCode> StatusAsync(TestGateway gateway, string? key, string method, string path)
    {
        using var client = gateway.CreateClient(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : TestGateway.Json("{}") };
        using var response = await client.SendAsync(request, Token);
        return response.StatusCode;
    }

    [Theory]
    [InlineData("GET", "/api/channels")]
    [InlineData("GET", "/api/config/export")]
    [InlineData("POST", "/admin/config/reload")]
    public async Task With_an_admin_key_the_proxy_key_no_longer_opens_the_admin_surface(string method, string path)
    {
        await using var gateway = await StartWithAdminKeyAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(gateway, TestGateway.DefaultAccessKey, method, path));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, AdminKey, method, path));
    }

    [Fact]
    public async Task With_an_admin_key_the_admin_key_does_not_open_the_proxy()
    {
        await using var gateway = await StartWithAdminKeyAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(gateway, AdminKey, "GET", "/v1/models"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, TestGateway.DefaultAccessKey, "GET", "/v1/models"));
    }

    [Fact]
    public async Task A_refusal_at_the_admin_door_names_the_admin_key_setting()
    {
        await using var gateway = await StartWithAdminKeyAsync();
        using var client = gateway.CreateClient(TestGateway.DefaultAccessKey);

        using var response = await client.GetAsync("/api/channels", Token);

        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
        Assert.Equal("authentication_error", (string?)error["type"]);
        Assert.Contains("ADMIN_ACCESS_KEY", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_admin_key_the_one_key_opens_both_doors()
    {
        await using var gateway = await TestGateway.StartAsync();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, TestGateway.DefaultAccessKey, "GET", "/api/channels"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, TestGateway.DefaultAccessKey, "GET", "/v1/models"));
        Assert.Contains("opens /v1 and the admin API", gateway.Banner.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_banner_says_which_key_opens_which_door_and_shows_the_admin_key_masked()
    {
        await using var gateway = await StartWithAdminKeyAsync();

        var banner = gateway.Banner.ToString();
        Assert.Contains("opens /v1 only", banner, StringComparison.Ordinal);
        Assert.Contains("Admin key", banner, StringComparison.Ordinal);
        Assert.Contains("opens the admin API (/api, /admin)", banner, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminKey, banner, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminKey, gateway.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_key_equal_to_the_proxy_key_is_warned_about()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { AdminAccessKey = TestGateway.DefaultAccessKey });

        Assert.Contains(gateway.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("ADMIN_ACCESS_KEY equals the proxy key", StringComparison.Ordinal));
    }
}
