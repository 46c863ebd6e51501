using ClaudeProxy.Routing.Affinity;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Affinity;

public sealed class ConversationPinsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_pin_names_the_channel_and_key_that_last_served_the_conversation()
    {
        var pins = new ConversationPins(_time);

        pins.Record(42, "ch_a", 7);
        pins.Record(42, "ch_b", 9);

        var pin = pins.Find(42);
        Assert.NotNull(pin);
        Assert.Equal(("ch_b", 9UL), (pin.ChannelId, pin.KeyHash));
        Assert.Null(pins.Find(43));
        Assert.Equal(1, pins.Count);
    }

    [Fact]
    public void A_pin_idle_longer_than_its_lifetime_is_forgotten_and_use_keeps_it_alive()
    {
        var pins = new ConversationPins(_time);
        pins.Record(1, "ch", 1);
        pins.Record(2, "ch", 2);

        _time.Advance(ConversationPins.IdleLifetime / 2);
        pins.Record(2, "ch", 2);
        _time.Advance(ConversationPins.IdleLifetime / 2 + TimeSpan.FromSeconds(1));

        Assert.Null(pins.Find(1));
        Assert.NotNull(pins.Find(2));
    }

    [Fact]
    public void The_table_stays_within_its_capacity_dropping_idle_pins_first()
    {
        var pins = new ConversationPins(_time);
        for (ulong i = 0; i < ConversationPins.Capacity / 2; i++)
        {
            pins.Record(i, "ch", 1);
        }

        _time.Advance(ConversationPins.IdleLifetime + TimeSpan.FromSeconds(1));
        for (ulong i = ConversationPins.Capacity; i <= ConversationPins.Capacity * 3 / 2; i++)
        {
            pins.Record(i, "ch", 1);
        }

        Assert.InRange(pins.Count, 1, ConversationPins.Capacity);
        Assert.NotNull(pins.Find(ConversationPins.Capacity * 3 / 2));
    }

    [Fact]
    public void A_table_full_of_live_pins_drops_the_oldest_quarter()
    {
        var pins = new ConversationPins(_time);
        for (ulong i = 0; i <= ConversationPins.Capacity; i++)
        {
            _time.Advance(TimeSpan.FromTicks(1));
            pins.Record(i, "ch", 1);
        }

        Assert.InRange(pins.Count, ConversationPins.Capacity / 2, ConversationPins.Capacity * 3 / 4 + 1);
        Assert.Null(pins.Find(0));
        Assert.NotNull(pins.Find(ConversationPins.Capacity));
    }
}
