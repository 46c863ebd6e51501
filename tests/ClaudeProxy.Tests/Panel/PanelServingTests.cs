using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Panel;

/// <summary>How the gateway serves the panel's files over plain HTTP, and what stays the API's.</summary>
public sealed class PanelServingTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_browser_asking_for_the_root_gets_the_panel_page()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        using var response = await client.SendAsync(Get("/", "text/html"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("_framework/blazor.webassembly.", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task A_client_asking_for_json_at_the_root_still_gets_the_description_naming_the_web_ui()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        using var response = await client.SendAsync(Get("/", "application/json"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal("ClaudeProxy", json.RootElement.GetProperty("name").GetString());
        Assert.StartsWith("Web UI at /", json.RootElement.GetProperty("mode").GetString(), StringComparison.Ordinal);
        var endpoints = json.RootElement.GetProperty("endpoints").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal("/v1/messages", endpoints["messages"]);
        Assert.Equal("/v1/chat/completions", endpoints["chatCompletions"]);
        Assert.Equal("/v1/responses", endpoints["responses"]);
        Assert.Equal("/v1beta/models/{model}:generateContent", endpoints["gemini"]);
    }

    [Fact]
    public async Task The_banner_names_the_web_panel_only_when_it_is_served()
    {
        await using var served = await TestGateway.StartAsync();
        await using var off = await TestGateway.StartAsync(settings: s => s with { EnableWebUi = false });

        Assert.Contains($"Web panel     {served.BaseUrl.ToString().TrimEnd('/')}/", served.Banner.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Web panel", off.Banner.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_head_probe_at_the_root_still_answers_empty()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength ?? 0);
    }

    [Fact]
    public async Task With_the_web_ui_off_the_root_gives_the_json_description_even_to_a_browser()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { EnableWebUi = false });
        using var client = gateway.CreateClient(authenticated: false);

        using var root = await client.SendAsync(Get("/", "text/html"), Token);
        using var route = await client.SendAsync(Get("/channels", "text/html"), Token);

        Assert.Equal("application/json", root.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await root.Content.ReadAsStringAsync(Token));
        Assert.Equal("API only", json.RootElement.GetProperty("mode").GetString());
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
    }

    [Fact]
    public async Task Framework_files_come_brotli_compressed_with_their_content_type_and_immutable_caching()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);
        var wasm = EmbeddedFrameworkFile(".wasm");

        using var request = Get(wasm, "*/*");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/wasm", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task A_client_accepting_only_gzip_gets_gzip_and_one_accepting_nothing_gets_the_plain_file()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        using var gzipRequest = Get("/index.html", "text/html");
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip, br;q=0");
        using var gzip = await client.SendAsync(gzipRequest, Token);
        using var plain = await client.SendAsync(Get("/index.html", "text/html"), Token);

        Assert.Equal(["gzip"], gzip.Content.Headers.ContentEncoding);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("<!DOCTYPE html>", await plain.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal("no-cache", plain.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_request_with_the_current_etag_gets_304_not_modified()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);
        using var first = await client.SendAsync(Get("/css/app.css", "text/css"), Token);

        using var again = Get("/css/app.css", "text/css");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(again, Token);

        Assert.Equal("text/css", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task A_client_side_route_gets_the_panel_page_but_a_missing_file_stays_404()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var client = gateway.CreateClient(authenticated: false);

        using var route = await client.SendAsync(Get("/logs", "text/html"), Token);
        using var missing = await client.SendAsync(Get("/_framework/missing.js", "*/*"), Token);

        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal("text/html", route.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_admin_api_and_the_proxy_are_not_the_panel_even_for_a_browser()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var anonymous = gateway.CreateClient(authenticated: false);
        using var keyed = gateway.CreateClient();

        using var stats = await anonymous.SendAsync(Get("/api/stats?window=1h", "text/html"), Token);
        using var models = await anonymous.SendAsync(Get("/v1/models", "text/html"), Token);
        using var modelsWithKey = await keyed.SendAsync(Get("/v1/models", "application/json"), Token);
        using var health = await anonymous.SendAsync(Get("/health", "text/html"), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, models.StatusCode);
        Assert.Equal(HttpStatusCode.OK, modelsWithKey.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Panel_dir_serves_the_panel_from_a_folder_and_stays_inside_it()
    {
        using var panelFolder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(panelFolder.Path, "index.html"), "<!DOCTYPE html><p>from the folder</p>", Token);
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { PanelDirectory = panelFolder.Path });
        using var client = gateway.CreateClient(authenticated: false);

        using var root = await client.SendAsync(Get("/", "text/html"), Token);
        using var escape = await client.SendAsync(Get("/..%2F..%2Fetc%2Fpasswd", "*/*"), Token);

        Assert.Contains("from the folder", await root.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.NotNull(root.Headers.ETag);
        Assert.NotEqual(HttpStatusCode.OK, escape.StatusCode);
    }

    private static HttpRequestMessage Get(string path, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return request;
    }

    /// <summary>The URL of a file of the embedded panel's _framework folder with <paramref name="extension"/>.</summary>
    private static string EmbeddedFrameworkFile(string extension)
    {
        const string Prefix = "panel/";
        var name = typeof(ClaudeProxy.Hosting.GatewayApp).Assembly.GetManifestResourceNames()
            .First(n => n.StartsWith(Prefix + "_framework/", StringComparison.Ordinal) && n.EndsWith(extension, StringComparison.Ordinal));
        return "/" + name[Prefix.Length..];
    }
}
