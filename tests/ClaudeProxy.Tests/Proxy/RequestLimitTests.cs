using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>
/// Limits hold before memory is spent: a body announced over the limit is refused before a byte of it
/// is read, a chunked body is counted as it arrives, and the admin API has a small limit of its own.
/// </summary>
public sealed class RequestLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_requests_announcing_two_gigabytes_each_get_413_before_sending_any_body()
    {
        await using var gateway = await TestGateway.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => AnnounceAsync(gateway, "/v1/messages", 2_000_000_000)));

        Assert.All(answers, answer =>
        {
            Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
            Assert.Contains("\"request_too_large\"", answer, StringComparison.Ordinal);
        });
        // The gateway is no worse for it.
        using var client = gateway.CreateClient();
        using var health = await client.GetAsync("/health", Token);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_is_counted_as_it_arrives_and_refused_past_the_limit()
    {
        await using var gateway = await TestGateway.StartAsync(settings: s => s with { MaxRequestBodyBytes = 64 * 1024 });
        using var client = gateway.CreateClient();
        var json = $$"""{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"{{new string('x', 100 * 1024)}}"}]}""";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request_too_large", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!["type"]);
    }

    [Fact]
    public async Task An_admin_body_over_its_small_limit_gets_a_413_envelope_before_it_is_read()
    {
        await using var gateway = await TestGateway.StartAsync();

        var answer = await AnnounceAsync(gateway, "/api/config/import", 5L * 1024 * 1024);

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("\"request_too_large\"", answer, StringComparison.Ordinal);
        Assert.Contains("\"request_id\"", answer, StringComparison.Ordinal);
    }

    /// <summary>Sends only the headers of a POST announcing <paramref name="contentLength"/> bytes, and reads the answer.</summary>
    private static async Task<string> AnnounceAsync(TestGateway gateway, string path, long contentLength)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(gateway.BaseUrl.Host, gateway.BaseUrl.Port, Token);
        var stream = socket.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nx-api-key: {gateway.AccessKey}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {contentLength}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, Token).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Token)) > 0)
        {
            answer.Append(buffer, 0, read);
            if (answer.ToString().Contains("\"request_id\"", StringComparison.Ordinal) && answer.ToString().EndsWith('}'))
            {
                break;
            }
        }

        return answer.ToString();
    }
}
