using ClaudeProxy.FakeUpstreams;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>Posts a streaming request with raw HTTP and checks every event the client receives.</summary>
public static class RawSse
{
    public static async Task<AnthropicStreamChecker.StreamCheckResult> PostAndCheckAsync(HttpClient client, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(body), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var events = await reader.ReadToEndAsync(cancellationToken);
        return AnthropicStreamChecker.Check(events.Select(e => (e.Event, e.Data)));
    }
}
