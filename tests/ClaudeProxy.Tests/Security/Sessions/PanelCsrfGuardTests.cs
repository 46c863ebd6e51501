using ClaudeProxy.Security.Sessions;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ClaudeProxy.Tests.Security.Sessions;

public sealed class PanelCsrfGuardTests
{
    private static DefaultHttpContext Request(string method, string? panelHeader)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        if (panelHeader is not null)
        {
            context.Request.Headers[PanelCsrfGuard.HeaderName] = panelHeader;
        }

        return context;
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public void Reading_needs_no_panel_header(string method) => Assert.True(PanelCsrfGuard.Allows(Request(method, null).Request));

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public void A_state_changing_method_needs_the_panel_header_set_to_1(string method)
    {
        Assert.False(PanelCsrfGuard.Allows(Request(method, null).Request));
        Assert.False(PanelCsrfGuard.Allows(Request(method, "0").Request));
        Assert.False(PanelCsrfGuard.Allows(Request(method, "").Request));
        Assert.True(PanelCsrfGuard.Allows(Request(method, "1").Request));
    }
}
