using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Routing.Policies;
using Xunit;

namespace ClaudeProxy.Tests.Configuration;

/// <summary>The pure edits behind the admin API and the CLI: reordering (routing follows) and adding several keys at once.</summary>
public sealed class ConfigEditsTests
{
    private const string KeyOne = "sk-ant-api03-ConfigEditsKeyNumberOne-AAAA";
    private const string KeyTwo = "sk-ant-api03-ConfigEditsKeyNumberTwo-BBBB";
    private const string KeyThree = "sk-ant-api03-ConfigEditsKeyNumberThree-CCCC";

    private static ChannelConfig Channel(string id, int? priority = null, params string[] keys) =>
        new() { Id = id, Name = id, ServiceType = "claude", BaseUrl = "https://api.anthropic.com", Priority = priority, ApiKeys = keys };

    private static ProxyConfig Config(params ChannelConfig[] channels) => new() { Upstream = channels };

    private static string[] Routing(ProxyConfig config) => [.. ChannelOrder.Of(config).Select(c => c.Id!)];

    [Fact]
    public void Reorder_without_priorities_moves_positions_only_and_current_follows_its_channel()
    {
        var config = Config(Channel("a"), Channel("b"), Channel("c")) with { CurrentUpstream = 1 };

        var reordered = ConfigEdits.Reorder(config, ["c", "a", "b"]);

        Assert.Equal(["c", "a", "b"], reordered.Upstream.Select(c => c.Id));
        Assert.All(reordered.Upstream, c => Assert.Null(c.Priority));
        Assert.Equal(2, reordered.CurrentUpstream);
        Assert.Equal(["b", "c", "a"], Routing(reordered));
    }

    [Fact]
    public void Reorder_with_explicit_priorities_renumbers_them_so_routing_follows_the_new_order()
    {
        var config = Config(Channel("a", 0), Channel("b", 1), Channel("c", 2));
        Assert.Equal(["a", "b", "c"], Routing(config));

        var reordered = ConfigEdits.Reorder(config, ["c", "a", "b"]);

        Assert.Equal(["c", "a", "b"], reordered.Upstream.Select(c => c.Id));
        Assert.Equal([0, 1, 2], reordered.Upstream.Select(c => c.Priority));
        Assert.Equal(["c", "a", "b"], Routing(reordered));
    }

    [Fact]
    public void Reorder_gives_channels_without_a_priority_one_when_another_channel_has_one()
    {
        // b has no priority, so its position (1) counts; after the move it needs a number of its own.
        var config = Config(Channel("a", 5), Channel("b"), Channel("c", 9));

        var reordered = ConfigEdits.Reorder(config, ["c", "b", "a"]);

        Assert.Equal([0, 1, 2], reordered.Upstream.Select(c => c.Priority));
        Assert.Equal(["c", "b", "a"], Routing(reordered));
    }

    [Fact]
    public void Reorder_keeps_neighbours_that_shared_a_priority_in_one_tier()
    {
        var config = Config(Channel("a", 3), Channel("b", 3), Channel("c", 7));

        var reordered = ConfigEdits.Reorder(config, ["c", "a", "b"]);

        Assert.Equal([0, 1, 1], reordered.Upstream.Select(c => c.Priority));
        var tiers = ChannelOrder.Tiers(reordered);
        Assert.Equal(["c"], tiers[0].Select(c => c.Id));
        Assert.Equal(["a", "b"], tiers[1].Select(c => c.Id));
    }

    [Fact]
    public void Reorder_splits_a_shared_priority_when_another_channel_is_moved_between_them()
    {
        var config = Config(Channel("a", 0), Channel("b", 0), Channel("c", 1));

        var reordered = ConfigEdits.Reorder(config, ["a", "c", "b"]);

        Assert.Equal([0, 1, 2], reordered.Upstream.Select(c => c.Priority));
        Assert.Equal(["a", "c", "b"], Routing(reordered));
    }

    [Fact]
    public void Reorder_refuses_an_order_that_misses_or_repeats_a_channel()
    {
        var config = Config(Channel("a", 0), Channel("b", 1));

        var missing = Assert.Throws<ConfigEditException>(() => ConfigEdits.Reorder(config, ["a"]));
        var repeated = Assert.Throws<ConfigEditException>(() => ConfigEdits.Reorder(config, ["a", "a"]));

        Assert.Equal((ConfigEditError.Invalid, "order"), (missing.Error, missing.Field));
        Assert.Equal((ConfigEditError.Invalid, "order"), (repeated.Error, repeated.Field));
    }

    private static ChannelConfig In(ChannelList list, string id, int? priority = null) => Channel(id, priority) with { List = list };

    [Fact]
    public void Use_on_a_responsesUpstream_channel_sets_currentResponsesUpstream_to_its_place_in_that_list_and_leaves_currentUpstream()
    {
        var config = Config(In(ChannelList.Messages, "m1"), In(ChannelList.Messages, "m2"), In(ChannelList.Responses, "r1"), In(ChannelList.Responses, "r2"))
            with { CurrentUpstream = 1 };

        var used = ConfigEdits.MakeCurrent(config, 3);

        Assert.Equal(1, used.CurrentResponsesUpstream);
        Assert.Equal(1, used.CurrentUpstream);
        Assert.All(used.Upstream, c => Assert.Null(c.Priority));
    }

    [Fact]
    public void Use_on_a_geminiUpstream_channel_which_has_no_current_gives_it_a_priority_below_its_list_and_touches_no_current()
    {
        var config = Config(In(ChannelList.Messages, "m1"), In(ChannelList.Gemini, "g1"), In(ChannelList.Gemini, "g2")) with { CurrentUpstream = 0 };

        var used = ConfigEdits.MakeCurrent(config, 2);

        Assert.Equal(-1, used.Upstream[2].Priority);
        Assert.Null(used.Upstream[1].Priority);
        Assert.Equal(0, used.CurrentUpstream);
        Assert.Null(used.CurrentResponsesUpstream);
        Assert.Equal(["g2", "g1"], ChannelOrder.Of(used).Where(c => c.List == ChannelList.Gemini).Select(c => c.Id));
    }

    [Fact]
    public void Removing_a_channel_shifts_only_its_own_list_s_current_so_each_stays_on_its_channel()
    {
        var config = Config(In(ChannelList.Messages, "m1"), In(ChannelList.Messages, "m2"), In(ChannelList.Responses, "r1"), In(ChannelList.Responses, "r2"))
            with { CurrentUpstream = 1, CurrentResponsesUpstream = 1 };

        var withoutR1 = ConfigEdits.RemoveChannel(config, 2);
        var withoutM1 = ConfigEdits.RemoveChannel(config, 0);
        var withoutCurrentR2 = ConfigEdits.RemoveChannel(config, 3);

        Assert.Equal((1, 0), (withoutR1.CurrentUpstream, withoutR1.CurrentResponsesUpstream));
        Assert.Equal((0, 1), (withoutM1.CurrentUpstream, withoutM1.CurrentResponsesUpstream));
        Assert.Equal((1, 0), (withoutCurrentR2.CurrentUpstream, withoutCurrentR2.CurrentResponsesUpstream));
    }

    [Fact]
    public void Reorder_keeps_each_list_s_current_on_its_channel()
    {
        var config = Config(In(ChannelList.Messages, "m1"), In(ChannelList.Messages, "m2"), In(ChannelList.Responses, "r1"), In(ChannelList.Responses, "r2"))
            with { CurrentUpstream = 0, CurrentResponsesUpstream = 1 };

        var reordered = ConfigEdits.Reorder(config, ["r2", "m2", "r1", "m1"]);

        Assert.Equal(1, reordered.CurrentUpstream);
        Assert.Equal(0, reordered.CurrentResponsesUpstream);
    }

    [Fact]
    public void AddKeys_appends_every_key_trimmed_skipping_blanks_and_repeats()
    {
        var config = Config(Channel("a", null, KeyOne));

        var updated = ConfigEdits.AddKeys(config, 0, [$"  {KeyTwo} ", "", "   ", KeyThree, KeyTwo]);

        Assert.Equal([KeyOne, KeyTwo, KeyThree], updated.Upstream[0].ApiKeys);
    }

    [Fact]
    public void AddKeys_refuses_the_whole_list_naming_a_present_key_masked_only()
    {
        var config = Config(Channel("a", null, KeyOne));

        var error = Assert.Throws<ConfigEditException>(() => ConfigEdits.AddKeys(config, 0, [KeyTwo, KeyOne]));

        Assert.Equal((ConfigEditError.Conflict, "apiKeys"), (error.Error, error.Field));
        Assert.Contains(ClaudeProxy.Security.SecretMask.Mask(KeyOne), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOne, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyTwo, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddKeys_refuses_a_list_with_no_key_in_it()
    {
        var config = Config(Channel("a"));

        var error = Assert.Throws<ConfigEditException>(() => ConfigEdits.AddKeys(config, 0, ["", "  "]));

        Assert.Equal((ConfigEditError.Invalid, "apiKeys"), (error.Error, error.Field));
    }
}
