using System.Text.Json.Nodes;
using ClaudeProxy.Security.Sessions;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Security.Sessions;

/// <summary>Requests as the web panel sends them: a login, then the session cookie set by hand on each request.</summary>
internal static class PanelRequests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<HttpResponseMessage> PostLoginAsync(TestGateway gateway, string body)
    {
        // A fresh client per request: no cookie container carries anything between requests.
        using var client = gateway.CreateClient(key: null);
        return await client.PostAsync("/api/session", TestGateway.Json(body), Token);
    }

    public static Task<HttpResponseMessage> LoginAsync(TestGateway gateway, string key) =>
        PostLoginAsync(gateway, new JsonObject { ["key"] = key }.ToJsonString());

    /// <summary>Logs in with <paramref name="key"/> and returns the session token the cookie holds.</summary>
    public static async Task<string> LogInAsync(TestGateway gateway, string key = TestGateway.DefaultAccessKey)
    {
        using var response = await LoginAsync(gateway, key);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
        return CookieValue(SetCookie(response));
    }

    /// <summary>The response's Set-Cookie for the session cookie.</summary>
    public static string SetCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [], v => v.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));

    public static string CookieValue(string setCookie) => setCookie.Split(';')[0][(SessionCookie.Name.Length + 1)..];

    public static async Task<HttpResponseMessage> SendAsync(
        TestGateway gateway, HttpMethod method, string path, string? cookie, bool panelHeader = false, string? body = null, string? key = null)
    {
        using var client = gateway.CreateClient(key);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = TestGateway.Json(body);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{SessionCookie.Name}={cookie}");
        }

        if (panelHeader)
        {
            request.Headers.Add(PanelCsrfGuard.HeaderName, "1");
        }

        return await client.SendAsync(request, Token);
    }

    public static async Task<JsonNode> ErrorAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
}
