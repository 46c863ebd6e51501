using System.Text;
using ClaudeProxy.Proxy.Responses;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.ResponsesDoor;

public sealed class StoredResponsesTests
{
    private static byte[] Items(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void A_stored_conversation_is_returned_by_its_response_id_until_its_time_to_live_has_passed()
    {
        var time = new FakeTimeProvider();
        var store = new StoredResponses(TimeSpan.FromMinutes(10), 1024, time);
        store.Put("resp_1", Items("[1]"));

        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("[1]", Encoding.UTF8.GetString(store.Get("resp_1")!));

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(store.Get("resp_1"));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void An_unknown_response_id_has_no_conversation()
    {
        var store = new StoredResponses(TimeSpan.FromMinutes(10), 1024, new FakeTimeProvider());

        Assert.Null(store.Get("resp_never"));
    }

    [Fact]
    public void Beyond_the_memory_bound_the_oldest_conversations_are_dropped_first()
    {
        var store = new StoredResponses(TimeSpan.FromHours(1), 10, new FakeTimeProvider());
        store.Put("resp_a", Items("[1,2]"));
        store.Put("resp_b", Items("[3,4]"));
        store.Put("resp_c", Items("[5,6]"));

        Assert.Null(store.Get("resp_a"));
        Assert.NotNull(store.Get("resp_b"));
        Assert.NotNull(store.Get("resp_c"));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void A_conversation_larger_than_the_whole_bound_is_not_kept_and_evicts_nothing()
    {
        var store = new StoredResponses(TimeSpan.FromHours(1), 8, new FakeTimeProvider());
        store.Put("resp_small", Items("[1]"));

        store.Put("resp_huge", Items("[1,2,3,4,5,6]"));

        Assert.Null(store.Get("resp_huge"));
        Assert.NotNull(store.Get("resp_small"));
    }

    [Fact]
    public void Expired_conversations_are_dropped_when_a_new_one_is_stored()
    {
        var time = new FakeTimeProvider();
        var store = new StoredResponses(TimeSpan.FromMinutes(5), 1024, time);
        store.Put("resp_old", Items("[1]"));
        time.Advance(TimeSpan.FromMinutes(6));

        store.Put("resp_new", Items("[2]"));

        Assert.Equal(1, store.Count);
    }

    [Theory]
    [InlineData("[1,2]", "[3]", "[1,2,3]")]
    [InlineData("[]", "[3]", "[3]")]
    [InlineData("[1]", "[]", "[1]")]
    [InlineData("[]", "[]", "[]")]
    [InlineData(" [ {\"a\":1} ] ", "\n[{\"b\":2}]", "[{\"a\":1},{\"b\":2}]")]
    public void Two_item_arrays_join_into_one_array_by_their_bytes(string first, string second, string joined)
    {
        Assert.Equal(joined, Encoding.UTF8.GetString(JsonArrays.Concat(Items(first), Items(second))));
    }
}
