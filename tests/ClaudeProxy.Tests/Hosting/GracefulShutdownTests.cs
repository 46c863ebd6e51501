using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Hosting;

/// <summary>
/// What clients see while the gateway stops: <c>/health</c> says draining, requests in flight get the
/// drain period (SHUTDOWN_TIMEOUT) to finish, and what is still open then ends with <c>overloaded_error</c>.
/// The drain period runs on a fake clock; <c>StopApplication</c> begins a shutdown the way SIGTERM does.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const string StreamBody = """{"model":"m","max_tokens":1,"stream":true,"messages":[]}""";
    private const string NonStreamBody = """{"model":"m","max_tokens":1,"messages":[]}""";
    private static readonly TimeSpan DrainPeriod = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_answers_503_draining_once_a_shutdown_begins()
    {
        await using var gateway = await TestGateway.StartAsync(timeProvider: new FakeTimeProvider());
        using var client = gateway.CreateClient(authenticated: false);
        using (var before = await client.GetAsync("/health", Token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Equal("healthy", (string?)JsonNode.Parse(await before.Content.ReadAsStringAsync(Token))!["status"]);
        }

        gateway.App.Lifetime.StopApplication();

        using var during = await client.GetAsync("/health", Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("draining", (string?)JsonNode.Parse(await during.Content.ReadAsStringAsync(Token))!["status"]);
    }

    [Fact]
    public async Task Stream_still_open_when_the_drain_period_ends_gets_an_overloaded_error_event_instead_of_a_cut()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript().Event(AnthropicFakes.MessageStartEvent("m"))
            .Event(AnthropicFakes.TextBlockStartEvent(0)).Hang()));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one"), time);
        using var client = gateway.CreateClient();
        using var response = await client.SendAsync(StreamRequest(), HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);

        gateway.App.Lifetime.StopApplication();
        using var probe = gateway.CreateClient(authenticated: false);
        using (var health = await probe.GetAsync("/health", Token))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        var stopping = Stop(gateway);
        time.Advance(DrainPeriod);

        var error = Assert.Single(await reader.ReadToEndAsync(Token));
        AssertShutdownError(error);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await upstream.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    [Fact]
    public async Task Stream_that_finishes_within_the_drain_period_ends_normally()
    {
        var time = new FakeTimeProvider();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("m"))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .WaitFor(gate.Task)
            .Event(AnthropicFakes.MessageDeltaEvent())
            .Event(AnthropicFakes.MessageStopEvent())));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one"), time);
        using var client = gateway.CreateClient();
        using var response = await client.SendAsync(StreamRequest(), HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);

        var stopping = Stop(gateway);
        time.Advance(DrainPeriod - TimeSpan.FromSeconds(1));
        gate.SetResult();

        var rest = await reader.ReadToEndAsync(Token);
        Assert.Equal(["message_delta", "message_stop"], rest.Select(e => e.Event));
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    [Fact]
    public async Task Translated_stream_still_open_when_the_drain_period_ends_gets_an_overloaded_error_event()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript().Data(OpenAIFakes.RoleChunk("gpt-5")).Data(OpenAIFakes.TextChunk("half", "gpt-5")).Hang()));
        await using var gateway = await StartAsync(TestConfigs.Channel("relay", "openai", upstream.BaseUrl, "sk-openai-key-1"), time);
        using var client = gateway.CreateClient();
        using var response = await client.SendAsync(StreamRequest(), HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);

        var stopping = Stop(gateway);
        time.Advance(DrainPeriod);

        var rest = await reader.ReadToEndAsync(Token);
        AssertShutdownError(rest[^1]);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    [Fact]
    public async Task Non_stream_request_still_waiting_when_the_drain_period_ends_is_529_overloaded_error()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Hang());
        upstream.SetDefault(AnthropicFakes.Message("no second attempt may start"));
        await using var gateway = await StartAsync(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one", "sk-ant-api03-two"), time);
        using var client = gateway.CreateClient();
        var pending = client.PostAsync("/v1/messages", TestGateway.Json(NonStreamBody), Token);
        await upstream.WaitForRequestAsync(1, Token);

        var stopping = Stop(gateway);
        time.Advance(DrainPeriod);
        using var response = await pending;

        Assert.Equal(529, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!["error"]!;
        Assert.Equal("overloaded_error", (string?)error["type"]);
        Assert.Equal("gateway shutting down", (string?)error["message"]);
        Assert.Single(upstream.Requests);
        await stopping.WaitAsync(TimeSpan.FromSeconds(30), Token);
    }

    private static Task<TestGateway> StartAsync(JsonObject channel, TimeProvider time) =>
        TestGateway.StartAsync(TestConfigs.Config(channel), settings: s => s with { ShutdownTimeout = DrainPeriod }, timeProvider: time);

    /// <summary>Begins the shutdown (as SIGTERM does) before the host stops the server, so the drain period has started when this returns.</summary>
    private static Task Stop(TestGateway gateway)
    {
        gateway.App.Lifetime.StopApplication();
        return gateway.App.StopAsync(Token);
    }

    private static HttpRequestMessage StreamRequest() => new(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(StreamBody) };

    private static void AssertShutdownError(SseTestReader.SseEvent sseEvent)
    {
        Assert.Equal("error", sseEvent.Event);
        var error = JsonNode.Parse(sseEvent.Data)!["error"]!;
        Assert.Equal("overloaded_error", (string?)error["type"]);
        Assert.Equal("gateway shutting down", (string?)error["message"]);
    }
}
