using System.Diagnostics.CodeAnalysis;
using ClaudeProxy.Routing.Attempts;
using Xunit;

namespace ClaudeProxy.Tests.Routing;

/// <summary>Steps a plan synchronously: without a count shared with other instances, a plan answers at once.</summary>
internal static class AttemptPlanSteps
{
    public static bool TryGetNext(this AttemptPlan plan, [NotNullWhen(true)] out UpstreamAttempt? attempt)
    {
        var next = plan.NextAsync().AsTask();
        if (!next.IsCompletedSuccessfully)
        {
            Assert.Fail("a plan without a shared count answers at once");
        }

        attempt = next.Result;
        return attempt is not null;
    }
}
