using ClaudeProxy.Observability.Metrics;
using ClaudeProxy.Routing.Attempts;
using Xunit;

namespace ClaudeProxy.Tests.Metrics;

public sealed class ModelLabelsTests
{
    [Fact]
    public void Models_beyond_the_limit_are_folded_into_other_while_known_ones_keep_their_label()
    {
        var labels = new ModelLabels(limit: 2);

        Assert.Equal("sonnet", labels.For("sonnet"));
        Assert.Equal("haiku", labels.For("haiku"));
        Assert.Equal(ModelLabels.Other, labels.For("opus"));
        Assert.Equal("sonnet", labels.For("sonnet"));
        Assert.Equal(ModelLabels.Unknown, labels.For(null));
        Assert.Equal(ModelLabels.Other, new ModelLabels().For(new string('m', 500)));
    }

    [Fact]
    public void Status_classes_and_attempt_outcomes_are_the_documented_label_values()
    {
        Assert.Equal("2xx", MetricLabels.StatusClass(200));
        Assert.Equal("4xx", MetricLabels.StatusClass(429));
        Assert.Equal("5xx", MetricLabels.StatusClass(503));
        Assert.Equal("success", MetricLabels.Outcome(FailureKind.None));
        Assert.Equal("rate_limit", MetricLabels.Outcome(FailureKind.RateLimit));
        Assert.Equal("timeout", MetricLabels.Outcome(FailureKind.Timeout));
    }
}
