using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing.Health;

/// <summary>The order a channel's base URLs are tried in, as failures move them behind the others for a while.</summary>
public sealed class BaseUrlRotationTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturedLogs _logs = new();
    private readonly LoggerFactory _loggers;
    private readonly BaseUrlRotation _rotation;

    public BaseUrlRotationTests()
    {
        _loggers = new LoggerFactory([_logs]);
        _rotation = new BaseUrlRotation(_time, _loggers.CreateLogger<BaseUrlRotation>());
    }

    public void Dispose() => _loggers.Dispose();

    private static RoutedChannel Channel(string id, params string[] urls) =>
        new(new ChannelConfig { Id = id, ServiceType = ServiceType.Claude, BaseUrls = urls, ApiKeys = ["sk-ant-api03-rotation-key-01"] }, null);

    private static RoutedChannel ThreeUrls(string id = "ch_mirrors") => Channel(id, "https://a.example.com", "https://b.example.com", "https://c.example.com");

    [Fact]
    public void Urls_that_never_failed_keep_their_configured_order()
    {
        Assert.Equal([0, 1, 2], _rotation.Order(ThreeUrls()));
    }

    [Fact]
    public void A_failed_url_goes_behind_the_others()
    {
        var channel = ThreeUrls();

        _rotation.RecordFailure(channel, 0, FailureKind.Transient);

        Assert.Equal([1, 2, 0], _rotation.Order(channel));
    }

    [Fact]
    public void A_failed_url_stays_behind_for_thirty_seconds_then_returns_to_its_place()
    {
        var channel = ThreeUrls();
        _rotation.RecordFailure(channel, 0, FailureKind.Network);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal([1, 2, 0], _rotation.Order(channel));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(30), BaseUrlRotation.Cooldown);
        Assert.Equal([0, 1, 2], _rotation.Order(channel));
    }

    [Fact]
    public void Several_failed_urls_follow_the_healthy_one_oldest_failure_first()
    {
        var channel = ThreeUrls();
        _rotation.RecordFailure(channel, 1, FailureKind.Timeout);
        _time.Advance(TimeSpan.FromSeconds(2));
        _rotation.RecordFailure(channel, 0, FailureKind.Transient);

        Assert.Equal([2, 1, 0], _rotation.Order(channel));
    }

    [Fact]
    public void A_url_that_fails_again_goes_behind_one_that_failed_in_between()
    {
        var channel = ThreeUrls();
        _rotation.RecordFailure(channel, 0, FailureKind.Transient);
        _time.Advance(TimeSpan.FromSeconds(5));
        _rotation.RecordFailure(channel, 1, FailureKind.Transient);
        _time.Advance(TimeSpan.FromSeconds(5));
        _rotation.RecordFailure(channel, 0, FailureKind.Transient);

        Assert.Equal([2, 1, 0], _rotation.Order(channel));

        // Its cool-down runs from its latest failure.
        _time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal([1, 2, 0], _rotation.Order(channel));
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal([0, 1, 2], _rotation.Order(channel));
    }

    [Fact]
    public void When_every_url_failed_the_one_that_failed_first_goes_first()
    {
        var channel = Channel("ch_pair", "https://a.example.com", "https://b.example.com");
        _rotation.RecordFailure(channel, 1, FailureKind.Transient);
        _time.Advance(TimeSpan.FromSeconds(1));
        _rotation.RecordFailure(channel, 0, FailureKind.Transient);

        Assert.Equal([1, 0], _rotation.Order(channel));
    }

    [Fact]
    public void What_a_channel_learned_carries_over_to_the_next_config_snapshot_but_not_to_other_channels()
    {
        _rotation.RecordFailure(ThreeUrls(), 0, FailureKind.Transient);

        Assert.Equal([1, 2, 0], _rotation.Order(ThreeUrls()));
        Assert.Equal([0, 1, 2], _rotation.Order(ThreeUrls("ch_other")));
    }

    [Fact]
    public void A_url_is_known_by_its_text_not_its_position_nor_a_trailing_slash()
    {
        _rotation.RecordFailure(ThreeUrls(), 0, FailureKind.Transient);

        var reordered = Channel("ch_mirrors", "https://b.example.com", "https://a.example.com/", "https://c.example.com");

        Assert.Equal([0, 2, 1], _rotation.Order(reordered));
    }

    [Fact]
    public void A_single_url_channel_has_nothing_to_reorder_and_logs_nothing()
    {
        var channel = Channel("ch_single", "https://only.example.com");

        _rotation.RecordFailure(channel, 0, FailureKind.Transient);

        Assert.Equal([0], _rotation.Order(channel));
        Assert.Empty(_logs.Lines);
    }

    [Fact]
    public void Moving_a_url_behind_is_logged_once_as_a_warning_without_credentials_in_the_url()
    {
        var channel = Channel("ch_logged", "https://user:url-secret-0001@a.example.com/v1?key=query-secret-0002", "https://b.example.com");

        _rotation.RecordFailure(channel, 0, FailureKind.Transient);
        _rotation.RecordFailure(channel, 0, FailureKind.Transient);

        var line = Assert.Single(_logs.Lines);
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.Contains("https://a.example.com/v1", line, StringComparison.Ordinal);
        Assert.Contains("ch_logged", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant", line, StringComparison.Ordinal);
    }
}
