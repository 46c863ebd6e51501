using ClaudeProxy.Security.Sessions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Security.Sessions;

public sealed class InMemorySessionStoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromHours(1);

    [Fact]
    public void A_new_session_has_a_256_bit_base62_token_and_expires_after_the_ttl()
    {
        var time = new FakeTimeProvider();
        var store = new InMemorySessionStore(Ttl, time);

        var ticket = store.Create();

        Assert.Matches("^[0-9A-Za-z]{43}$", ticket.Token);
        Assert.Equal(time.GetUtcNow() + Ttl, ticket.ExpiresAt);
        Assert.Equal(ticket.ExpiresAt, store.ExpiryOf(ticket.Token));
    }

    [Fact]
    public void An_unknown_or_removed_token_names_no_session()
    {
        var store = new InMemorySessionStore(Ttl, new FakeTimeProvider());
        var ticket = store.Create();

        store.Remove(ticket.Token);

        Assert.Null(store.ExpiryOf(ticket.Token));
        Assert.Null(store.ExpiryOf(store.Create().Token[..^1] + "!"));
        Assert.Null(store.ExpiryOf(""));
    }

    [Fact]
    public void Expired_sessions_are_dropped_by_the_next_sweep()
    {
        var time = new FakeTimeProvider();
        var store = new InMemorySessionStore(Ttl, time);
        store.Create();
        store.Create();

        time.Advance(Ttl);
        var fresh = store.Create();

        Assert.Equal(1, store.Count);
        Assert.NotNull(store.ExpiryOf(fresh.Token));
    }

    [Fact]
    public void When_full_the_session_expiring_soonest_makes_room()
    {
        var time = new FakeTimeProvider();
        var store = new InMemorySessionStore(Ttl, time, maxSessions: 2);
        var oldest = store.Create();
        time.Advance(TimeSpan.FromSeconds(1));
        var middle = store.Create();
        time.Advance(TimeSpan.FromSeconds(1));

        var newest = store.Create();

        Assert.Equal(2, store.Count);
        Assert.Null(store.ExpiryOf(oldest.Token));
        Assert.NotNull(store.ExpiryOf(middle.Token));
        Assert.NotNull(store.ExpiryOf(newest.Token));
    }

    [Fact]
    public void A_session_adopted_by_its_token_hash_is_found_by_the_token_until_it_expires_and_forgotten_by_the_hash()
    {
        var time = new FakeTimeProvider();
        var made = new InMemorySessionStore(Ttl, time).Create();
        var store = new InMemorySessionStore(Ttl, time);
        var expiresAt = time.GetUtcNow() + TimeSpan.FromMinutes(5);

        store.Adopt(InMemorySessionStore.HashOf(made.Token), expiresAt);

        Assert.Equal(expiresAt, store.ExpiryOf(made.Token));
        store.Forget(InMemorySessionStore.HashOf(made.Token));
        Assert.Null(store.ExpiryOf(made.Token));
        store.Adopt(InMemorySessionStore.HashOf(made.Token), expiresAt);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(store.ExpiryOf(made.Token));
    }

    [Fact]
    public void A_token_hash_is_its_SHA_256_in_hex_and_never_contains_the_token()
    {
        var token = new InMemorySessionStore(Ttl, new FakeTimeProvider()).Create().Token;

        var hash = InMemorySessionStore.HashOf(token);

        Assert.Matches("^[0-9A-F]{64}$", hash);
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Adopting_a_session_already_kept_at_the_bound_evicts_no_other()
    {
        var time = new FakeTimeProvider();
        var store = new InMemorySessionStore(Ttl, time, maxSessions: 2);
        var first = store.Create();
        var second = store.Create();

        store.Adopt(InMemorySessionStore.HashOf(second.Token), second.ExpiresAt);

        Assert.NotNull(store.ExpiryOf(first.Token));
        Assert.NotNull(store.ExpiryOf(second.Token));
    }
}
