using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Events;

/// <summary>A client of <c>/api/events</c>, open once the gateway has said it is subscribed.</summary>
internal sealed class LiveStream : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private LiveStream(HttpClient client, HttpResponseMessage response, StreamReader reader)
    {
        _client = client;
        _response = response;
        _reader = reader;
    }

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public string? CacheControl => _response.Headers.CacheControl?.ToString();

    public string? AccelBuffering => _response.Headers.TryGetValues("X-Accel-Buffering", out var values) ? values.Single() : null;

    public static async Task<LiveStream> OpenAsync(TestGateway gateway, string path, CancellationToken token)
    {
        var client = gateway.CreateClient();
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
        var stream = new LiveStream(client, response, reader);
        Assert.Equal(": connected", await stream.NextLineAsync(token));
        Assert.Equal("", await stream.NextLineAsync(token));
        return stream;
    }

    public async Task<string?> NextLineAsync(CancellationToken token) => await _reader.ReadLineAsync(token).AsTask().WaitAsync(TimeSpan.FromSeconds(30), token);

    /// <summary>The next event with this name; comments and other events are passed over.</summary>
    public async Task<SseTestReader.SseEvent> NextAsync(string name, CancellationToken token)
    {
        string? eventName = null;
        string? data = null;
        while (await NextLineAsync(token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0)
            {
                if (eventName == name && data is not null)
                {
                    return new SseTestReader.SseEvent(eventName, data);
                }

                (eventName, data) = (null, null);
            }
        }

        throw new InvalidOperationException($"The stream ended before a '{name}' event.");
    }

    /// <summary>Health events up to and including the first of type <paramref name="type"/>.</summary>
    public async Task<List<JsonNode>> HealthUntilAsync(string type, CancellationToken token)
    {
        List<JsonNode> events = [];
        while (true)
        {
            var next = JsonNode.Parse((await NextAsync("health", token)).Data)!;
            events.Add(next);
            if ((string?)next["type"] == type)
            {
                return events;
            }
        }
    }

    public async Task<string> ReadToEndAsync(CancellationToken token) => await _reader.ReadToEndAsync(token).WaitAsync(TimeSpan.FromSeconds(30), token);

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
