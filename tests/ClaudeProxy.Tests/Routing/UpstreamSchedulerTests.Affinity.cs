using ClaudeProxy.Configuration;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Affinity;
using ClaudeProxy.Routing.Attempts;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>Conversation affinity: which channel and key a conversation lands on, turn after turn.</summary>
public sealed partial class UpstreamSchedulerTests
{
    private static readonly string[] FourKeys = ["k1", "k2", "k3", "k4"];

    private static ulong Conversation(int i) => Rendezvous.Hash($"session-{i:D4}");

    private static RouteRequest Turn(ulong conversation) => new(ProxyEndpoint.Messages, "claude-sonnet-4-5", ClaudeOnly, conversation);

    private UpstreamScheduler Sticky(params ChannelConfig[] channels) => Scheduler(LoadBalanceStrategy.Sticky, 10, null, channels);

    /// <summary>Plays one turn: the first attempt that <paramref name="fails"/> does not refuse is reported as a success.</summary>
    private static string Serve(UpstreamScheduler scheduler, ulong conversation, Func<UpstreamAttempt, bool>? fails = null)
    {
        var plan = scheduler.Plan(Turn(conversation));
        while (plan.TryGetNext(out var attempt))
        {
            if (fails?.Invoke(attempt) == true)
            {
                plan.Report(attempt, Failed(FailureKind.RateLimit));
                continue;
            }

            plan.Report(attempt, Ok);
            return $"{attempt.Channel.Id}/{attempt.ApiKey}";
        }

        throw new InvalidOperationException("no attempt succeeded");
    }

    [Fact]
    public void Sticky_keeps_a_conversation_on_the_same_key_every_turn()
    {
        var scheduler = Sticky(Channel("relay", FourKeys));

        var keys = Enumerable.Range(0, 20).Select(_ => Serve(scheduler, Conversation(7))).Distinct().ToList();

        Assert.Single(keys);
    }

    [Fact]
    public void Sticky_spreads_conversations_evenly_over_every_key()
    {
        var scheduler = Sticky(Channel("relay", FourKeys));

        var perKey = Enumerable.Range(0, 2000).Select(i => Serve(scheduler, Conversation(i))).CountBy(key => key).ToDictionary();

        Assert.Equal(4, perKey.Count);
        Assert.All(perKey.Values, count => Assert.InRange(count, 420, 580));
    }

    [Fact]
    public void Sticky_without_a_conversation_rotates_over_the_keys()
    {
        var scheduler = Sticky(Channel("relay", "k1", "k2", "k3"));

        var firsts = Enumerable.Range(0, 3).Select(_ =>
        {
            Assert.True(scheduler.Plan(Request()).TryGetNext(out var attempt));
            return attempt.ApiKey;
        });

        Assert.Equal(["k1", "k2", "k3"], firsts);
    }

    [Fact]
    public void A_failing_key_moves_only_its_conversations_and_they_stay_moved_after_it_recovers()
    {
        var scheduler = Sticky(Channel("relay", FourKeys));
        var before = Enumerable.Range(0, 400).ToDictionary(i => i, i => Serve(scheduler, Conversation(i)));

        // k2 answers 429 to everyone for a while: its conversations go elsewhere.
        var during = Enumerable.Range(0, 400).ToDictionary(i => i, i => Serve(scheduler, Conversation(i), fails: a => a.ApiKey == "k2"));
        _time.Advance(TimeSpan.FromMinutes(10));
        var after = Enumerable.Range(0, 400).ToDictionary(i => i, i => Serve(scheduler, Conversation(i)));

        var moved = before.Keys.Where(i => before[i] != during[i]).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, i => Assert.Equal("relay/k2", before[i]));
        Assert.DoesNotContain(during.Values, key => key == "relay/k2");
        Assert.All(before.Keys.Where(i => before[i] != "relay/k2"), i => Assert.Equal(before[i], during[i]));
        // Their new keys hold their prompt caches now: they do not go back.
        Assert.All(before.Keys, i => Assert.Equal(during[i], after[i]));
        // The moved conversations spread over the other three keys rather than piling onto one.
        Assert.Equal(3, moved.Select(i => during[i]).Distinct().Count());
    }

    [Fact]
    public void Thirty_two_conversations_over_four_keys_leave_the_busiest_key_within_one_and_a_half_times_the_least_busy()
    {
        var scheduler = Sticky(Channel("relay", FourKeys));

        var perKey = Enumerable.Range(0, 32).Select(i => Serve(scheduler, Conversation(i))).CountBy(key => key).Select(pair => pair.Value).ToList();

        Assert.Equal(4, perKey.Count);
        Assert.True(perKey.Max() <= 1.5 * perKey.Min(), $"conversations per key: {string.Join(", ", perKey)}");
    }

    [Fact]
    public void A_new_conversation_takes_its_rendezvous_choice_when_the_keys_are_evenly_loaded()
    {
        var scheduler = Sticky(Channel("relay", FourKeys));
        var conversation = Conversation(1);
        var expected = FourKeys.MaxBy(key => Rendezvous.Score(conversation, Rendezvous.Hash(key), 1));

        Assert.Equal($"relay/{expected}", Serve(scheduler, conversation));
    }

    [Fact]
    public void Adding_a_key_keeps_every_conversation_on_its_key_and_new_conversations_fill_the_new_one()
    {
        var scheduler = Sticky(Channel("relay", FourKeys));
        var before = Enumerable.Range(0, 400).ToDictionary(i => i, i => Serve(scheduler, Conversation(i)));

        _store.Update(config => config with { Upstream = [Channel("relay", [.. FourKeys, "k5"])] });
        var after = Enumerable.Range(0, 400).ToDictionary(i => i, i => Serve(scheduler, Conversation(i)));
        var newcomers = Enumerable.Range(400, 50).Select(i => Serve(scheduler, Conversation(i))).ToList();

        Assert.Equal(before, after);
        Assert.True(newcomers.Count(key => key == "relay/k5") >= 45, $"{newcomers.Count(key => key == "relay/k5")} of 50 went to the new key");
    }

    [Fact]
    public void Conversations_spread_over_the_channels_of_a_tier_by_weight_and_keep_their_channel()
    {
        var scheduler = Scheduler(Channel("heavy", "h1") with { Priority = 0, Weight = 3 }, Channel("light", "l1") with { Priority = 0, Weight = 1 });

        var first = Enumerable.Range(0, 2000).Select(i => Serve(scheduler, Conversation(i))).ToList();
        var again = Enumerable.Range(0, 2000).Select(i => Serve(scheduler, Conversation(i))).ToList();

        Assert.InRange(first.Count(key => key == "heavy/h1"), 1400, 1600);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_conversation_whose_channel_fails_stays_on_the_channel_it_moved_to()
    {
        var scheduler = Scheduler(Channel("one", "a1") with { Priority = 0 }, Channel("two", "b1") with { Priority = 0 });
        var conversation = Enumerable.Range(0, 100).Select(Conversation).First(c => Serve(scheduler, c) == "one/a1");

        Assert.Equal("two/b1", Serve(scheduler, conversation, fails: a => a.Channel.Id == "one"));
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("two/b1", Serve(scheduler, conversation));
    }

    [Fact]
    public void A_higher_priority_channel_wins_over_the_conversation_s_pin()
    {
        var scheduler = Scheduler(Channel("primary", "p1") with { Priority = 0 }, Channel("backup", "b1") with { Priority = 1 });

        Assert.Equal("backup/b1", Serve(scheduler, Conversation(1), fails: a => a.Channel.Id == "primary"));
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("primary/p1", Serve(scheduler, Conversation(1)));
    }

    [Fact]
    public void A_promoted_channel_goes_before_every_tier_and_its_conversations_until_the_promotion_ends()
    {
        var scheduler = Scheduler(Channel("primary", "p1") with { Priority = 0 }, Channel("backup", "b1") with { Priority = 5, PromotionUntil = _time.GetUtcNow().AddMinutes(5) });
        var conversation = Conversation(3);
        Pins.Record(conversation, "primary", Rendezvous.Hash("p1"));

        Assert.Equal(["backup/b1", "primary/p1"], Drain(scheduler.Plan(Turn(conversation))));
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(["primary/p1", "backup/b1"], Drain(scheduler.Plan(Turn(conversation))));
    }
}
