using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Security;
using ClaudeProxy.Upstreams;
using ClaudeProxy.Upstreams.Claude;

namespace ClaudeProxy.Admin;

/// <summary>
/// Measures a channel by listing its models with its first key, and says honestly what came back:
/// an answer with 401 is an auth error, not "healthy" (claude-proxy counted any reply as healthy).
/// </summary>
public sealed class ChannelPing(UpstreamHttpClients clients, TimeProvider timeProvider)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<JsonObject> PingAsync(ChannelConfig channel, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var result = new JsonObject { ["id"] = channel.Id, ["index"] = index, ["name"] = channel.Name };
        if (channel.ApiKeys.Count == 0)
        {
            result["status"] = "no_keys";
            return result;
        }

        using var request = ProbeRequest(channel, channel.ApiKeys[0]);
        using var deadline = new CancellationTokenSource(Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = timeProvider.GetTimestamp();
        try
        {
            using var response = await clients.For(channel).SendAsync(request, linked.Token);
            var status = (int)response.StatusCode;
            result["latency"] = Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 1);
            result["httpStatus"] = status;
            result["status"] = status switch
            {
                >= 200 and < 300 => "healthy",
                401 or 403 => "auth_error",
                429 => "rate_limited",
                _ => "error",
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            result["status"] = "timeout";
            result["error"] = $"No answer within {Timeout.TotalSeconds:0} s.";
        }
        catch (HttpRequestException ex)
        {
            result["status"] = "unreachable";
            result["error"] = SecretRedactor.Redact(ex.InnerException?.Message ?? ex.Message, channel.ApiKeys[0]);
        }

        return result;
    }

    private static HttpRequestMessage ProbeRequest(ChannelConfig channel, string key)
    {
        // The same URL and credential rules as the channel's real requests, pointed at its model list.
        HttpRequestMessage request;
        switch (channel.ServiceType)
        {
            case ServiceType.Claude:
                request = new HttpRequestMessage(HttpMethod.Get, ClaudeUrl.Build(channel.BaseUrl!, "/v1/models"));
                request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
                ClaudeAuth.Apply(request, channel, key);
                break;
            case ServiceType.Gemini:
                request = new HttpRequestMessage(HttpMethod.Get, BaseUrls.Versioned(channel.BaseUrl!, "/v1beta") + "/models");
                request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
                break;
            default:
                request = new HttpRequestMessage(HttpMethod.Get, BaseUrls.Versioned(channel.BaseUrl!, "/v1") + "/models");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                break;
        }

        return request;
    }
}
