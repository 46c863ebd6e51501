using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Routing;

/// <summary>Answers "which channel and key next?" for a request.</summary>
public interface IUpstreamScheduler
{
    AttemptPlan Plan(RouteRequest request);
}
