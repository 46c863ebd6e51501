using System.Net.Http.Headers;
using ClaudeProxy.Hosting;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// The upstream request of a translating channel: a POST of the translated JSON body, with the
/// gateway's User-Agent and an Accept header for the answer's form. The adapter adds its credentials.
/// </summary>
public static class TranslatedRequest
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("ClaudeProxy", GatewayVersion.Current);

    public static HttpRequestMessage Create(Uri url, byte[] body, bool stream)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body),
        };
        message.Content.Headers.ContentType = Json;
        message.Headers.UserAgent.Add(UserAgent);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(stream ? "text/event-stream" : "application/json"));
        return message;
    }
}
