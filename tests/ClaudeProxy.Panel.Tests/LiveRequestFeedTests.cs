using System.Net;
using System.Threading.Channels;
using ClaudeProxy.Panel.Services;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class LiveRequestFeedTests : IDisposable
{
    private readonly FakeGateway _gateway = new();
    private readonly HttpClient _http;
    private readonly Channel<EventStream> _connections = Channel.CreateUnbounded<EventStream>();
    private readonly List<TimeSpan> _waits = [];
    private IReadOnlyList<LogEntryInfo>? _latest = [];

    public LiveRequestFeedTests() => _http = AdminApiClient.CreateHttpClient(new Uri("http://localhost/"), _gateway);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Item(long id, string model = "claude-sonnet-4-5", string channel = "relay-a", int status = 200) =>
        $$"""{"id":{{id}},"time":"2026-01-01T12:00:00Z","model":"{{model}}","channel":"{{channel}}","status":{{status}},"latencyMs":812.5,"inputTokens":10,"outputTokens":5,"costUsd":0.0001,"attempts":[]}""";

    private static string RequestEvent(long id) => $"event: request\ndata: {Item(id)}\n\n";

    /// <summary>Every connection to the events path gets a fresh stream that stays open until the test ends it.</summary>
    private void StreamEvents() => _gateway.Answer(HttpMethod.Get, "/" + LiveRequestFeed.EventsPath, () =>
    {
        var stream = new EventStream();
        _connections.Writer.TryWrite(stream);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stream) };
    });

    private LiveRequestFeed Feed(Func<TimeSpan, CancellationToken, Task>? wait = null) =>
        new(_http, _ => Task.FromResult(_latest), wait ?? ((delay, _) =>
        {
            lock (_waits)
            {
                _waits.Add(delay);
            }

            return Task.CompletedTask;
        }));

    private static async Task UntilAsync(LiveRequestFeed feed, Func<LiveRequestFeed, bool> condition)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(bool _)
        {
            if (condition(feed))
            {
                reached.TrySetResult();
            }
        }

        feed.Changed += Check;
        try
        {
            Check(false);
            await reached.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        }
        finally
        {
            feed.Changed -= Check;
        }
    }

    [Fact]
    public async Task Request_events_become_items_newest_first_and_other_events_are_ignored()
    {
        StreamEvents();
        using var feed = Feed();
        feed.Start();
        var stream = await _connections.Reader.ReadAsync(Token);

        stream.Write(": connected\n\n" + RequestEvent(1) + "event: health\ndata: {\"type\":\"circuit_closed\"}\n\n" + RequestEvent(2));

        await UntilAsync(feed, f => f.Items.Count == 2);
        Assert.Equal([2L, 1L], feed.Items.Select(i => i.Id));
        Assert.Equal("claude-sonnet-4-5", feed.Items[0].Model);
        Assert.Equal("relay-a", feed.Items[0].Channel);
        Assert.Equal(LiveFeedState.Live, feed.State);
    }

    [Fact]
    public async Task A_new_request_is_announced_as_new_and_the_catch_up_page_is_not()
    {
        _latest = [new LogEntryInfo { Id = 7 }];
        StreamEvents();
        using var feed = Feed();
        var announcements = new List<(long Newest, bool IsNew)>();
        feed.Changed += isNew =>
        {
            lock (announcements)
            {
                announcements.Add((feed.Items.Count > 0 ? feed.Items[0].Id : 0, isNew));
            }
        };
        feed.Start();
        var stream = await _connections.Reader.ReadAsync(Token);

        stream.Write(RequestEvent(8));

        await UntilAsync(feed, f => f.Items.Count == 2);
        lock (announcements)
        {
            Assert.Contains((7L, false), announcements);
            Assert.Contains((8L, true), announcements);
        }
    }

    [Fact]
    public async Task Only_the_latest_twenty_are_kept()
    {
        StreamEvents();
        using var feed = Feed();
        feed.Start();
        var stream = await _connections.Reader.ReadAsync(Token);

        stream.Write(string.Concat(Enumerable.Range(1, 25).Select(id => RequestEvent(id))));

        await UntilAsync(feed, f => f.Items.Count > 0 && f.Items[0].Id == 25);
        Assert.Equal(LiveRequestFeed.Capacity, feed.Items.Count);
        Assert.Equal(6, feed.Items[^1].Id);
    }

    [Fact]
    public async Task An_unreadable_event_is_skipped_and_the_feed_goes_on()
    {
        StreamEvents();
        using var feed = Feed();
        feed.Start();
        var stream = await _connections.Reader.ReadAsync(Token);

        stream.Write("event: request\ndata: {not json\n\n" + RequestEvent(3));

        await UntilAsync(feed, f => f.Items.Count == 1);
        Assert.Equal(3, feed.Items[0].Id);
    }

    [Fact]
    public async Task When_the_stream_ends_the_feed_reconnects_and_the_log_page_fills_the_gap_without_duplicates()
    {
        StreamEvents();
        using var feed = Feed();
        feed.Start();
        var first = await _connections.Reader.ReadAsync(Token);
        first.Write(RequestEvent(1));
        await UntilAsync(feed, f => f.Items.Count == 1);
        // Request 2 finished while the feed was away; request 1 comes again in the page.
        _latest = [new LogEntryInfo { Id = 2 }, new LogEntryInfo { Id = 1 }];

        first.End();
        var second = await _connections.Reader.ReadAsync(Token);
        second.Write(RequestEvent(3));

        await UntilAsync(feed, f => f.Items.Count == 3);
        Assert.Equal([3L, 2L, 1L], feed.Items.Select(i => i.Id));
        lock (_waits)
        {
            Assert.Equal([LiveRequestFeed.FirstWait], _waits);
        }
    }

    [Fact]
    public async Task Failed_connections_are_retried_with_a_wait_that_doubles_up_to_the_longest()
    {
        _gateway.Answer(HttpMethod.Get, "/" + LiveRequestFeed.EventsPath, HttpStatusCode.BadGateway);
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waits = new List<TimeSpan>();
        using var feed = Feed((delay, stop) =>
        {
            lock (waits)
            {
                waits.Add(delay);
                if (waits.Count < 7)
                {
                    return Task.CompletedTask;
                }
            }

            enough.TrySetResult();
            return Task.Delay(Timeout.Infinite, stop);
        });

        feed.Start();

        await enough.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal([1, 2, 4, 8, 16, 30, 30], waits.Select(w => w.TotalSeconds));
        Assert.Equal(LiveFeedState.Reconnecting, feed.State);
    }

    [Fact]
    public async Task An_ended_session_stops_the_feed_without_retrying()
    {
        _gateway.Answer(HttpMethod.Get, "/" + LiveRequestFeed.EventsPath, HttpStatusCode.Unauthorized);
        using var feed = Feed();

        feed.Start();

        await feed.Running.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal(LiveFeedState.Stopped, feed.State);
        Assert.Empty(_waits);
        Assert.Single(_gateway.Requests);
    }

    [Fact]
    public async Task Disposing_the_feed_closes_the_open_stream_and_ends_the_loop()
    {
        StreamEvents();
        var feed = Feed();
        feed.Start();
        await _connections.Reader.ReadAsync(Token);
        await UntilAsync(feed, f => f.State == LiveFeedState.Live);

        feed.Dispose();

        await feed.Running.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Single(_gateway.Requests);
        Assert.Empty(_waits);
    }

    [Fact]
    public async Task The_stream_is_asked_for_with_the_panel_header()
    {
        StreamEvents();
        using var feed = Feed();
        feed.Start();

        await _connections.Reader.ReadAsync(Token);

        var request = Assert.Single(_gateway.Requests);
        Assert.Equal("/api/events?types=request", request.PathAndQuery);
        Assert.Equal("1", request.PanelHeader);
    }

    public void Dispose()
    {
        _http.Dispose();
        _gateway.Dispose();
    }
}
