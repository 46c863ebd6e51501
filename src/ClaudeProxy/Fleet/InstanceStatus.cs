using ClaudeProxy.Hosting;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Fleet;

/// <summary>This instance's <see cref="InstanceBeat"/> as of now: its load is the upstream requests in flight and the requests logged since start.</summary>
public sealed class InstanceStatus(FleetInstance self, HealthRegistry health, UsageRecorder usage, TimeProvider time)
{
    public FleetInstance Self => self;

    public InstanceBeat Current() =>
        new(self.Id, self.Run, GatewayVersion.Current, BuildInfo.Current.Commit, self.StartedAt, time.GetUtcNow(),
            health.Limits.InFlight, usage.Recorded);
}
