using System.Collections.Concurrent;
using Xunit;

namespace ClaudeProxy.Tests.TestKit;

/// <summary>
/// Records everything a test's gateway says to the outside — each HTTP answer (status, headers,
/// body) through <see cref="CreateClient"/>, anything handed to <see cref="Record"/> (CLI output),
/// and, at the end, its log lines and start-up banner — and asserts that none of the given secrets
/// appears anywhere. Any test can sweep its own operations: create clients here instead of on the
/// gateway, run the operations, then call <see cref="AssertNoSecretLeaked"/>.
/// </summary>
public sealed class SecretSweep(params string[] secrets)
{
    private readonly ConcurrentQueue<(string Source, string Text)> _seen = new();

    /// <summary>How many answers and outputs were recorded (a sweep that saw nothing proves nothing).</summary>
    public int RecordedCount => _seen.Count;

    /// <summary>An HttpClient for the gateway that records every answer, presenting its access key unless told otherwise.</summary>
    public HttpClient CreateClient(TestGateway gateway, bool authenticated = true)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var client = new HttpClient(new RecordingHandler(this) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = gateway.BaseUrl };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Add("x-api-key", gateway.AccessKey);
        }

        return client;
    }

    public void Record(string source, string text) => _seen.Enqueue((source, text));

    /// <summary>Asserts that no secret appears in any recorded answer or output, nor in the gateway's log lines and banner.</summary>
    public void AssertNoSecretLeaked(TestGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var everything = _seen.ToList();
        everything.AddRange(gateway.Logs.Lines.Select(line => ("log", line)));
        everything.Add(("banner", gateway.Banner.ToString()));
        foreach (var (source, text) in everything)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"The secret {secret} leaked through {source}:\n{text}");
            }
        }
    }

    private sealed class RecordingHandler(SecretSweep sweep) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}"));
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            sweep.Record($"{request.Method} {request.RequestUri?.PathAndQuery} → {(int)response.StatusCode}", $"{headers}\n\n{body}");
            return response;
        }
    }
}
