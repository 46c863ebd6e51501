using System.Text;
using ClaudeProxy.Panel.Services;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

public sealed class ServerSentEventsTests
{
    private static async Task<List<ServerSentEvent>> ReadAsync(string text)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var events = new List<ServerSentEvent>();
        await foreach (var item in ServerSentEvents.ReadAsync(body, TestContext.Current.CancellationToken))
        {
            events.Add(item);
        }

        return events;
    }

    [Fact]
    public async Task Events_are_read_by_name_and_data_and_comments_are_skipped()
    {
        var events = await ReadAsync(": connected\n\nevent: request\ndata: {\"id\":1}\n\n: ping\n\nevent: health\ndata: {\"type\":\"circuit_closed\"}\n\n");

        Assert.Equal([new ServerSentEvent("request", "{\"id\":1}"), new ServerSentEvent("health", "{\"type\":\"circuit_closed\"}")], events);
    }

    [Fact]
    public async Task Several_data_lines_are_joined_with_newlines_and_one_leading_space_is_dropped()
    {
        var events = await ReadAsync("data:first\ndata:  second\n\n");

        Assert.Equal([new ServerSentEvent("message", "first\n second")], events);
    }

    [Fact]
    public async Task Carriage_return_line_ends_are_understood()
    {
        var events = await ReadAsync("event: request\r\ndata: x\r\n\r\n");

        Assert.Equal([new ServerSentEvent("request", "x")], events);
    }

    [Fact]
    public async Task An_event_without_data_is_not_dispatched_and_its_name_does_not_leak_into_the_next()
    {
        var events = await ReadAsync("event: request\n\ndata: y\n\n");

        Assert.Equal([new ServerSentEvent("message", "y")], events);
    }

    [Fact]
    public async Task An_event_cut_off_by_the_end_of_the_stream_is_dropped()
    {
        var events = await ReadAsync("event: request\ndata: whole\n\nevent: request\ndata: {\"id\":");

        Assert.Equal([new ServerSentEvent("request", "whole")], events);
    }

    [Fact]
    public async Task Events_arrive_as_they_are_written_not_when_the_stream_ends()
    {
        var token = TestContext.Current.CancellationToken;
        using var stream = new EventStream();
        await using var reader = ServerSentEvents.ReadAsync(stream, token).GetAsyncEnumerator(token);

        stream.Write("event: request\ndata: first\n\n");

        Assert.True(await reader.MoveNextAsync());
        Assert.Equal("first", reader.Current.Data);
        stream.End();
        Assert.False(await reader.MoveNextAsync());
    }
}
