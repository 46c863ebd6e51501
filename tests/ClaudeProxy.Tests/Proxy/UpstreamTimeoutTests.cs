using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Proxy;

/// <summary>
/// Deadlines of upstream calls, driven by a fake clock: a non-stream call has one total deadline;
/// a stream has a deadline for its headers, then an idle deadline between reads.
/// </summary>
public sealed class UpstreamTimeoutTests
{
    private const string NonStreamBody = """{"model":"m","max_tokens":1,"messages":[]}""";
    private const string StreamBody = """{"model":"m","max_tokens":1,"stream":true,"messages":[]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Non_stream_call_past_the_request_timeout_moves_to_the_next_key()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Hang(), AnthropicFakes.Message("second key in time"));
        await using var gateway = await TestGateway.StartAsync(
            TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one", "sk-ant-api03-two")), timeProvider: time);
        using var client = gateway.CreateClient();

        var pending = client.PostAsync("/v1/messages", TestGateway.Json(NonStreamBody), Token);
        await upstream.WaitForRequestAsync(1, Token);
        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.False(pending.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, upstream.Requests.Count);
        await upstream.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
    }

    [Fact]
    public async Task Non_stream_call_that_times_out_on_every_key_is_504_timeout_error()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Hang());
        await using var gateway = await TestGateway.StartAsync(
            TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one")),
            settings: s => s with { RequestTimeout = TimeSpan.FromSeconds(30) }, timeProvider: time);
        using var client = gateway.CreateClient();

        var pending = client.PostAsync("/v1/messages", TestGateway.Json(NonStreamBody), Token);
        await upstream.WaitForRequestAsync(1, Token);
        time.Advance(TimeSpan.FromSeconds(30));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal("timeout_error", (string?)body["error"]!["type"]);
        Assert.Contains("30 s", (string?)body["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_whose_headers_do_not_come_in_time_moves_to_the_next_key()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Hang(), FakeReply.Stream(AnthropicFakes.TextStream("m", "late but fine")));
        await using var gateway = await TestGateway.StartAsync(
            TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one", "sk-ant-api03-two")), timeProvider: time);
        using var client = gateway.CreateClient();

        var pending = client.PostAsync("/v1/messages", TestGateway.Json(StreamBody), Token);
        await upstream.WaitForRequestAsync(1, Token);
        time.Advance(TimeSpan.FromSeconds(60));
        using var response = await pending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        var events = await reader.ReadToEndAsync(Token);
        Assert.Equal("message_stop", events[^1].Event);
        Assert.Equal(2, upstream.Requests.Count);
    }

    [Fact]
    public async Task Stream_that_goes_silent_ends_with_a_timeout_error_event_and_cancels_the_upstream()
    {
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("m"))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Hang()));
        await using var gateway = await TestGateway.StartAsync(
            TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, "sk-ant-api03-one")), timeProvider: time);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(StreamBody) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.Equal("content_block_start", (await reader.NextAsync(Token))!.Event);

        // A long wait for headers is not idleness: the idle deadline counts from the last read.
        time.Advance(TimeSpan.FromSeconds(119));
        time.Advance(TimeSpan.FromSeconds(1));

        var rest = await reader.ReadToEndAsync(Token);
        var error = Assert.Single(rest);
        Assert.Equal("error", error.Event);
        Assert.Equal("timeout_error", (string?)JsonNode.Parse(error.Data)!["error"]!["type"]);
        await upstream.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
    }
}
