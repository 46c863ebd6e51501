using ClaudeProxy.Panel.Channels;
using Xunit;

namespace ClaudeProxy.Panel.Tests;

/// <summary>The order a drag or an arrow sends: the moved channel at its new place, the others in their order.</summary>
public sealed class ChannelOrderingTests
{
    private static readonly string[] Order = ["a", "b", "c", "d"];

    [Theory]
    [InlineData("d", 0, "d,a,b,c")]
    [InlineData("a", 3, "b,c,d,a")]
    [InlineData("b", 2, "a,c,b,d")]
    [InlineData("c", 1, "a,c,b,d")]
    public void A_moved_channel_lands_at_its_new_place_and_the_rest_keep_their_order(string moved, int index, string expected)
    {
        Assert.Equal(expected.Split(','), ChannelOrdering.Move(Order, moved, index));
    }

    [Fact]
    public void A_place_beyond_either_end_means_that_end()
    {
        Assert.Equal(["b", "c", "d", "a"], ChannelOrdering.Move(Order, "a", 9));
        Assert.Equal(["d", "a", "b", "c"], ChannelOrdering.Move(Order, "d", -1));
    }

    [Fact]
    public void A_drop_on_its_own_place_or_of_an_unknown_channel_sends_nothing()
    {
        Assert.Null(ChannelOrdering.Move(Order, "b", 1));
        Assert.Null(ChannelOrdering.Move(Order, "z", 0));
        Assert.Null(ChannelOrdering.Move(Order, "a", -1));
    }
}
