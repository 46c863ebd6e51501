using ClaudeProxy.Configuration;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Affinity;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>The attempts of one request, observed as the exact sequence of (channel, key) pairs.</summary>
public sealed partial class UpstreamSchedulerTests : IDisposable
{
    private static readonly IReadOnlySet<string> ClaudeOnly = new HashSet<string>(StringComparer.Ordinal) { ServiceType.Claude };

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ConfigStore _store;
    private readonly HealthRegistry _health;

    private ConversationPins Pins => field ??= new ConversationPins(_time);

    private BaseUrlRotation Urls => field ??= new BaseUrlRotation(_time, NullLogger<BaseUrlRotation>.Instance);

    public UpstreamSchedulerTests()
    {
        _store = new ConfigStore(Path.Combine(_folder.Path, "config.json"), _time, NullLogger<ConfigStore>.Instance);
        _store.LoadOrCreate();
        _health = new HealthRegistry(_time, new HealthOptions());
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    private static ChannelConfig Channel(string id, params string[] keys) =>
        new() { Id = id, ServiceType = ServiceType.Claude, BaseUrl = $"https://{id}.example.com", ApiKeys = keys };

    private static AttemptOutcome Failed(FailureKind kind) => new(kind, 500, TimeSpan.FromMilliseconds(20));

    private static AttemptOutcome Ok => new(FailureKind.None, 200, TimeSpan.FromMilliseconds(20));

    private UpstreamScheduler Scheduler(string loadBalance, int maxAttempts, TimeSpan? retryDeadline, params ChannelConfig[] channels)
    {
        _store.Update(config => config with { Upstream = channels, LoadBalance = loadBalance });
        var settings = new GatewaySettings { MaxAttempts = maxAttempts, RetryDeadline = retryDeadline ?? TimeSpan.FromSeconds(600) };
        return new UpstreamScheduler(_store, _health, new KeySelection(), new KeyDegradation(new ConfigWriteWorker(_store), NullLogger<KeyDegradation>.Instance), settings, _time, Pins, Urls);
    }

    private UpstreamScheduler Scheduler(params ChannelConfig[] channels) => Scheduler(LoadBalanceStrategy.Failover, 10, null, channels);

    private static RouteRequest Request(string? model = "claude-sonnet-4-5", IReadOnlySet<string>? serviceTypes = null) =>
        new(ProxyEndpoint.Messages, model, serviceTypes ?? ClaudeOnly);

    private ChannelConfig Live(string id) => _store.Current.Upstream.Single(c => c.Id == id);

    /// <summary>
    /// Every attempt the plan hands out, as "channel/key" (or as <paramref name="describe"/> says), each reported with
    /// <paramref name="outcome"/> (a transient failure by default; null reports nothing). Like the proxy, stops after a
    /// success or a failure that is not retryable.
    /// </summary>
    private static List<string> Drain(AttemptPlan plan, Func<UpstreamAttempt, AttemptOutcome?>? outcome = null, Func<UpstreamAttempt, string>? describe = null)
    {
        var attempts = new List<string>();
        while (plan.TryGetNext(out var attempt))
        {
            Assert.Equal(attempt.Channel.ApiKeys[attempt.KeyIndex], attempt.ApiKey);
            attempts.Add(describe?.Invoke(attempt) ?? $"{attempt.Channel.Id}/{attempt.ApiKey}");
            Assert.True(attempts.Count <= 100, "the plan never ends");
            var result = outcome is null ? Failed(FailureKind.Transient) : outcome(attempt);
            if (result is null)
            {
                continue;
            }

            plan.Report(attempt, result);
            if (!result.Failure.IsRetryable())
            {
                break;
            }
        }

        return attempts;
    }

    [Fact]
    public void Failover_tries_every_key_of_the_first_priority_then_the_next_channel()
    {
        var scheduler = Scheduler(
            Channel("backup", "b1", "b2") with { Priority = 1 },
            Channel("primary", "p1", "p2", "p3") with { Priority = 0 });

        var plan = scheduler.Plan(Request());

        Assert.Equal(2, plan.CandidateChannelCount);
        Assert.Equal(["primary/p1", "primary/p2", "primary/p3", "backup/b1", "backup/b2"], Drain(plan));
    }

    [Fact]
    public void Failover_starts_every_request_on_the_first_key()
    {
        var scheduler = Scheduler(Channel("relay", "k1", "k2", "k3"));

        for (var i = 0; i < 3; i++)
        {
            Assert.True(scheduler.Plan(Request()).TryGetNext(out var attempt));
            Assert.Equal("k1", attempt.ApiKey);
        }
    }

    [Fact]
    public void A_channel_round_robin_strategy_overrides_the_global_failover()
    {
        var scheduler = Scheduler(Channel("relay", "k1", "k2", "k3") with { LoadBalance = LoadBalanceStrategy.RoundRobin });

        var firsts = Enumerable.Range(0, 4).Select(_ =>
        {
            Assert.True(scheduler.Plan(Request()).TryGetNext(out var attempt));
            return attempt.ApiKey;
        }).ToArray();

        Assert.Equal(["k1", "k2", "k3", "k1"], firsts);
    }

    [Fact]
    public void A_resting_key_is_skipped_and_tried_in_the_last_resort_pass_those_back_soonest_first()
    {
        var scheduler = Scheduler(Channel("first", "a1", "a2"), Channel("second", "b1", "b2"));
        _health.Record(Live("first"), "a1", Failed(FailureKind.Quota));      // back in 30 min
        _health.Record(Live("second"), "b1", Failed(FailureKind.Transient)); // back in 5 s

        var attempts = Drain(scheduler.Plan(Request()));

        Assert.Equal(["first/a2", "second/b2", "second/b1", "first/a1"], attempts);
    }

    [Fact]
    public void A_key_whose_rest_is_over_is_back_in_the_main_pass()
    {
        var scheduler = Scheduler(Channel("first", "a1", "a2"), Channel("second", "b1"));
        _health.Record(Live("first"), "a1", Failed(FailureKind.Transient));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["first/a1", "first/a2", "second/b1"], Drain(scheduler.Plan(Request())));
    }

    [Fact]
    public void The_attempt_cap_stops_the_plan()
    {
        var scheduler = Scheduler(LoadBalanceStrategy.Failover, 3, null, Channel("first", "a1", "a2"), Channel("second", "b1", "b2"));

        Assert.Equal(["first/a1", "first/a2", "second/b1"], Drain(scheduler.Plan(Request())));
    }

    [Fact]
    public void The_attempt_cap_counts_the_last_resort_pass()
    {
        var scheduler = Scheduler(LoadBalanceStrategy.Failover, 2, null, Channel("first", "a1", "a2", "a3"));
        _health.Record(Live("first"), "a1", Failed(FailureKind.Auth));
        _health.Record(Live("first"), "a2", Failed(FailureKind.RateLimit));

        Assert.Equal(["first/a3", "first/a2"], Drain(scheduler.Plan(Request())));
    }

    [Fact]
    public void The_deadline_stops_the_plan()
    {
        var scheduler = Scheduler(LoadBalanceStrategy.Failover, 10, TimeSpan.FromSeconds(30), Channel("first", "a1", "a2", "a3", "a4"));
        var plan = scheduler.Plan(Request());

        Assert.True(plan.TryGetNext(out var first));
        Assert.Equal("a1", first.ApiKey);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(plan.TryGetNext(out var second));
        Assert.Equal("a2", second.ApiKey);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(plan.TryGetNext(out _));
    }

    [Fact]
    public void The_deadline_runs_from_the_plan_not_from_the_scheduler()
    {
        var scheduler = Scheduler(LoadBalanceStrategy.Failover, 10, TimeSpan.FromSeconds(30), Channel("first", "a1"));
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(scheduler.Plan(Request()).TryGetNext(out _));
    }

    [Fact]
    public void Channels_are_filtered_by_service_type_and_model_patterns()
    {
        var scheduler = Scheduler(
            Channel("haiku-relay", "h1") with { Models = ["claude-*haiku*"] },
            Channel("openai", "o1") with { ServiceType = ServiceType.OpenAI, Models = ["gpt-*"] },
            Channel("any-claude", "c1"),
            Channel("off", "x1") with { Status = ChannelStatus.Disabled },
            Channel("gemini", "g1") with { ServiceType = ServiceType.Gemini });

        var haiku = scheduler.Plan(Request("claude-3-5-haiku-20241022"));
        Assert.Equal(2, haiku.CandidateChannelCount);
        Assert.Equal(["haiku-relay/h1", "any-claude/c1"], Drain(haiku));

        var sonnet = scheduler.Plan(Request("claude-sonnet-4-5"));
        Assert.Equal(1, sonnet.CandidateChannelCount);
        Assert.Equal(["any-claude/c1"], Drain(sonnet));

        var claudeOrOpenAI = new HashSet<string>(StringComparer.Ordinal) { ServiceType.Claude, ServiceType.OpenAI };
        Assert.Equal(["openai/o1", "any-claude/c1"], Drain(scheduler.Plan(Request("GPT-4o", claudeOrOpenAI))));

        var noModel = scheduler.Plan(Request(null));
        Assert.Equal(["any-claude/c1"], Drain(noModel));

        var none = scheduler.Plan(Request("claude-sonnet-4-5", new HashSet<string>(StringComparer.Ordinal) { ServiceType.OpenAIOld }));
        Assert.Equal(0, none.CandidateChannelCount);
        Assert.False(none.TryGetNext(out _));
    }

    [Fact]
    public void A_tier_of_two_channels_weighted_three_to_one_spreads_first_attempts_three_to_one()
    {
        var scheduler = Scheduler(
            Channel("heavy", "h1") with { Priority = 0, Weight = 3 },
            Channel("light", "l1") with { Priority = 0, Weight = 1 },
            Channel("spare", "s1") with { Priority = 1, Weight = 50 });

        var firsts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 400; i++)
        {
            var attempts = Drain(scheduler.Plan(Request()), _ => null);
            Assert.Equal(3, attempts.Count);
            Assert.Equal("spare/s1", attempts[2]);
            Assert.NotEqual(attempts[0], attempts[1]);
            firsts[attempts[0]] = firsts.GetValueOrDefault(attempts[0]) + 1;
        }

        Assert.Equal(300, firsts["heavy/h1"]);
        Assert.Equal(100, firsts["light/l1"]);
        Assert.Equal(2, firsts.Count);
    }

    [Fact]
    public void A_channel_with_an_open_circuit_comes_after_the_healthy_ones()
    {
        var scheduler = Scheduler(
            Channel("flaky", "f1", "f2", "f3", "f4") with { Priority = 0 },
            Channel("steady", "s1") with { Priority = 1 });
        foreach (var key in new[] { "f1", "f2", "f3", "f4" })
        {
            _health.Record(Live("flaky"), key, Failed(FailureKind.Transient));
        }

        _time.Advance(TimeSpan.FromSeconds(6)); // the keys' rests are over; the circuit's (30 s) is not

        Assert.Equal(["steady/s1", "flaky/f1", "flaky/f2", "flaky/f3", "flaky/f4"], Drain(scheduler.Plan(Request()), _ => null));

        _time.Advance(TimeSpan.FromSeconds(24));
        Assert.True(scheduler.Plan(Request()).TryGetNext(out var probe));
        Assert.Equal("flaky", probe.Channel.Id);
    }

    [Fact]
    public async Task A_key_out_of_quota_moves_to_the_end_once_another_key_succeeds_in_the_same_request()
    {
        var scheduler = Scheduler(Channel("relay", "key-exhausted", "key-working", "key-spare"), Channel("other", "o1"));
        var saved = new TaskCompletionSource<ProxyConfig>(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Changed += config => saved.TrySetResult(config);

        var attempts = Drain(scheduler.Plan(Request()), attempt => attempt.ApiKey == "key-exhausted" ? Failed(FailureKind.Quota) : Ok);
        var config = await saved.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal(["relay/key-exhausted", "relay/key-working"], attempts);
        Assert.Equal(["key-working", "key-spare", "key-exhausted"], config.Upstream[0].ApiKeys);
        Assert.Equal(["key-working", "key-spare", "key-exhausted"], _store.Current.Upstream[0].ApiKeys);
        Assert.Equal(["o1"], _store.Current.Upstream[1].ApiKeys);
        Assert.Contains("key-exhausted", await File.ReadAllTextAsync(_store.FilePath, Token), StringComparison.Ordinal);

        // The next request starts with the key that works.
        Assert.True(scheduler.Plan(Request()).TryGetNext(out var next));
        Assert.Equal("key-working", next.ApiKey);
    }

    [Fact]
    public async Task Quota_failures_in_several_channels_are_all_demoted_after_a_success_elsewhere()
    {
        var scheduler = Scheduler(Channel("first", "a1", "a2"), Channel("second", "b1", "b2"), Channel("third", "c1"));
        var changes = new List<ProxyConfig>();
        var bothSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Changed += config =>
        {
            lock (changes)
            {
                changes.Add(config);
                if (changes.Count == 2)
                {
                    bothSaved.TrySetResult();
                }
            }
        };

        var attempts = Drain(scheduler.Plan(Request()), attempt => attempt.Channel.Id == "third" ? Ok : attempt.ApiKey is "a1" or "b1" ? Failed(FailureKind.Quota) : Failed(FailureKind.Transient));
        await bothSaved.Task.WaitAsync(TimeSpan.FromSeconds(30), Token);

        Assert.Equal(["first/a1", "first/a2", "second/b1", "second/b2", "third/c1"], attempts);
        Assert.Equal(["a2", "a1"], _store.Current.Upstream[0].ApiKeys);
        Assert.Equal(["b2", "b1"], _store.Current.Upstream[1].ApiKeys);
        Assert.Equal(["c1"], _store.Current.Upstream[2].ApiKeys);
    }
}
