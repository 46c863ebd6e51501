using System.Net.Http.Headers;
using ClaudeProxy.Configuration;
using ClaudeProxy.Upstreams;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Faults;

/// <summary>
/// An upstream that keeps dripping bytes without ever completing an event is as good as silent:
/// only a completed event renews a stream's idle deadline, before the first event and after it.
/// </summary>
public sealed class DripTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(120);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_drip_before_the_first_event_runs_into_the_idle_deadline()
    {
        var time = new FakeTimeProvider();
        using var timer = StreamTimer(time);
        var body = new HandFedStream();
        using var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");

        var reading = UpstreamAnswerReader.ReadStreamStartAsync(content, 1024 * 1024, timer, static (_, _) => StreamStart.Answer);
        await DripAsync(body, time, "data: {\"a\":", "1", "2");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(TimeSpan.FromSeconds(30), Token));
        Assert.True(timer.TimedOut);
    }

    [Fact]
    public async Task A_drip_after_an_event_ends_the_relayed_stream_at_the_idle_deadline_counted_from_that_event()
    {
        var time = new FakeTimeProvider();
        using var timer = StreamTimer(time);
        var body = new HandFedStream();
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        var relaying = ResponseRelay.CopyAsync(body, context.Response, eventStream: true, 1024 * 1024, timer);
        body.Hand("event: ping\ndata: {}\n\n");
        await body.WaitForReaderAsync(Token);
        await DripAsync(body, time, "event: content", "_block", "_delta");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => relaying.WaitAsync(TimeSpan.FromSeconds(30), Token));
        Assert.True(timer.TimedOut);
        Assert.Equal("event: ping\ndata: {}\n\n", System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
    }

    [Fact]
    public async Task Completed_events_keep_a_slow_stream_alive_past_the_idle_deadline()
    {
        var time = new FakeTimeProvider();
        using var timer = StreamTimer(time);
        var body = new HandFedStream();
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        var relaying = ResponseRelay.CopyAsync(body, context.Response, eventStream: true, 1024 * 1024, timer);
        for (var i = 0; i < 4; i++)
        {
            await body.WaitForReaderAsync(Token);
            time.Advance(Idle - TimeSpan.FromSeconds(1));
            body.Hand("event: ping\ndata: {}\n\n");
        }

        await body.WaitForReaderAsync(Token);
        Assert.False(relaying.IsCompleted);
        Assert.False(timer.TimedOut);
        time.Advance(Idle);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => relaying.WaitAsync(TimeSpan.FromSeconds(30), Token));
    }

    /// <summary>Hands out one piece per 40 s of fake time: with three pieces, 120 s of bytes none of which completes an event.</summary>
    private static async Task DripAsync(HandFedStream body, FakeTimeProvider time, params string[] pieces)
    {
        foreach (var piece in pieces)
        {
            body.Hand(piece);
            await body.WaitForReaderAsync(Token);
            time.Advance(TimeSpan.FromSeconds(40));
        }
    }

    private static UpstreamCallTimer StreamTimer(FakeTimeProvider time)
    {
        var timer = new UpstreamCallTimer(streaming: true, new GatewaySettings { StreamIdleTimeout = Idle }, time, CancellationToken.None);
        timer.HeadersReceived();
        return timer;
    }
}
