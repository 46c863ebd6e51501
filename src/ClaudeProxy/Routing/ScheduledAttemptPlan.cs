using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Affinity;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Routing.Health;
using ClaudeProxy.Routing.Policies;

namespace ClaudeProxy.Routing;

/// <summary>What a plan needs from the gateway: health, key choice, degradation, limits, the clock, conversation pins, the URL rotation.</summary>
internal sealed record AttemptPlanServices(
    HealthRegistry Health, KeySelection KeySelection, KeyDegradation Degradation, GatewaySettings Settings, TimeProvider TimeProvider, ConversationPins Pins,
    BaseUrlRotation Urls);

/// <summary>
/// The attempts of one request: each channel in order with its keys that are not resting nor at a cap
/// (<see cref="KeyLimiter"/>), every such key on the channel's first base URL, then on the next
/// (<see cref="BaseUrlRotation"/> orders them); then, as a last resort, the resting keys not at a cap,
/// those back soonest first, each on its channel's first URL; within the attempt cap and the deadline.
/// Keys that ran out of quota are demoted once a later attempt succeeds; a conversation is pinned to
/// the channel and key each attempt goes to, so its next request starts where it was last served.
/// </summary>
internal sealed class ScheduledAttemptPlan(
    List<RoutedChannel> channels, int restingFrom, AttemptPlanServices scheduler, ulong? conversation, ConversationPin? pin) : AttemptPlan
{
    private readonly int _restingFrom = restingFrom;
    private readonly Dictionary<RoutedChannel, ChannelVisit> _visits = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<string>> _quotaFailures = new(StringComparer.Ordinal);
    private readonly long _started = scheduler.TimeProvider.GetTimestamp();
    private int _channelCursor;
    private int _attempts;
    private Queue<(RoutedChannel Channel, int Key)>? _lastResort;
    private bool _skippedCapped;

    public override int CandidateChannelCount => channels.Count;

    public override bool SkippedCappedKeys => _skippedCapped;

    public override async ValueTask<UpstreamAttempt?> NextAsync()
    {
        if (_attempts >= scheduler.Settings.MaxAttempts || scheduler.TimeProvider.GetElapsedTime(_started) >= scheduler.Settings.RetryDeadline)
        {
            return null;
        }

        while (_channelCursor < channels.Count)
        {
            var channel = channels[_channelCursor];
            var entering = !_visits.TryGetValue(channel, out var visit);
            if (_channelCursor < _restingFrom && (entering ? !scheduler.Health.TryEnterChannel(channel.Config) : scheduler.Health.IsResting(channel.Config)))
            {
                // Its circuit opened (or another request took its probe): leave it for the last resort.
                _channelCursor++;
                continue;
            }

            visit ??= Visit(channel);
            for (; visit.CurrentUrl is { } url; visit.NextUrl())
            {
                if (await NextKeyOnAsync(channel, visit, url).ConfigureAwait(false) is { } attempt)
                {
                    return attempt;
                }
            }

            _channelCursor++;
        }

        // Every key that is not resting has been tried: try the resting ones, those back soonest first.
        _lastResort ??= new Queue<(RoutedChannel, int)>(channels
            .SelectMany(c => Enumerable.Range(0, c.ApiKeys.Count).Where(i => !Visit(c).HasTried(i)).Select(i => (Channel: c, Key: i)))
            .OrderBy(x => scheduler.Health.KeyAvailableAt(x.Channel.Config, x.Channel.ApiKeys[x.Key])));
        // A key at its cap is never a last resort: its plan would refuse the request anyway.
        while (_lastResort.TryDequeue(out var next))
        {
            if (await scheduler.Health.Limits.TryAcquireAsync(next.Channel.Config, next.Channel.ApiKeys[next.Key]).ConfigureAwait(false) is { } lease)
            {
                var visit = Visit(next.Channel);
                return Use(next.Channel, visit, visit.FirstUrl, next.Key, lease);
            }

            _skippedCapped = true;
        }

        return null;
    }

    public override void Report(UpstreamAttempt attempt, AttemptOutcome outcome)
    {
        scheduler.Health.Record(attempt.Channel.Config, attempt.ApiKey, outcome);
        if (!outcome.Succeeded)
        {
            Visit(attempt.Channel).Failed(attempt.KeyIndex, outcome.Failure);
            if (outcome.Failure.IsEndpointFault())
            {
                scheduler.Urls.RecordFailure(attempt.Channel, attempt.UrlIndex, outcome.Failure);
            }
        }

        var channelId = attempt.Channel.Id;
        if (outcome.Failure == FailureKind.Quota)
        {
            if (!_quotaFailures.TryGetValue(channelId, out var keys))
            {
                _quotaFailures[channelId] = keys = [];
            }

            keys.Add(attempt.ApiKey);
        }
        else if (outcome.Succeeded && _quotaFailures.Count > 0)
        {
            foreach (var (failedChannel, keys) in _quotaFailures)
            {
                _ = scheduler.Degradation.DemoteAsync(failedChannel, keys);
            }

            _quotaFailures.Clear();
        }
    }

    public override void ReportLimitReached(UpstreamAttempt attempt, DateTimeOffset until, int status) =>
        scheduler.Health.RecordLimitReached(attempt.Channel.Config, attempt.ApiKey, until, status);

    private bool HasRoom(RoutedChannel channel, int key)
    {
        var room = scheduler.Health.Limits.HasRoom(channel.Config, channel.ApiKeys[key]);
        _skippedCapped |= !room;
        return room;
    }

    /// <summary>The next of the channel's keys on this URL: those not tried on it, not resting (unless only their URL failed them) and not at a cap.</summary>
    private async ValueTask<UpstreamAttempt?> NextKeyOnAsync(RoutedChannel channel, ChannelVisit visit, int url)
    {
        var candidates = Enumerable.Range(0, channel.ApiKeys.Count)
            .Where(i => !visit.HasTried(url, i) && (visit.FailedByUrl(i) || scheduler.Health.IsKeyAvailable(channel.Config, channel.ApiKeys[i])) && HasRoom(channel, i))
            .ToList();
        while (candidates.Count > 0)
        {
            var key = conversation is { } named
                ? scheduler.KeySelection.Pick(channel, candidates, named, pin, scheduler.Pins)
                : scheduler.KeySelection.Pick(channel.Strategy, channel.Id, candidates);
            if (await scheduler.Health.Limits.TryAcquireAsync(channel.Config, channel.ApiKeys[key]).ConfigureAwait(false) is not { } lease)
            {
                // Another request, here or on another instance, took the key's last slot since the candidates were listed.
                _skippedCapped = true;
                candidates.Remove(key);
                continue;
            }

            if (conversation is { } pinned)
            {
                // Pinned as it is sent, so concurrent new conversations see each other's load.
                scheduler.Pins.Record(pinned, channel.Id, channel.KeyHashes[key]);
            }

            return Use(channel, visit, url, key, lease);
        }

        return null;
    }

    /// <summary>The plan's way through the channel; entering it reads the order its URLs are tried in.</summary>
    private ChannelVisit Visit(RoutedChannel channel)
    {
        if (!_visits.TryGetValue(channel, out var visit))
        {
            _visits[channel] = visit = new ChannelVisit(scheduler.Urls.Order(channel));
        }

        return visit;
    }

    private UpstreamAttempt Use(RoutedChannel channel, ChannelVisit visit, int url, int key, KeyLease lease)
    {
        visit.Sent(url, key);
        _attempts++;
        return new UpstreamAttempt(channel, key, channel.ApiKeys[key], url) { Lease = lease };
    }
}
