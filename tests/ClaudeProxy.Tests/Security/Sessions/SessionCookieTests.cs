using ClaudeProxy.Security.Sessions;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ClaudeProxy.Tests.Security.Sessions;

public sealed class SessionCookieTests
{
    private static string SetCookieFor(string scheme)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        SessionCookie.Set(context, new SessionTicket("token", DateTimeOffset.UnixEpoch), TimeSpan.FromDays(7));
        return context.Response.Headers.SetCookie.ToString().ToLowerInvariant();
    }

    [Fact]
    public void Over_https_the_cookie_is_secure() => Assert.Contains("; secure", SetCookieFor("https"), StringComparison.Ordinal);

    [Fact]
    public void Over_http_the_cookie_is_not_secure() => Assert.DoesNotContain("secure", SetCookieFor("http"), StringComparison.Ordinal);
}
