using ClaudeProxy.Protocols.Translation.Gemini;
using Xunit;

namespace ClaudeProxy.Protocols.Tests.GeminiGolden;

/// <summary>The two places a thought signature is kept between requests: the envelope in a thinking block, and the cache by tool-use id.</summary>
public sealed class ThoughtSignatureTests
{
    [Theory]
    [InlineData("CiQBVKhc7oT+/5bxP1ue3wPA==")]
    [InlineData("x")]
    [InlineData("signature with spaces and ünïcode")]
    public void An_envelope_gives_back_exactly_the_signature_it_carries(string signature)
    {
        var envelope = ThoughtSignatureEnvelope.Wrap(signature);

        Assert.StartsWith("gw1.gemini.", envelope, StringComparison.Ordinal);
        Assert.Matches("^gw1\\.gemini\\.[A-Za-z0-9_-]+$", envelope);
        Assert.True(ThoughtSignatureEnvelope.TryUnwrap(envelope, out var unwrapped));
        Assert.Equal(signature, unwrapped);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EqQBCkYIBRgCKkB-anthropic")]
    [InlineData("gw1.openai.abc")]
    [InlineData("gw1.gemini.")]
    [InlineData("gw1.gemini.not base64!")]
    public void Anything_but_a_gemini_envelope_carries_no_signature(string? signature) =>
        Assert.False(ThoughtSignatureEnvelope.TryUnwrap(signature, out _));

    [Fact]
    public void The_cache_forgets_a_signature_once_it_is_older_than_its_time_to_live()
    {
        var time = new ManualTime();
        var cache = new ThoughtSignatureCache(time, capacity: 10, timeToLive: TimeSpan.FromMinutes(5));
        cache.Remember("toolu_a", "sig-a");

        time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(cache.TryRecall("toolu_a", out var early));
        Assert.Equal("sig-a", early);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(cache.TryRecall("toolu_a", out _));
    }

    [Fact]
    public void The_cache_keeps_at_most_its_capacity_and_drops_the_oldest_first()
    {
        var cache = new ThoughtSignatureCache(new ManualTime(), capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            cache.Remember($"toolu_{i}", $"sig-{i}");
        }

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryRecall("toolu_1", out _));
        Assert.False(cache.TryRecall("toolu_2", out _));
        Assert.True(cache.TryRecall("toolu_5", out var newest));
        Assert.Equal("sig-5", newest);
    }

    [Fact]
    public void Remembering_an_id_again_replaces_its_signature_and_its_age()
    {
        var time = new ManualTime();
        var cache = new ThoughtSignatureCache(time, capacity: 2, timeToLive: TimeSpan.FromMinutes(5));
        cache.Remember("toolu_a", "old");
        time.Advance(TimeSpan.FromMinutes(4));
        cache.Remember("toolu_a", "new");
        cache.Remember("toolu_b", "b");

        time.Advance(TimeSpan.FromMinutes(3));

        Assert.True(cache.TryRecall("toolu_a", out var signature));
        Assert.Equal("new", signature);
        Assert.True(cache.TryRecall("toolu_b", out _));
        Assert.Equal(2, cache.Count);
    }

    [Theory]
    [InlineData("gemini-3-pro-preview", true)]
    [InlineData("gemini-3.5-flash", true)]
    [InlineData("models/gemini-3-flash", true)]
    [InlineData("my-relay-alias", true)]
    [InlineData("gemini-2.5-flash", false)]
    [InlineData("gemini-1.5-pro", false)]
    [InlineData("gemma-3-27b-it", false)]
    public void Only_models_that_may_check_signatures_get_the_skip_value(string model, bool validates) =>
        Assert.Equal(validates, GeminiModels.ValidatesThoughtSignatures(model));

    /// <summary>A clock that moves only when told.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
