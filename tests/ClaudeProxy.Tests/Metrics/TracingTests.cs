using System.Diagnostics;
using System.Threading.Channels;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Observability.Tracing;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Metrics;

/// <summary>
/// With something listening to the gateway's activity source (as the OTLP exporter does), each proxied
/// request is one span and each upstream attempt one child of it.
/// </summary>
public sealed class TracingTests
{
    private const string KeyOne = "tracing-key-one-0123456789";
    private const string KeyTwo = "tracing-key-two-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_is_one_span_with_one_child_per_attempt()
    {
        using var spans = new SpanCollector();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("only"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne)));
        using var client = gateway.CreateClient();

        var requestId = await PostAsync(client);
        var (request, children) = await spans.RequestAsync(requestId);

        Assert.Equal(GatewayTracing.RequestSpanName, request.OperationName);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Equal("anthropic", request.GetTagItem("claude_proxy.channel"));
        Assert.Equal("m", request.GetTagItem("gen_ai.request.model"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        var attempt = Assert.Single(children);
        Assert.Equal(GatewayTracing.AttemptSpanName, attempt.OperationName);
        Assert.Equal(request.TraceId, attempt.TraceId);
        Assert.Equal("success", attempt.GetTagItem("claude_proxy.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, attempt.Status);
    }

    [Fact]
    public async Task A_failover_gives_the_request_span_two_attempt_children_in_order()
    {
        using var spans = new SpanCollector();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Error(529, "overloaded_error", "busy"), AnthropicFakes.Message("second"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne, KeyTwo)));
        using var client = gateway.CreateClient();

        var requestId = await PostAsync(client);
        var (request, children) = await spans.RequestAsync(requestId);

        Assert.Equal(2, request.GetTagItem("claude_proxy.attempts"));
        Assert.Collection(children.OrderBy(c => (int)c.GetTagItem("claude_proxy.attempt")!),
            first =>
            {
                Assert.Equal("transient", first.GetTagItem("claude_proxy.outcome"));
                Assert.Equal(529, first.GetTagItem("http.response.status_code"));
                Assert.Equal(ActivityStatusCode.Error, first.Status);
            },
            second => Assert.Equal("success", second.GetTagItem("claude_proxy.outcome")));
        // Within the request span (the two clocks may differ by a hair).
        var slack = TimeSpan.FromMilliseconds(5);
        Assert.All(children, c => Assert.True(c.StartTimeUtc >= request.StartTimeUtc - slack && c.StartTimeUtc + c.Duration <= request.StartTimeUtc + request.Duration + slack));
    }

    [Fact]
    public async Task A_gemini_door_request_is_a_span_under_its_own_path_with_its_attempt()
    {
        using var spans = new SpanCollector();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("only"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, KeyOne)));
        using var client = gateway.CreateClient(authenticated: false);
        client.DefaultRequestHeaders.Add("x-goog-api-key", gateway.AccessKey);

        using var response = await client.PostAsync("/v1beta/models/m:generateContent",
            TestGateway.Json("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}"""), Token);
        await response.Content.ReadAsStringAsync(Token);
        var (request, children) = await spans.RequestAsync(response.Headers.GetValues("request-id").Single());

        Assert.Equal("/v1beta/models/m:generateContent", request.GetTagItem("url.path"));
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        Assert.Equal("success", Assert.Single(children).GetTagItem("claude_proxy.outcome"));
    }

    private static async Task<string> PostAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(MetricsTrafficTests.Body("m", stream: false)), Token);
        await response.Content.ReadAsStringAsync(Token);
        return response.Headers.GetValues("request-id").Single();
    }

    /// <summary>Listens to the gateway's source; other tests' gateways run alongside, so spans are picked by request id.</summary>
    private sealed class SpanCollector : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly Channel<Activity> _requests = Channel.CreateUnbounded<Activity>();
        private readonly System.Collections.Concurrent.ConcurrentQueue<Activity> _attempts = new();

        public SpanCollector()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == GatewayTracing.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.OperationName == GatewayTracing.RequestSpanName)
                    {
                        _requests.Writer.TryWrite(activity);
                    }
                    else
                    {
                        _attempts.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        /// <summary>The request span the client's request id names, once it ended (its attempts end before it), and its children.</summary>
        public async Task<(Activity Request, List<Activity> Children)> RequestAsync(string requestId)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            while (true)
            {
                var request = await _requests.Reader.ReadAsync(timeout.Token);
                if ((string?)request.GetTagItem("claude_proxy.request_id") == requestId)
                {
                    return (request, [.. _attempts.Where(a => a.ParentSpanId == request.SpanId)]);
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
