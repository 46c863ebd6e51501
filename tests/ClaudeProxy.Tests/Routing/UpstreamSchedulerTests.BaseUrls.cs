using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>A channel of several base URLs: every key on one URL, then on the next, a failed URL last for a while.</summary>
public sealed partial class UpstreamSchedulerTests
{
    private static ChannelConfig Mirrored(string id, string[] keys, params string[] hosts) => new()
    {
        Id = id,
        ServiceType = ServiceType.Claude,
        BaseUrls = [.. hosts.Select(h => $"https://{h}.example.com")],
        ApiKeys = keys,
    };

    /// <summary>An attempt as "channel/key@host", the host's first label.</summary>
    private static string WithUrl(UpstreamAttempt attempt) => $"{attempt.Channel.Id}/{attempt.ApiKey}@{new Uri(attempt.Target.BaseUrl!).Host.Split('.')[0]}";

    private static List<string> DrainWithUrls(AttemptPlan plan, Func<UpstreamAttempt, AttemptOutcome?>? outcome = null) => Drain(plan, outcome, WithUrl);

    [Fact]
    public void Every_key_is_tried_on_the_first_url_before_any_key_on_the_next_one_then_the_next_channel()
    {
        var scheduler = Scheduler(Mirrored("relay", ["k1", "k2"], "one", "two"), Channel("backup", "b1"));

        var attempts = DrainWithUrls(scheduler.Plan(Request()));

        // A server error rests the key, yet only its URL failed it: the next URL still gets it.
        Assert.Equal(["relay/k1@one", "relay/k2@one", "relay/k1@two", "relay/k2@two", "backup/b1@backup"], attempts);
    }

    [Fact]
    public void A_url_that_failed_is_tried_last_by_the_next_requests_until_its_cooldown_is_over()
    {
        var scheduler = Scheduler(Mirrored("relay", ["k1"], "one", "two"));

        var first = DrainWithUrls(scheduler.Plan(Request()), a => a.UrlIndex == 0 ? Failed(FailureKind.Transient) : Ok);
        var second = DrainWithUrls(scheduler.Plan(Request()), _ => Ok);
        _time.Advance(BaseUrlRotation.Cooldown);
        var third = DrainWithUrls(scheduler.Plan(Request()), _ => Ok);

        Assert.Equal(["relay/k1@one", "relay/k1@two"], first);
        Assert.Equal(["relay/k1@two"], second);
        Assert.Equal(["relay/k1@one"], third);
    }

    [Theory]
    [InlineData(FailureKind.Transient, true)]
    [InlineData(FailureKind.Network, true)]
    [InlineData(FailureKind.Timeout, true)]
    [InlineData(FailureKind.Auth, false)]
    [InlineData(FailureKind.Quota, false)]
    [InlineData(FailureKind.RateLimit, false)]
    [InlineData(FailureKind.Client, false)]
    public void Only_a_failure_of_the_url_itself_moves_it_behind_the_others(FailureKind kind, bool movesBehind)
    {
        var scheduler = Scheduler(Mirrored("relay", ["k1", "k2"], "one", "two"));
        var plan = scheduler.Plan(Request());
        Assert.True(plan.TryGetNext(out var attempt));

        plan.Report(attempt, Failed(kind));

        Assert.Equal(movesBehind ? [1, 0] : [0, 1], Urls.Order(attempt.Channel));
    }

    [Fact]
    public void A_key_refused_for_itself_is_not_tried_again_on_the_channel_s_other_urls()
    {
        var scheduler = Scheduler(Mirrored("relay", ["k1", "k2"], "one", "two"));

        var attempts = DrainWithUrls(scheduler.Plan(Request()), a => Failed(a.ApiKey == "k1" ? FailureKind.Auth : FailureKind.Transient));

        Assert.Equal(["relay/k1@one", "relay/k2@one", "relay/k2@two"], attempts);
    }

    [Fact]
    public void A_key_refused_on_the_first_url_hands_over_to_the_next_key_on_the_same_url()
    {
        var scheduler = Scheduler(Mirrored("relay", ["k1", "k2"], "one", "two"));

        var first = DrainWithUrls(scheduler.Plan(Request()), a => a.ApiKey == "k1" ? Failed(FailureKind.Auth) : Ok);
        var second = DrainWithUrls(scheduler.Plan(Request()), _ => Ok);

        Assert.Equal(["relay/k1@one", "relay/k2@one"], first);
        Assert.Equal(["relay/k2@one"], second);
    }

    [Fact]
    public void The_attempt_cap_bounds_the_keys_times_the_urls()
    {
        var scheduler = Scheduler(LoadBalanceStrategy.Failover, 3, null, Mirrored("relay", ["k1", "k2"], "one", "two", "three"));

        Assert.Equal(["relay/k1@one", "relay/k2@one", "relay/k1@two"], DrainWithUrls(scheduler.Plan(Request())));
    }

    [Fact]
    public void A_single_url_channel_sends_every_attempt_to_its_own_config()
    {
        var scheduler = Scheduler(Channel("relay", "k1", "k2"));
        var targets = new List<ChannelConfig>();

        var attempts = Drain(scheduler.Plan(Request()), a =>
        {
            targets.Add(a.Target);
            return Failed(FailureKind.Transient);
        });

        Assert.Equal(["relay/k1", "relay/k2"], attempts);
        Assert.All(targets, t => Assert.Same(Live("relay"), t));
    }

    [Fact]
    public void The_last_resort_sends_a_resting_key_to_its_channel_s_first_url_in_the_current_order()
    {
        var scheduler = Scheduler(Mirrored("relay", ["k1"], "one", "two"));
        DrainWithUrls(scheduler.Plan(Request()), a => a.UrlIndex == 0 ? Failed(FailureKind.Transient) : Ok);
        _health.Record(Live("relay"), "k1", Failed(FailureKind.Quota));

        var attempts = DrainWithUrls(scheduler.Plan(Request()));

        Assert.Equal(["relay/k1@two"], attempts);
    }

    [Fact]
    public void A_request_keeps_the_url_order_it_read_on_entering_the_channel()
    {
        var scheduler = Scheduler(Mirrored("relay", ["k1", "k2"], "one", "two"));
        var plan = scheduler.Plan(Request());
        Assert.True(plan.TryGetNext(out var attempt));
        Assert.Equal("relay/k1@one", WithUrl(attempt));

        // Another request saw the first URL fail meanwhile; this one still tries its keys there first.
        Urls.RecordFailure(attempt.Channel, 0, FailureKind.Transient);
        plan.Report(attempt, Failed(FailureKind.Auth));

        Assert.Equal(["relay/k2@one", "relay/k2@two"], DrainWithUrls(plan));
    }
}
