using ClaudeProxy.Routing.Policies;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Policies;

/// <summary>Which key of a channel comes next among the candidates.</summary>
public sealed class KeySelectionTests
{
    [Fact]
    public void Failover_always_takes_the_first_candidate()
    {
        var selection = new KeySelection();

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Equal(2, selection.Pick(KeyStrategy.Failover, "ch_a", [2, 0, 5])));
        Assert.Equal(4, selection.Pick(KeyStrategy.Failover, "ch_a", [4]));
    }

    [Fact]
    public void An_unknown_strategy_behaves_as_failover()
    {
        Assert.Equal(KeyStrategy.Failover, KeyStrategies.Parse("fastest"));
        Assert.Equal(KeyStrategy.Failover, KeyStrategies.Parse(null));
        Assert.Equal(KeyStrategy.Sticky, KeyStrategies.Parse("sticky"));
        Assert.Equal(KeyStrategy.RoundRobin, KeyStrategies.Parse("round-robin"));
        Assert.Equal(KeyStrategy.Random, KeyStrategies.Parse("random"));
    }

    [Fact]
    public void Round_robin_rotates_through_the_candidates()
    {
        var selection = new KeySelection();
        int[] candidates = [0, 1, 2];

        var picks = Enumerable.Range(0, 7).Select(_ => selection.Pick(KeyStrategy.RoundRobin, "ch_a", candidates)).ToArray();

        Assert.Equal([0, 1, 2, 0, 1, 2, 0], picks);
    }

    [Fact]
    public void Round_robin_keeps_one_counter_per_channel()
    {
        var selection = new KeySelection();
        int[] candidates = [0, 1, 2];

        Assert.Equal(0, selection.Pick(KeyStrategy.RoundRobin, "ch_a", candidates));
        Assert.Equal(1, selection.Pick(KeyStrategy.RoundRobin, "ch_a", candidates));
        Assert.Equal(0, selection.Pick(KeyStrategy.RoundRobin, "ch_b", candidates));
        Assert.Equal(2, selection.Pick(KeyStrategy.RoundRobin, "ch_a", candidates));
        Assert.Equal(1, selection.Pick(KeyStrategy.RoundRobin, "ch_b", candidates));
        // Failover picks on a channel do not move its round-robin counter.
        Assert.Equal(0, selection.Pick(KeyStrategy.Failover, "ch_a", candidates));
        Assert.Equal(0, selection.Pick(KeyStrategy.RoundRobin, "ch_a", candidates));
    }

    [Fact]
    public void Round_robin_returns_a_candidate_even_when_the_candidates_shrink()
    {
        var selection = new KeySelection();
        Assert.Equal(0, selection.Pick(KeyStrategy.RoundRobin, "ch_a", [0, 1, 2, 3]));
        Assert.Equal(1, selection.Pick(KeyStrategy.RoundRobin, "ch_a", [0, 1, 2, 3]));

        Assert.Equal(7, selection.Pick(KeyStrategy.RoundRobin, "ch_a", [7]));
        int[] last = [5, 9];
        Assert.Contains(selection.Pick(KeyStrategy.RoundRobin, "ch_a", last), last);
    }

    [Fact]
    public void Random_stays_within_the_candidates_and_reaches_each_of_them()
    {
        var selection = new KeySelection();
        int[] candidates = [3, 8];

        var picks = Enumerable.Range(0, 500).Select(_ => selection.Pick(KeyStrategy.Random, "ch_a", candidates)).ToList();

        Assert.All(picks, pick => Assert.Contains(pick, candidates));
        Assert.Contains(3, picks);
        Assert.Contains(8, picks);
    }
}
