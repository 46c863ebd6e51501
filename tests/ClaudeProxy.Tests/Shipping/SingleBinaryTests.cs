using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Shipping;

/// <summary>
/// The published binary alone in an empty folder (in CI, the one unpacked from the release archive): it serves
/// the panel from inside itself, takes a channel through the admin API and keeps the request log — SQLite is
/// linked in, nothing is needed beside it.
/// </summary>
public sealed partial class SingleBinaryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_binary_alone_in_an_empty_folder_serves_the_panel_takes_a_channel_and_logs_its_requests()
    {
        using var folder = new TempFolder();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.SetDefault(AnthropicFakes.Message("from the one file"));
        var (started, binary, baseUrl, key) = await PublishedBinary.StartAloneAsync(folder.Path, Token);
        await using var gateway = started;
        using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = baseUrl };

        // The panel, from the files inside the binary: index.html compressed and revalidated, a fingerprinted
        // framework file kept forever.
        using var index = await GetAsync(client, "/", "text/html");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["br"], index.Content.Headers.ContentEncoding);
        Assert.Equal("no-cache", index.Headers.CacheControl?.ToString());
        using var plainIndex = await client.GetAsync("/index.html", Token);
        var html = await plainIndex.Content.ReadAsStringAsync(Token);
        var script = FrameworkScript().Match(html);
        Assert.True(script.Success, $"index.html names a fingerprinted framework script:\n{html}");
        using var framework = await GetAsync(client, "/" + script.Groups[1].Value, "*/*");
        Assert.Equal(HttpStatusCode.OK, framework.StatusCode);
        Assert.Equal("text/javascript", framework.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", framework.Headers.CacheControl?.ToString());

        // A channel added through the admin API, kept in the config file and used at once.
        client.DefaultRequestHeaders.Add("x-api-key", key);
        using var created = await client.PostAsync("/api/channels", TestGateway.Json(
            $$"""{"name":"one-file","serviceType":"claude","baseUrl":"{{upstream.BaseUrl}}","apiKeys":["sk-ant-api03-one-file"]}"""), Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var onDisk = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder.Path, ".config", "config.json"), Token))!;
        Assert.Equal("one-file", (string?)onDisk["upstream"]![0]!["name"]);
        using var message = await client.PostAsync("/v1/messages",
            TestGateway.Json("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""), Token);
        Assert.Equal(HttpStatusCode.OK, message.StatusCode);

        // The request log is SQLite: its row proves the engine is inside the binary.
        var logged = await WaitForLogAsync(client);
        Assert.Equal("one-file", (string?)logged["channel"]);
        Assert.Equal(200, (int?)logged["status"]);
        Assert.DoesNotContain("fail:", gateway.Output, StringComparison.Ordinal);
        if (GatewayProcess.IsPublishedBinary)
        {
            Assert.Equal([binary], Directory.GetFiles(Path.GetDirectoryName(binary)!));
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        return await client.SendAsync(request, Token);
    }

    /// <summary>Another process writes the log in the background: ask until the row is there, for up to 10 s.</summary>
    private static async Task<JsonNode> WaitForLogAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var logs = await client.GetAsync("/api/logs", Token);
            Assert.Equal(HttpStatusCode.OK, logs.StatusCode);
            if (JsonNode.Parse(await logs.Content.ReadAsStringAsync(Token))!["items"]!.AsArray() is [var item, ..])
            {
                return item!;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException("The request never appeared in /api/logs.");
    }

    [GeneratedRegex(@"src=""(_framework/blazor\.webassembly(?:\.[a-z0-9]{10})?\.js)""")]
    private static partial Regex FrameworkScript();
}
