using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Security.Sessions;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>Panel sessions are the fleet's: a login on one instance opens every instance, a logout closes them all.</summary>
public sealed class SharedSessionsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A request as the panel sends it: no key, the session cookie set by hand, no cookie jar.</summary>
    private static async Task<HttpResponseMessage> PanelAsync(FleetGateway gateway, HttpMethod method, string path, string? cookie, string? body = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = gateway.Client.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{SessionCookie.Name}={cookie}");
            request.Headers.Add(PanelCsrfGuard.HeaderName, "1");
        }

        return await client.SendAsync(request, Token);
    }

    private static async Task<string> LogInAsync(FleetGateway gateway)
    {
        using var response = await PanelAsync(gateway, HttpMethod.Post, SessionEndpoints.Path, cookie: null, new JsonObject { ["key"] = FleetGateway.AccessKey }.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), v => v.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));
        return setCookie.Split(';')[0][(SessionCookie.Name.Length + 1)..];
    }

    private static async Task<HttpStatusCode> AdminApiAsync(FleetGateway gateway, string cookie)
    {
        using var response = await PanelAsync(gateway, HttpMethod.Get, "/api/cluster", cookie);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_panel_login_on_one_instance_opens_the_admin_API_on_another_and_a_logout_ends_it_there()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var config = TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b);

        var cookie = await LogInAsync(a);

        // Sent the moment A answered: the login ends only once the session is on Redis.
        Assert.Equal(HttpStatusCode.OK, await AdminApiAsync(b, cookie));
        using (var shown = await PanelAsync(b, HttpMethod.Get, SessionEndpoints.Path, cookie))
        {
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        }

        // Redis holds the token's hash, never the token.
        Assert.Equal(":1", await redis.CommandAsync($"EXISTS claude-proxy:session:{InMemorySessionStore.HashOf(cookie)}", Token));
        Assert.Equal(":0", await redis.CommandAsync($"EXISTS claude-proxy:session:{cookie}", Token));

        using (var logout = await PanelAsync(a, HttpMethod.Delete, SessionEndpoints.Path, cookie))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await AdminApiAsync(a, cookie));
        await Eventually.HoldsAsync(async () => await AdminApiAsync(b, cookie) == HttpStatusCode.Unauthorized,
            "instance B, which had the session cached, refuses it after the logout on A", Token);
        Assert.Equal(":0", await redis.CommandAsync($"EXISTS claude-proxy:session:{InMemorySessionStore.HashOf(cookie)}", Token));
    }

    [Fact]
    public async Task With_Redis_down_a_panel_login_still_opens_its_own_instance_and_nothing_answers_500()
    {
        await using var redis = await RedisServer.StartAsync(Token);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var config = TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-one"));
        var environment = new Dictionary<string, string> { ["REDIS_URL"] = redis.Url };
        await using var a = await FleetGateway.StartAsync("gw-a", config, environment, Token);
        await using var b = await FleetGateway.StartAsync("gw-b", config, environment, Token);
        await FleetReady.ConnectedAsync(Token, a, b);

        await redis.KillAsync();
        var cookie = await LogInAsync(a);

        Assert.Equal(HttpStatusCode.OK, await AdminApiAsync(a, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await AdminApiAsync(b, cookie));
        using (var logout = await PanelAsync(a, HttpMethod.Delete, SessionEndpoints.Path, cookie))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await AdminApiAsync(a, cookie));
        Assert.DoesNotContain("Unhandled", a.Process.Output + b.Process.Output, StringComparison.Ordinal);
    }
}
