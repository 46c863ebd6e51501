using System.Diagnostics.CodeAnalysis;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Routing;

/// <summary>
/// The simplest scheduler: the first eligible channel in <see cref="ChannelOrder"/>, its keys in
/// list order, the next key after each retryable failure.
/// </summary>
public sealed class FirstChannelScheduler(ConfigStore configStore) : IUpstreamScheduler
{
    public AttemptPlan Plan(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var eligible = ChannelOrder.Of(configStore.Current)
            .Where(c => c.ServiceType is not null && request.ServiceTypes.Contains(c.ServiceType))
            .ToList();
        return new KeysInOrderPlan(eligible);
    }

    private sealed class KeysInOrderPlan(IReadOnlyList<ChannelConfig> eligible) : AttemptPlan
    {
        private int _nextKey;

        public override int CandidateChannelCount => eligible.Count;

        public override bool TryGetNext([NotNullWhen(true)] out UpstreamAttempt? attempt)
        {
            attempt = null;
            if (eligible.Count == 0 || _nextKey >= eligible[0].ApiKeys.Count)
            {
                return false;
            }

            var channel = eligible[0];
            attempt = new UpstreamAttempt(channel, _nextKey, channel.ApiKeys[_nextKey]);
            _nextKey++;
            return true;
        }

        public override void Report(UpstreamAttempt attempt, AttemptOutcome outcome)
        {
        }
    }
}
