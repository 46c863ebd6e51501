using ClaudeProxy.Routing.Affinity;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Affinity;

public sealed class RendezvousTests
{
    [Fact]
    public void Hashes_are_the_same_in_every_process()
    {
        // A gateway on another machine must make the same choices from the same config: no per-process seed.
        // XXH3-64 of the empty input is the algorithm's published test vector.
        Assert.Equal(0x2D06800538D394C2UL, Rendezvous.Hash(""));
        Assert.Equal(Rendezvous.Hash("session-0001"), Rendezvous.Hash("session-0001"));
        Assert.NotEqual(Rendezvous.Hash("k1"), Rendezvous.Hash("k2"));
    }

    [Fact]
    public void A_member_wins_conversations_in_proportion_to_its_weight()
    {
        var members = new (ulong Hash, int Weight)[] { (Rendezvous.Hash("a"), 1), (Rendezvous.Hash("b"), 2), (Rendezvous.Hash("c"), 5) };

        var wins = Enumerable.Range(0, 8000)
            .Select(i => Rendezvous.Hash($"conversation-{i}"))
            .Select(c => members.MaxBy(m => Rendezvous.Score(c, m.Hash, m.Weight)).Weight)
            .CountBy(weight => weight)
            .ToDictionary();

        Assert.InRange(wins[1], 800, 1200);
        Assert.InRange(wins[2], 1700, 2300);
        Assert.InRange(wins[5], 4600, 5400);
    }

    [Fact]
    public void A_member_of_weight_zero_never_wins_over_a_weighted_one()
    {
        var conversation = Rendezvous.Hash("conversation");

        Assert.Equal(0, Rendezvous.Score(conversation, Rendezvous.Hash("off"), 0));
        Assert.True(Rendezvous.Score(conversation, Rendezvous.Hash("on"), 1) > 0);
    }
}
