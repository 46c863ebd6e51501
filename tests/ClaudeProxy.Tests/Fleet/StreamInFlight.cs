using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>A streaming Messages request open on one instance of a test fleet: its first event is in, the rest is read later.</summary>
public sealed class StreamInFlight : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly SseTestReader _reader;
    private readonly List<SseTestReader.SseEvent> _events = [];

    private StreamInFlight(FleetGateway gateway, HttpResponseMessage response, SseTestReader reader)
    {
        Gateway = gateway;
        _response = response;
        _reader = reader;
    }

    public FleetGateway Gateway { get; }

    /// <summary>Sends the request and returns once the answer's first event has arrived.</summary>
    public static async Task<StreamInFlight> OpenAsync(FleetGateway gateway, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/messages", UriKind.Relative)) { Content = FleetGateway.MessagesBody(stream: true) };
        var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new InvalidOperationException($"{gateway.Id}: HTTP {(int)response.StatusCode} {body}");
        }

        var stream = new StreamInFlight(gateway, response, new SseTestReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
        var first = await stream._reader.NextAsync(cancellationToken);
        if (first is null)
        {
            stream.Dispose();
            throw new InvalidOperationException($"{gateway.Id}: the stream ended before its first event");
        }

        stream._events.Add(first);
        return stream;
    }

    /// <summary>Reads the rest; "ok" when the whole stream is a valid message saying the fleet's text that ends with message_stop, else what went wrong.</summary>
    public async Task<string> FinishAsync(CancellationToken cancellationToken)
    {
        try
        {
            _events.AddRange(await _reader.ReadToEndAsync(cancellationToken));
            return Verdict(_events);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return $"broken after {_events.Count} events: {ex.GetType().Name}";
        }
    }

    /// <summary>"ok" when the events make a valid message saying the fleet's text and end with message_stop, else what is wrong.</summary>
    public static string Verdict(IReadOnlyList<SseTestReader.SseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        AnthropicStreamChecker.StreamCheckResult result;
        try
        {
            result = AnthropicStreamChecker.Check(events.Select(e => (e.Event, e.Data)));
        }
        catch (InvalidOperationException ex)
        {
            return $"invalid stream after {events.Count} events: {ex.Message}";
        }

        var text = TextOf(result.Message);
        return result.EventTypes is [.., "message_stop"] && text == FleetAnswers.Text
            ? "ok"
            : $"incomplete stream: {string.Join(",", result.EventTypes)} saying '{text}'";
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }

    internal static string TextOf(JsonNode message) => (string?)message["content"]?.AsArray().SingleOrDefault()?["text"] ?? "";
}
