using System.Collections.Concurrent;
using ClaudeProxy.Configuration;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;

namespace ClaudeProxy.Routing.Health;

/// <summary>
/// Passive health of every channel and key, fed by the outcome of each attempt: keys rest after
/// failures (<see cref="CooldownPolicy"/>) and until the reset an answer's rate-limit headers name when
/// they say the key has nothing left; channels whose recent failure rate passes the threshold
/// open their circuit, rest, then let one probe through. Everything recovers by itself; all time
/// comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class HealthRegistry(TimeProvider timeProvider, HealthOptions options, KeyLimiter? limits = null)
{
    private readonly ConcurrentDictionary<string, ChannelHealthState> _channels = new(StringComparer.Ordinal);

    /// <summary>Longest last-error message kept per key; the full text is in the request log.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>Longest rest learned from an upstream's rate-limit headers, whatever reset they name.</summary>
    public static readonly TimeSpan MaxLearnedRest = TimeSpan.FromHours(1);

    /// <summary>
    /// Raised after a key rests or is back and after a circuit opens, turns half-open or closes; outside
    /// the registry's locks, on the thread that caused the change (a request's), so handlers must be quick and must not throw.
    /// </summary>
    public event Action<HealthChange>? Changed;

    /// <summary>The keys' caps and requests in flight, skipped like rests when planning and shown with them.</summary>
    public KeyLimiter Limits { get; } = limits ?? new KeyLimiter(timeProvider);

    public void Record(ChannelConfig channel, string apiKey, AttemptOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(outcome);
        var state = For(channel);
        var now = timeProvider.GetUtcNow();
        var message = outcome.Succeeded || outcome.Message is null ? null : ShortMessage(outcome.Message, apiKey);
        List<HealthChange>? changes = null;
        lock (state.Gate)
        {
            var key = state.Key(apiKey);
            key.Recent.Add(now);
            if (outcome.Succeeded)
            {
                key.ConsecutiveFailures = 0;
                key.CooldownUntil = DateTimeOffset.MinValue;
                key.LastSuccessAt = now;
                key.Successes++;

                // An answer that also said the key is spent leaves it resting: it is back once that rest is over.
                if (key.Rested && key.LimitReachedUntil <= now)
                {
                    key.Rested = false;
                    (changes ??= []).Add(KeyChange(HealthChangeKind.KeyBack, now, channel, apiKey));
                }
            }
            else if (outcome.Failure != FailureKind.Client)
            {
                key.Failures++;
                key.ConsecutiveFailures++;
                key.LastFailure = outcome.Failure;
                key.LastFailureAt = now;
                key.LastError = new KeyLastError(outcome.Failure, outcome.StatusCode, message, now);
                var rest = CooldownPolicy.For(outcome.Failure, key.ConsecutiveFailures, outcome.RetryAfter);
                key.CooldownUntil = now + rest;
                if (rest > TimeSpan.Zero)
                {
                    key.Rested = true;
                    (changes ??= []).Add(KeyChange(HealthChangeKind.KeyRested, now, channel, apiKey) with
                    {
                        Until = key.CooldownUntil,
                        Reason = outcome.Failure,
                        Status = outcome.StatusCode,
                    });
                }
            }

            var channelFailure = outcome.Failure is FailureKind.Transient or FailureKind.Network or FailureKind.Timeout;
            if (outcome.Succeeded || channelFailure)
            {
                RecordChannelOutcome(state, channel, now, channelFailure, ref changes);
            }
        }

        Raise(changes);
    }

    /// <summary>
    /// An answer's rate-limit headers said the key has nothing left until <paramref name="until"/>: it rests
    /// until then (at most <see cref="MaxLearnedRest"/>), so the next request does not spend a 429 on it.
    /// This is no outcome: the attempt's own success or failure is recorded apart, and neither the key's
    /// failure count nor the channel's failure rate changes. A reset already past changes nothing.
    /// </summary>
    public void RecordLimitReached(ChannelConfig channel, string apiKey, DateTimeOffset until, int status)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var now = timeProvider.GetUtcNow();
        if (until <= now)
        {
            return;
        }

        if (until - now > MaxLearnedRest)
        {
            until = now + MaxLearnedRest;
        }

        var state = For(channel);
        HealthChange? change = null;
        lock (state.Gate)
        {
            var key = state.Key(apiKey);
            var restingUntil = key.AvailableAt;
            if (until <= key.LimitReachedUntil)
            {
                return;
            }

            key.LimitReachedUntil = until;
            if (until > restingUntil)
            {
                key.Rested = true;
                change = KeyChange(HealthChangeKind.KeyRested, now, channel, apiKey) with
                {
                    Until = until,
                    Reason = FailureKind.RateLimit,
                    Status = status,
                    LimitReached = true,
                };
            }
        }

        if (change is not null)
        {
            Changed?.Invoke(change);
        }
    }

    /// <summary>
    /// Takes in a change another instance saw (<see cref="HealthChange.Origin"/> set): a key rest or a circuit's
    /// opening lasts here until the same moment, a key's or circuit's return ends it here too. Only a change that
    /// alters this instance's view is raised again (with its origin), so live views show it and nothing echoes it back.
    /// A half-open circuit stays each instance's own business: every instance probes after the rest by itself.
    /// </summary>
    public void ApplyRemote(ChannelConfig channel, string? apiKey, HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(change);
        var state = For(channel);
        var now = timeProvider.GetUtcNow();
        var changed = false;
        lock (state.Gate)
        {
            switch (change.Kind)
            {
                case HealthChangeKind.KeyRested when apiKey is not null && change.Until > now:
                    var key = state.Key(apiKey);
                    var until = change.Until.Value;
                    if (until <= key.AvailableAt)
                    {
                        break;
                    }

                    if (change.LimitReached)
                    {
                        key.LimitReachedUntil = until;
                    }
                    else
                    {
                        var reason = change.Reason ?? FailureKind.Transient;
                        key.CooldownUntil = until;
                        key.LastFailure = reason;
                        key.LastFailureAt = change.Time;
                        key.LastError = new KeyLastError(reason, change.Status, $"rested by instance {change.Origin}", change.Time);
                    }

                    key.Rested = changed = true;
                    break;
                case HealthChangeKind.KeyBack when apiKey is not null && state.Keys.TryGetValue(apiKey, out var back) && back.AvailableAt > now:
                    back.CooldownUntil = back.LimitReachedUntil = DateTimeOffset.MinValue;
                    back.ConsecutiveFailures = 0;
                    back.Rested = false;
                    changed = true;
                    break;
                case HealthChangeKind.CircuitOpened when change.Until > now && (state.Circuit == CircuitState.Closed || change.Until > state.OpenUntil):
                    state.Circuit = CircuitState.Open;
                    state.OpenUntil = change.Until.Value;
                    state.Window.Clear();
                    changed = true;
                    break;
                case HealthChangeKind.CircuitClosed when state.Circuit != CircuitState.Closed:
                    state.Circuit = CircuitState.Closed;
                    state.OpenUntil = default;
                    state.TimesOpened = 0;
                    state.Window.Clear();
                    changed = true;
                    break;
            }
        }

        if (changed)
        {
            Changed?.Invoke(change);
        }
    }

    /// <summary>When the key may be used again (in the past when it may be used now).</summary>
    public DateTimeOffset KeyAvailableAt(ChannelConfig channel, string apiKey)
    {
        var state = For(channel);
        lock (state.Gate)
        {
            return state.Keys.TryGetValue(apiKey, out var key) ? key.AvailableAt : DateTimeOffset.MinValue;
        }
    }

    public bool IsKeyAvailable(ChannelConfig channel, string apiKey) => KeyAvailableAt(channel, apiKey) <= timeProvider.GetUtcNow();

    /// <summary>
    /// Whether the channel may take a request now. An open circuit whose rest is over turns half-open
    /// and lets exactly this one request through as its probe.
    /// </summary>
    public bool TryEnterChannel(ChannelConfig channel)
    {
        var state = For(channel);
        var now = timeProvider.GetUtcNow();
        HealthChange? change = null;
        lock (state.Gate)
        {
            switch (state.Circuit)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open when now >= state.OpenUntil:
                case CircuitState.HalfOpen when now >= state.OpenUntil:
                    // A probe whose outcome never came back (the request went elsewhere) does not block forever.
                    if (state.Circuit == CircuitState.Open)
                    {
                        change = ChannelChange(HealthChangeKind.CircuitHalfOpen, now, channel) with { Until = now + options.OpenDuration };
                    }

                    state.Circuit = CircuitState.HalfOpen;
                    state.OpenUntil = now + options.OpenDuration;
                    break;
                default:
                    return false;
            }
        }

        if (change is not null)
        {
            Changed?.Invoke(change);
        }

        return true;
    }

    /// <summary>
    /// True while the channel may not take a request: its circuit is open and resting, or half-open with
    /// its probe already out. Changes nothing, so planning a request never spends a probe.
    /// </summary>
    public bool IsResting(ChannelConfig channel)
    {
        var state = For(channel);
        lock (state.Gate)
        {
            return state.Circuit != CircuitState.Closed && timeProvider.GetUtcNow() < state.OpenUntil;
        }
    }

    /// <summary>Closes the channel's circuit and forgets its recent outcomes: a promoted channel starts afresh.</summary>
    public void CloseCircuit(ChannelConfig channel)
    {
        var state = For(channel);
        HealthChange? change = null;
        lock (state.Gate)
        {
            if (state.Circuit != CircuitState.Closed)
            {
                change = ChannelChange(HealthChangeKind.CircuitClosed, timeProvider.GetUtcNow(), channel);
            }

            state.Circuit = CircuitState.Closed;
            state.OpenUntil = default;
            state.Window.Clear();
        }

        if (change is not null)
        {
            Changed?.Invoke(change);
        }
    }

    public IReadOnlyList<ChannelHealthSnapshot> Snapshot(ProxyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var now = timeProvider.GetUtcNow();
        var snapshots = new List<ChannelHealthSnapshot>(config.Upstream.Count);
        foreach (var channel in config.Upstream)
        {
            var state = For(channel);
            lock (state.Gate)
            {
                Trim(state, now);
                var failures = state.Window.Count(o => o.Failed);
                var keys = channel.ApiKeys.Select((apiKey, index) =>
                {
                    state.Keys.TryGetValue(apiKey, out var key);
                    var cooling = key is not null && key.AvailableAt > now;
                    var (inFlight, cappedBy) = Limits.Usage(channel, apiKey);
                    return new KeyHealthSnapshot(index, SecretMask.Mask(apiKey), cooling, cooling ? key!.AvailableAt : null,
                        key?.ConsecutiveFailures ?? 0, key?.LastFailureAt is null ? null : key.LastFailure, key?.LastFailureAt,
                        key?.LastSuccessAt, key?.Successes ?? 0, key?.Failures ?? 0, key?.LastError, key?.Recent.Count(now) ?? 0,
                        cooling ? RestReason(key!) : null, inFlight, cappedBy);
                }).ToList();
                snapshots.Add(new ChannelHealthSnapshot(channel.Id ?? "", state.Circuit, state.Circuit == CircuitState.Closed ? null : state.OpenUntil,
                    state.Window.Count, state.Window.Count == 0 ? 0 : (double)failures / state.Window.Count, keys));
            }
        }

        return snapshots;
    }

    /// <summary>The reason of whichever rest ends last.</summary>
    private static string RestReason(KeyHealthState key) =>
        key.LimitReachedUntil >= key.CooldownUntil ? KeyRestReason.LimitReached : KeyRestReason.After(key.LastFailure);

    private void RecordChannelOutcome(ChannelHealthState state, ChannelConfig channel, DateTimeOffset now, bool failed, ref List<HealthChange>? changes)
    {
        if (state.Circuit == CircuitState.HalfOpen)
        {
            if (failed)
            {
                (changes ??= []).Add(Open(state, channel, now));
            }
            else
            {
                state.Circuit = CircuitState.Closed;
                state.TimesOpened = 0;
                state.Window.Clear();
                (changes ??= []).Add(ChannelChange(HealthChangeKind.CircuitClosed, now, channel));
            }

            return;
        }

        state.Window.Enqueue((now, failed));
        Trim(state, now);
        if (!failed || state.Circuit != CircuitState.Closed || state.Window.Count < options.MinimumSamples)
        {
            return;
        }

        var failures = state.Window.Count(o => o.Failed);
        if ((double)failures / state.Window.Count >= options.FailureRateThreshold)
        {
            (changes ??= []).Add(Open(state, channel, now));
        }
    }

    private HealthChange Open(ChannelHealthState state, ChannelConfig channel, DateTimeOffset now)
    {
        var rest = TimeSpan.FromTicks(Math.Min(options.MaxOpenDuration.Ticks, options.OpenDuration.Ticks << Math.Min(state.TimesOpened, 20)));
        state.Circuit = CircuitState.Open;
        state.OpenUntil = now + rest;
        state.TimesOpened++;
        state.Window.Clear();
        return ChannelChange(HealthChangeKind.CircuitOpened, now, channel) with { Until = state.OpenUntil };
    }

    private static HealthChange ChannelChange(HealthChangeKind kind, DateTimeOffset now, ChannelConfig channel) =>
        new(kind, now, channel.Id ?? "", channel.DisplayName);

    private static HealthChange KeyChange(HealthChangeKind kind, DateTimeOffset now, ChannelConfig channel, string apiKey)
    {
        var index = -1;
        for (var i = 0; i < channel.ApiKeys.Count; i++)
        {
            if (string.Equals(channel.ApiKeys[i], apiKey, StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        return ChannelChange(kind, now, channel) with
        {
            KeyIndex = index < 0 ? null : index,
            Key = SecretMask.Mask(apiKey),
            KeyId = KeyFingerprint.Of(apiKey),
        };
    }

    /// <summary>Redacted again here: whatever a caller passes, no key is kept in memory for the admin API.</summary>
    private static string ShortMessage(string message, string apiKey)
    {
        var redacted = SecretRedactor.Redact(message, apiKey);
        return redacted.Length <= MaxMessageLength ? redacted : string.Concat(redacted.AsSpan(0, MaxMessageLength - 1), "…");
    }

    private void Raise(List<HealthChange>? changes)
    {
        if (changes is null || Changed is not { } changed)
        {
            return;
        }

        foreach (var change in changes)
        {
            changed(change);
        }
    }

    private void Trim(ChannelHealthState state, DateTimeOffset now)
    {
        while (state.Window.Count > 0 && now - state.Window.Peek().At > options.Window)
        {
            state.Window.Dequeue();
        }
    }

    private ChannelHealthState For(ChannelConfig channel) => _channels.GetOrAdd(channel.Id ?? "", _ => new ChannelHealthState());
}
