using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Security;
using ClaudeProxy.Upstreams;

namespace ClaudeProxy.Admin;

/// <summary>
/// Measures a channel by listing its models with its first key at its first base URL, and says honestly what came back:
/// an answer with 401 is an auth error, not "healthy" (claude-proxy counted any reply as healthy).
/// </summary>
public sealed class ChannelPing(UpstreamAdapters adapters, UpstreamHttpClients clients, TimeProvider timeProvider)
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

        if (adapters.For(channel.ServiceType) is not { } adapter)
        {
            result["status"] = "error";
            result["error"] = $"Unknown service type '{channel.ServiceType}'.";
            return result;
        }

        // A channel of several base URLs is measured at the first one, as requests start there.
        using var request = adapter.CreateProbeRequest(RoutedChannel.EndpointsOf(channel)[0], channel.ApiKeys[0]);
        // The probe goes out as requests do: a relay that wants its own headers answers it the same way.
        ChannelHeaders.Apply(request, channel.Headers is { Count: > 0 } headers ? [.. headers] : []);
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
}
