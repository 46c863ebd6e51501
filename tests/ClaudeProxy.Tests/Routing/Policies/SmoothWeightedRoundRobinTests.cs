using ClaudeProxy.Routing.Policies;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Policies;

/// <summary>nginx's smooth weighted round-robin: exact shares, heavy members spread out.</summary>
public sealed class SmoothWeightedRoundRobinTests
{
    private static string Run(SmoothWeightedRoundRobin spread, IReadOnlyList<(string Id, int Weight)> members, int picks) =>
        string.Concat(Enumerable.Range(0, picks).Select(_ => members[spread.Pick(members)].Id));

    [Fact]
    public void Weights_of_three_to_one_give_exactly_three_to_one_and_never_more_than_three_in_a_row()
    {
        var spread = new SmoothWeightedRoundRobin();

        var sequence = Run(spread, [("a", 3), ("b", 1)], 400);

        Assert.Equal(300, sequence.Count(c => c == 'a'));
        Assert.Equal(100, sequence.Count(c => c == 'b'));
        Assert.DoesNotContain("aaaa", sequence, StringComparison.Ordinal);
        Assert.DoesNotContain("bb", sequence, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_of_five_one_one_follow_nginx_documented_order()
    {
        var spread = new SmoothWeightedRoundRobin();

        var sequence = Run(spread, [("a", 5), ("b", 1), ("c", 1)], 14);

        Assert.Equal("aabacaa" + "aabacaa", sequence);
    }

    [Fact]
    public void Equal_weights_alternate()
    {
        var spread = new SmoothWeightedRoundRobin();

        Assert.Equal("abcabcabc", Run(spread, [("a", 1), ("b", 1), ("c", 1)], 9));
    }

    [Fact]
    public void A_single_member_is_always_picked()
    {
        var spread = new SmoothWeightedRoundRobin();

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(0, spread.Pick([("only", 7)])));
    }

    [Fact]
    public void Members_are_followed_by_id_not_by_position()
    {
        var spread = new SmoothWeightedRoundRobin();
        IReadOnlyList<(string Id, int Weight)> forward = [("a", 5), ("b", 1)];
        IReadOnlyList<(string Id, int Weight)> backward = [("b", 1), ("a", 5)];

        Assert.Equal(0, spread.Pick(forward));
        Assert.Equal(1, spread.Pick(backward)); // a again, now second in the list

        var sequence = string.Concat(Enumerable.Range(0, 598).Select(i =>
        {
            var members = i % 2 == 0 ? forward : backward;
            return members[spread.Pick(members)].Id;
        }));
        Assert.Equal(500 - 2, sequence.Count(c => c == 'a'));
        Assert.Equal(100, sequence.Count(c => c == 'b'));
    }

    [Fact]
    public void A_removed_member_is_never_picked_and_the_rest_keep_their_shares()
    {
        var spread = new SmoothWeightedRoundRobin();
        Run(spread, [("a", 2), ("b", 1), ("c", 1)], 3);

        IReadOnlyList<(string Id, int Weight)> remaining = [("a", 2), ("b", 1)];
        var sequence = Run(spread, remaining, 300);

        Assert.DoesNotContain('c', sequence);
        Assert.InRange(sequence.Count(ch => ch == 'a'), 199, 201);
        Assert.InRange(sequence.Count(ch => ch == 'b'), 99, 101);
        Assert.DoesNotContain("bb", sequence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_added_member_gets_its_share_from_its_first_round()
    {
        var spread = new SmoothWeightedRoundRobin();
        Run(spread, [("a", 1), ("b", 1)], 3);

        IReadOnlyList<(string Id, int Weight)> grown = [("a", 1), ("b", 1), ("d", 2)];
        var firstRound = Run(spread, grown, 4);
        var sequence = firstRound + Run(spread, grown, 396);

        Assert.Equal(2, firstRound.Count(ch => ch == 'd'));
        Assert.InRange(sequence.Count(ch => ch == 'a'), 99, 101);
        Assert.InRange(sequence.Count(ch => ch == 'b'), 99, 101);
        Assert.InRange(sequence.Count(ch => ch == 'd'), 199, 201);
    }

    [Fact]
    public void Separate_instances_keep_separate_state()
    {
        var first = new SmoothWeightedRoundRobin();
        var second = new SmoothWeightedRoundRobin();
        IReadOnlyList<(string Id, int Weight)> members = [("a", 1), ("b", 1)];

        Assert.Equal("ab", Run(first, members, 2));
        Assert.Equal("ab", Run(second, members, 2));
    }
}
