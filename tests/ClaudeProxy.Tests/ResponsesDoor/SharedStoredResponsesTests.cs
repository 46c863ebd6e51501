using System.Text;
using ClaudeProxy.Proxy.Responses;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.ResponsesDoor;

/// <summary>With a shared store (the fleet's Redis) conversations are written there too and a local miss is looked up there.</summary>
public sealed class SharedStoredResponsesTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private static byte[] Items(string json) => Encoding.UTF8.GetBytes(json);

    private sealed class FakeShared : ISharedResponses
    {
        public Dictionary<string, (byte[] Items, TimeSpan Left)> Kept { get; } = new(StringComparer.Ordinal);

        public List<string> Reads { get; } = [];

        public TaskCompletionSource? Hold { get; set; }

        public async Task WriteAsync(string id, byte[] items, TimeSpan ttl)
        {
            if (Hold is { } hold)
            {
                await hold.Task;
            }

            Kept[id] = (items, ttl);
        }

        public Task<(byte[] Items, TimeSpan Left)?> ReadAsync(string id)
        {
            Reads.Add(id);
            return Task.FromResult(Kept.TryGetValue(id, out var found) ? found : ((byte[] Items, TimeSpan Left)?)null);
        }
    }

    [Fact]
    public async Task A_stored_conversation_is_written_to_the_shared_store_with_the_store_time_to_live()
    {
        var shared = new FakeShared();
        var store = new StoredResponses(Ttl, 1024, new FakeTimeProvider(), shared);

        await store.PutAsync("resp_1", Items("[1]"));

        Assert.Equal("[1]", Encoding.UTF8.GetString(shared.Kept["resp_1"].Items));
        Assert.Equal(Ttl, shared.Kept["resp_1"].Left);
        Assert.NotNull(store.Get("resp_1"));
    }

    [Fact]
    public async Task A_local_miss_is_answered_from_the_shared_store_and_kept_here_only_for_the_time_it_has_left()
    {
        var time = new FakeTimeProvider();
        var shared = new FakeShared();
        shared.Kept["resp_elsewhere"] = (Items("[7]"), TimeSpan.FromMinutes(2));
        var store = new StoredResponses(Ttl, 1024, time, shared);

        Assert.Equal("[7]", Encoding.UTF8.GetString((await store.GetAsync("resp_elsewhere"))!));
        shared.Kept.Clear();
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(store.Get("resp_elsewhere"));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(store.Get("resp_elsewhere"));
        Assert.Null(await store.GetAsync("resp_elsewhere"));
    }

    [Fact]
    public async Task A_local_hit_does_not_ask_the_shared_store()
    {
        var shared = new FakeShared();
        var store = new StoredResponses(Ttl, 1024, new FakeTimeProvider(), shared);
        store.Put("resp_here", Items("[1]"));

        Assert.NotNull(await store.GetAsync("resp_here"));

        Assert.Empty(shared.Reads);
    }

    [Fact]
    public async Task Storing_waits_for_a_slow_shared_store_only_up_to_its_bound_and_the_conversation_is_kept_here_meanwhile()
    {
        var time = new FakeTimeProvider();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = new FakeShared { Hold = hold };
        var store = new StoredResponses(Ttl, 1024, time, shared);

        var storing = store.PutAsync("resp_slow", Items("[1]"));
        Assert.False(storing.IsCompleted);
        Assert.NotNull(store.Get("resp_slow"));

        time.Advance(StoredResponses.SharedWriteWait);
        await storing;
        Assert.Empty(shared.Kept);
        hold.SetResult();
    }

    [Fact]
    public async Task A_conversation_larger_than_the_bound_is_not_shared_either()
    {
        var shared = new FakeShared();
        var store = new StoredResponses(Ttl, 4, new FakeTimeProvider(), shared);

        await store.PutAsync("resp_huge", Items("[1,2,3]"));

        Assert.Empty(shared.Kept);
    }

    [Fact]
    public async Task Without_a_shared_store_an_unknown_id_is_simply_not_found()
    {
        var store = new StoredResponses(Ttl, 1024, new FakeTimeProvider());

        await store.PutAsync("resp_1", Items("[1]"));

        Assert.NotNull(await store.GetAsync("resp_1"));
        Assert.Null(await store.GetAsync("resp_2"));
    }

    [Theory]
    [InlineData("""{"model":"m","previous_response_id":"resp_1","input":"hi"}""", "resp_1")]
    [InlineData("""{"input":{"nested":{"previous_response_id":"resp_inner"}},"previous_response_id":"resp_outer"}""", "resp_outer")]
    [InlineData("""{"input":[{"previous_response_id":"resp_inner"}]}""", null)]
    [InlineData("""{"previous_response_id":null}""", null)]
    [InlineData("""{"previous_response_id":42}""", null)]
    [InlineData("""{"previous_response_id":"resp_1" """, "resp_1")]
    [InlineData("""{"model":"m",""", null)]
    [InlineData("""["previous_response_id"]""", null)]
    [InlineData("not json", null)]
    public void The_previous_response_id_is_read_ahead_from_the_top_level_only(string body, string? expected)
    {
        Assert.Equal(expected, PreviousResponseId.Peek(Encoding.UTF8.GetBytes(body)));
    }
}
