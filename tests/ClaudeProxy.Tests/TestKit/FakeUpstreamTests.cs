using System.Net;
using System.Text;
using ClaudeProxy.FakeUpstreams;
using Xunit;

namespace ClaudeProxy.Tests.TestKit;

public sealed class FakeUpstreamTests
{
    // Guards against a hang if the fake ever buffers or never answers; nothing waits on it on purpose.
    private const int TestTimeoutMs = 30_000;

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Records_method_path_query_headers_and_body()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        fake.Enqueue(FakeReply.Status(204));
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };
        using var message = new HttpRequestMessage(HttpMethod.Post, "/v1/messages?beta=true&x=%20y")
        {
            Content = new StringContent("""{"model":"claude-x","text":"héllo"}""", Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("x-api-key", "sk-test");
        message.Headers.Add("anthropic-beta", ["a-1", "b-2"]);

        using var response = await client.SendAsync(message, ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var request = Assert.Single(fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal("?beta=true&x=%20y", request.QueryString);
        Assert.Equal("sk-test", request.Headers["X-Api-Key"]);
        Assert.Equal("a-1, b-2", request.Headers["anthropic-beta"]);
        Assert.Equal("""{"model":"claude-x","text":"héllo"}""", request.BodyText);
        Assert.Equal("claude-x", request.Json().GetProperty("model").GetString());
        Assert.False(request.WasAborted);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Replies_are_taken_in_order_then_the_default_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        fake.Enqueue(FakeReply.Text(201, "first"), FakeReply.Text(202, "second"));
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };

        using var first = await client.GetAsync("/a", ct);
        using var second = await client.GetAsync("/b", ct);
        using var unscripted = await client.GetAsync("/c", ct);
        fake.SetDefault(FakeReply.Status(418));
        using var replacedDefault = await client.GetAsync("/d", ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("first", await first.Content.ReadAsStringAsync(ct));
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, unscripted.StatusCode);
        Assert.Equal("""{"error":"no scripted reply"}""", await unscripted.Content.ReadAsStringAsync(ct));
        Assert.Equal((HttpStatusCode)418, replacedDefault.StatusCode);
        Assert.Equal(["/a", "/b", "/c", "/d"], fake.Requests.Select(r => r.Path));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Json_reply_carries_status_headers_and_body()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        fake.Enqueue(FakeReply.Json(429, """{"type":"error"}""", ("retry-after", "7"), ("x-extra", "a"), ("x-extra", "b")));
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };

        using var response = await client.GetAsync("/v1/models", ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["7"], response.Headers.GetValues("retry-after"));
        Assert.Equal(["a", "b"], response.Headers.GetValues("x-extra"));
        Assert.Equal("""{"type":"error"}""", await response.Content.ReadAsStringAsync(ct));
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Dynamic_reply_sees_the_request()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        fake.SetDefault(FakeReply.Dynamic(request =>
            AnthropicFakes.Message("hi", model: request.Json().GetProperty("model").GetString()!)));
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };

        using var response = await client.PostAsync(
            "/v1/messages", new StringContent("""{"model":"claude-echo"}"""), ct);

        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"model\":\"claude-echo\"", body, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Stream_reaches_the_client_event_by_event_while_the_gate_holds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fake.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent())
            .WaitFor(gate.Task)
            .Event(AnthropicFakes.MessageStopEvent())));
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };

        using var response = await client.GetAsync("/v1/messages", HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));

        // The second event is held by the gate, so this read can only succeed if the first was flushed.
        Assert.Equal("event: message_start", await reader.ReadLineAsync(ct));
        Assert.StartsWith("data: {\"type\":\"message_start\"", await reader.ReadLineAsync(ct), StringComparison.Ordinal);
        Assert.Equal("", await reader.ReadLineAsync(ct));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        gate.SetResult();
        var rest = await reader.ReadToEndAsync(ct);

        Assert.Equal("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", rest);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Reset_makes_the_client_fail()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        fake.Enqueue(FakeReply.Reset());
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/v1/messages", ct));
        Assert.Single(fake.Requests);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Hang_ends_when_the_client_cancels()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        fake.Enqueue(FakeReply.Hang());
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var send = client.GetAsync("/v1/messages", cancel.Token);
        var request = await fake.WaitForRequestAsync(1, ct);
        Assert.False(request.WasAborted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        await request.Aborted.WaitAsync(ct);
        Assert.True(request.WasAborted);
    }

    [Fact(Timeout = TestTimeoutMs)]
    public async Task Format_helpers_produce_the_documented_shapes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var fake = await FakeUpstream.StartAsync(ct);
        fake.Enqueue(
            FakeReply.Stream(AnthropicFakes.TextStream("claude-x", "Hel", "lo")),
            FakeReply.Stream(OpenAIFakes.ChunkStream("gpt-x", "Hi")),
            FakeReply.Stream(GeminiFakes.StreamChunks("a", "b")),
            GeminiFakes.Error(400, "bad key", reason: "API_KEY_INVALID"));
        using var client = new HttpClient { BaseAddress = fake.BaseUrl };

        var anthropic = await client.GetStringAsync("/anthropic", ct);
        var openAI = await client.GetStringAsync("/openai", ct);
        var gemini = await client.GetStringAsync("/gemini", ct);
        using var geminiError = await client.GetAsync("/gemini-error", ct);

        Assert.Equal(
            ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop"],
            anthropic.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]));
        Assert.Contains("\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}", anthropic, StringComparison.Ordinal);
        Assert.EndsWith("\"choices\":[],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}\n\ndata: [DONE]\n\n", openAI, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", gemini, StringComparison.Ordinal);
        Assert.Contains("\"finishReason\":\"STOP\"", gemini.Split("\n\n")[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, geminiError.StatusCode);
        Assert.Contains("\"reason\":\"API_KEY_INVALID\"", await geminiError.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
