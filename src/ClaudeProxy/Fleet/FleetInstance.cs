using System.Security.Cryptography;
using ClaudeProxy.Configuration;

namespace ClaudeProxy.Fleet;

/// <summary>
/// This process among several: its <c>INSTANCE_ID</c> and a run id drawn at start, which tells a restarted instance
/// (same id, new run, the old run silent) from a second live one (same id, two runs beating).
/// </summary>
public sealed record FleetInstance(string Id, string Run, DateTimeOffset StartedAt)
{
    public static FleetInstance Start(GatewaySettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return new FleetInstance(settings.InstanceId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), timeProvider.GetUtcNow());
    }
}
