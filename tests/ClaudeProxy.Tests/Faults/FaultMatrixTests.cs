using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Observability;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClaudeProxy.Tests.Faults;

/// <summary>
/// Every upstream fault against every channel type, streaming and not. A fault before the answer
/// arrived (no byte reached the client) fails over to the next key; a fault after the first event
/// ends the stream with an <c>error</c> event and is never retried. Either way the client sees the
/// Anthropic protocol, never a key, and the upstream call is closed.
/// </summary>
public sealed class FaultMatrixTests
{
    private const int SmallLimit = 1024 * 1024;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool, UpstreamFault> FailoverCases()
    {
        var data = new TheoryData<string, bool, UpstreamFault>();
        foreach (var channel in FaultChannel.All)
        {
            foreach (var stream in new[] { false, true })
            {
                foreach (var fault in Enum.GetValues<UpstreamFault>())
                {
                    var streamOnly = fault is UpstreamFault.ErrorEventInside200 or UpstreamFault.ErrorEventAfterStart;
                    var midStream = fault is UpstreamFault.HangMidStream or UpstreamFault.ResetMidStream;
                    if (!midStream && fault != UpstreamFault.DripThatNeverCompletesAnEvent && (stream || !streamOnly))
                    {
                        data.Add(channel, stream, fault);
                    }
                }
            }
        }

        return data;
    }

    public static TheoryData<string, UpstreamFault> MidStreamCases()
    {
        var data = new TheoryData<string, UpstreamFault>();
        foreach (var channel in FaultChannel.All)
        {
            data.Add(channel, UpstreamFault.HangMidStream);
            data.Add(channel, UpstreamFault.ResetMidStream);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FailoverCases))]
    public async Task A_fault_before_the_answer_arrived_fails_over_to_the_next_key(string serviceType, bool stream, UpstreamFault fault)
    {
        var channel = new FaultChannel(serviceType);
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var spare = await FakeUpstream.StartAsync(Token);
        string config;
        FakeUpstream served;
        if (fault == UpstreamFault.ConnectionRefused)
        {
            // The first channel's address has nothing listening; the next channel serves.
            var dead = new Uri($"http://127.0.0.1:{ClosedPort()}");
            spare.Enqueue(channel.Good(stream));
            config = TestConfigs.Config(channel.Channel(dead, FaultChannel.KeyOne), channel.Channel(spare.BaseUrl, FaultChannel.KeyTwo));
            served = spare;
        }
        else
        {
            upstream.Enqueue(Faulty(channel, stream, fault), channel.Good(stream));
            config = TestConfigs.Config(channel.Channel(upstream.BaseUrl, FaultChannel.KeyOne, FaultChannel.KeyTwo));
            served = upstream;
        }

        await using var gateway = await TestGateway.StartAsync(config, timeProvider: time,
            settings: s => s with { MaxSseEventBytes = SmallLimit, MaxResponseBodyBytes = SmallLimit });
        using var client = gateway.CreateClient();

        var pending = client.PostAsync("/v1/messages", TestGateway.Json(Body(stream)), Token);
        await AdvanceTimeForAsync(fault, stream, upstream, time);
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(60), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(FaultChannel.GoodText, text, StringComparison.Ordinal);
        Assert.Equal("2", response.Headers.GetValues("x-claude-proxy-attempts").Single());
        Assert.Equal(stream ? "text/event-stream" : "application/json", response.Content.Headers.ContentType?.MediaType);
        if (stream)
        {
            Assert.DoesNotContain("event: error", text, StringComparison.Ordinal);
            Assert.Contains("event: message_stop", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(FaultChannel.KeyOne, text, StringComparison.Ordinal);
        Assert.Equal(FaultChannel.KeyTwo, KeyOf(serviceType, served.Requests[^1]));

        // The successful attempt is recorded once its answer is written, which the client may see first:
        // the request's log entry comes after every record.
        await gateway.UsageFlushedAsync(1);
        var attempts = gateway.App.Services.GetRequiredService<RecentAttempts>().Snapshot();
        Assert.Equal(2, attempts.Count);
        Assert.NotEqual(FailureKind.None, attempts[0].Failure);
        Assert.True(attempts[0].Failure.IsRetryable(), $"{attempts[0].Failure} should let the next key try");
        Assert.Equal(FailureKind.None, attempts[1].Failure);
        if (fault is UpstreamFault.HangBeforeHeaders or UpstreamFault.EndlessEvent)
        {
            // A call given up half-way is closed, not left dangling.
            await upstream.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
        }

        if (fault != UpstreamFault.ConnectionRefused)
        {
            Assert.Equal(2, upstream.Requests.Count);
        }
    }

    [Theory]
    [MemberData(nameof(MidStreamCases))]
    public async Task A_fault_after_the_first_event_ends_the_stream_with_an_error_event_and_is_not_retried(string serviceType, UpstreamFault fault)
    {
        var channel = new FaultChannel(serviceType);
        var time = new FakeTimeProvider();
        await using var upstream = await FakeUpstream.StartAsync(Token);
        // The fault waits until the client has the first event, so it surely comes after the commit.
        var firstEventSeen = new TaskCompletionSource();
        var script = channel.FirstEvent().WaitFor(firstEventSeen.Task);
        upstream.Enqueue(FakeReply.Stream(fault == UpstreamFault.HangMidStream ? script.Hang() : script.Reset()), channel.Good(stream: true));
        await using var gateway = await TestGateway.StartAsync(
            TestConfigs.Config(channel.Channel(upstream.BaseUrl, FaultChannel.KeyOne, FaultChannel.KeyTwo)), timeProvider: time);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Body(stream: true)) };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        using var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        firstEventSeen.SetResult();

        if (fault == UpstreamFault.HangMidStream)
        {
            time.Advance(TimeSpan.FromSeconds(120));
        }

        var rest = await reader.ReadToEndAsync(Token);
        var error = rest[^1];
        Assert.Equal("error", error.Event);
        var errorType = (string?)JsonNode.Parse(error.Data)!["error"]!["type"];
        Assert.Equal(fault == UpstreamFault.HangMidStream ? "timeout_error" : "api_error", errorType);
        Assert.DoesNotContain(rest, e => e.Event == "message_stop");
        if (fault == UpstreamFault.HangMidStream)
        {
            // The silent upstream call is closed by the gateway, not left open.
            await upstream.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
        }

        Assert.Single(upstream.Requests);
        Assert.Equal(1, upstream.PendingReplyCount);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("openai")]
    [InlineData("gemini")]
    public async Task A_client_that_goes_away_mid_stream_cancels_the_upstream_call(string serviceType)
    {
        var channel = new FaultChannel(serviceType);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(channel.FirstEvent().Hang()));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel.Channel(upstream.BaseUrl, FaultChannel.KeyOne)));
        var client = gateway.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = TestGateway.Json(Body(stream: true)) };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Token);
        var reader = new SseTestReader(await response.Content.ReadAsStreamAsync(Token));
        Assert.Equal("message_start", (await reader.NextAsync(Token))!.Event);
        Assert.False(upstream.Requests[0].WasAborted);

        reader.Dispose();
        response.Dispose();
        request.Dispose();
        client.Dispose();

        await upstream.Requests[0].Aborted.WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Single(upstream.Requests);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("openai")]
    [InlineData("gemini")]
    public async Task An_error_event_inside_a_200_stream_on_every_key_reaches_the_client_as_an_envelope_without_the_key(string serviceType)
    {
        var channel = new FaultChannel(serviceType);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(channel.ErrorEventCarrying(FaultChannel.KeyOne)), FakeReply.Stream(channel.ErrorEventCarrying(FaultChannel.KeyTwo)));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel.Channel(upstream.BaseUrl, FaultChannel.KeyOne, FaultChannel.KeyTwo)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body(stream: true)), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.True((int)response.StatusCode >= 500, $"status {(int)response.StatusCode}");
        var envelope = JsonNode.Parse(text)!;
        Assert.Equal("error", (string?)envelope["type"]);
        Assert.Contains("error event", (string?)envelope["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(FaultChannel.KeyOne, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FaultChannel.KeyTwo, text, StringComparison.Ordinal);
        Assert.Equal(2, upstream.Requests.Count);
        Assert.Equal("2", response.Headers.GetValues("x-claude-proxy-attempts").Single());
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("openai")]
    [InlineData("gemini")]
    public async Task A_stream_with_a_stop_reason_and_no_content_is_an_answer_and_is_not_retried(string serviceType)
    {
        var channel = new FaultChannel(serviceType);
        await using var upstream = await FakeUpstream.StartAsync(Token);
        var stopped = serviceType switch
        {
            "claude" => channel.Preliminaries().Event(AnthropicFakes.MessageDeltaEvent("end_turn", 0)).Event(AnthropicFakes.MessageStopEvent()),
            "openai" => channel.Preliminaries().Data(OpenAIFakes.FinishChunk("stop")).Done(),
            _ => channel.Preliminaries().Data(GeminiFakes.Chunk([], finishReason: "STOP", promptTokens: 12)),
        };
        upstream.Enqueue(FakeReply.Stream(stopped), channel.Good(stream: true));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(channel.Channel(upstream.BaseUrl, FaultChannel.KeyOne, FaultChannel.KeyTwo)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body(stream: true)), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"stop_reason\":\"end_turn\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FaultChannel.GoodText, text, StringComparison.Ordinal);
        Assert.Single(upstream.Requests);
    }

    private static string Body(bool stream) =>
        $$"""{"model":"m","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

    private static FakeReply Faulty(FaultChannel channel, bool stream, UpstreamFault fault)
    {
        var contentType = stream ? "text/event-stream" : "application/json";
        return fault switch
        {
            UpstreamFault.HangBeforeHeaders => FakeReply.Hang(),
            UpstreamFault.ResetBeforeHeaders => FakeReply.Reset(),
            UpstreamFault.ServerErrorWithHtmlBody => FakeReply.Text(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
            UpstreamFault.RateLimitedWithRetryAfter => FakeReply.Bytes(429, "application/json",
                Encoding.UTF8.GetBytes("""{"error":{"type":"rate_limit_error","message":"slow down"}}"""), ("retry-after", "7")),
            UpstreamFault.TruncatedBody => stream
                ? FakeReply.Stream(new SseScript().Raw("event: message_start\ndata: {\"type\":\"mess"))
                : FakeReply.Bytes(200, contentType, Encoding.UTF8.GetBytes("""{"id":"msg_1","type":"mess""")),
            UpstreamFault.InvalidBody => stream
                ? FakeReply.Stream(new SseScript().Raw("this is not an event stream at all\n"))
                : FakeReply.Bytes(200, "text/html", Encoding.UTF8.GetBytes("<html>maintenance</html>")),
            UpstreamFault.BreaksRightAfterHeaders => FakeReply.Stream(new SseScript().Reset(), contentType: contentType),
            UpstreamFault.GzipBomb => FakeReply.Bytes(200, contentType, Gzip(stream ? "data: " : "[", 4 * SmallLimit), ("content-encoding", "gzip")),
            UpstreamFault.EndlessEvent => FakeReply.Stream(new SseScript()
                .Raw(stream ? "data: " : "[")
                .Raw(Encoding.ASCII.GetBytes(new string('1', SmallLimit)))
                .Raw(Encoding.ASCII.GetBytes(new string('1', SmallLimit)))
                .Hang(), contentType: contentType),
            UpstreamFault.ErrorEventInside200 => FakeReply.Stream(channel.ErrorEventCarrying(FaultChannel.KeyOne)),
            UpstreamFault.EmptySuccess => channel.EmptyAnswer(stream),
            UpstreamFault.ErrorEventAfterStart => FakeReply.Stream(channel.Preliminaries().Then(channel.ErrorEventCarrying(FaultChannel.KeyOne))),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "not a fault before the answer"),
        };
    }

    /// <summary>Moves the gateway's clock past the deadline the fault runs into; faults that fail on their own need no time.</summary>
    private static async Task AdvanceTimeForAsync(UpstreamFault fault, bool stream, FakeUpstream upstream, FakeTimeProvider time)
    {
        if (fault == UpstreamFault.HangBeforeHeaders)
        {
            await upstream.WaitForRequestAsync(1, Token);
            time.Advance(stream ? TimeSpan.FromSeconds(60) : TimeSpan.FromMinutes(5));
        }
    }

    private static byte[] Gzip(string prefix, int size)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.ASCII.GetBytes(prefix));
            var zeros = new byte[64 * 1024];
            Array.Fill(zeros, (byte)'0');
            for (var written = 0; written < size; written += zeros.Length)
            {
                gzip.Write(zeros);
            }
        }

        return output.ToArray();
    }

    private static string? KeyOf(string serviceType, RecordedRequest request) => serviceType switch
    {
        "claude" => request.Headers.GetValueOrDefault("x-api-key") ?? request.Headers.GetValueOrDefault("authorization")?.Replace("Bearer ", "", StringComparison.Ordinal),
        "openai" => request.Headers.GetValueOrDefault("authorization")?.Replace("Bearer ", "", StringComparison.Ordinal),
        _ => request.Headers.GetValueOrDefault("x-goog-api-key"),
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
