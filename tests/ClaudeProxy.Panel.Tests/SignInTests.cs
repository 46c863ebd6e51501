using System.Net;
using Bunit;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class SignInTests : IAsyncDisposable
{
    private readonly PanelTestContext _panel = new();

    [Fact]
    public void The_sign_in_page_has_one_password_input_and_a_submit_button()
    {
        var app = _panel.Open("login");

        Assert.Single(app.FindAll("input[type=password]"));
        Assert.Single(app.FindAll("button[type=submit]"));
    }

    [Fact]
    public void Signing_in_posts_the_key_with_the_panel_header_and_opens_the_dashboard()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/session", HttpStatusCode.NoContent);
        var app = _panel.Open("login");

        app.Find("input[type=password]").Input("the-admin-key");
        app.Find("form").Submit();

        app.WaitForAssertion(() => Assert.Equal("http://localhost/", _panel.Navigation.Uri));
        var post = Assert.Single(_panel.Gateway.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("/api/session", post.PathAndQuery);
        Assert.Equal("""{"key":"the-admin-key"}""", post.Body);
        Assert.Equal("1", post.PanelHeader);
    }

    [Fact]
    public void The_key_is_never_written_to_browser_storage()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/session", HttpStatusCode.NoContent);
        var app = _panel.Open("login");

        app.Find("input[type=password]").Input("the-admin-key");
        app.Find("form").Submit();

        app.WaitForAssertion(() => Assert.Equal("http://localhost/", _panel.Navigation.Uri));
        Assert.DoesNotContain(_panel.Writes(), write => write.Value.Contains("the-admin-key", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_key_shows_the_wrong_key_message_and_stays_on_the_sign_in_page()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/session", HttpStatusCode.Unauthorized, """{"type":"error","error":{"type":"authentication_error","message":"Invalid key"}}""");
        var app = _panel.Open("login");

        app.Find("input[type=password]").Input("not-the-key");
        app.Find("form").Submit();

        app.WaitForAssertion(() => Assert.Equal("Wrong key.", app.Find(".login-error").TextContent.Trim()));
        Assert.EndsWith("/login", _panel.Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_throttled_sign_in_shows_the_message_the_server_sent()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/session", HttpStatusCode.TooManyRequests,
            """{"type":"error","error":{"type":"rate_limit_error","message":"Too many failed access-key checks from this address; try again in 42 s."}}""");
        var app = _panel.Open("login");

        app.Find("input[type=password]").Input("guess");
        app.Find("form").Submit();

        app.WaitForAssertion(() => Assert.Contains("try again in 42 s", app.Find(".login-error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_error_shows_a_friendly_message_without_details()
    {
        _panel.Gateway.Answer(HttpMethod.Post, "/api/session", HttpStatusCode.InternalServerError, """{"error":{"message":"System.NullReferenceException at Foo"}}""");
        var app = _panel.Open("login");

        app.Find("input[type=password]").Input("key");
        app.Find("form").Submit();

        app.WaitForAssertion(() => Assert.StartsWith("Could not sign in.", app.Find(".login-error").TextContent.Trim(), StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", app.Markup, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync() => _panel.DisposeAsync();
}
