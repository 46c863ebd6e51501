using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Observability.Usage.Bodies;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Usage;

/// <summary>
/// ENABLE_BODY_LOGS: the request log keeps the bodies of each request and answer, cut at the limit and
/// with every key masked; without the setting it keeps none.
/// </summary>
public sealed class BodyLogTests
{
    private const string Key = "bodylog-upstream-key-0123456789";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_body_logs_the_log_item_carries_no_bodies()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("plain answer"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, Key)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", "hello")), Token);
        var item = await LoggedItemAsync(gateway, client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(item["requestBody"]);
        Assert.Null(item["responseBody"]);
    }

    [Fact]
    public async Task With_body_logs_the_log_item_keeps_the_request_and_the_answer_as_the_client_got_it()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message("the stored answer"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, Key)),
            settings => settings with { EnableBodyLogs = true });
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", "the stored question")), Token);
        var answer = await response.Content.ReadAsStringAsync(Token);
        var item = await LoggedItemAsync(gateway, client);

        Assert.Equal(Body("m", "the stored question"), (string?)item["requestBody"]);
        Assert.Equal(answer, (string?)item["responseBody"]);
        Assert.Contains("the stored answer", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_answer_is_kept_as_the_events_the_client_received()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent("m", inputTokens: 3))
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Event(AnthropicFakes.TextDeltaEvent(0, "streamed words"))
            .Event(AnthropicFakes.BlockStopEvent(0))
            .Event(AnthropicFakes.MessageDeltaEvent(outputTokens: 2))
            .Event(AnthropicFakes.MessageStopEvent())));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, Key)),
            settings => settings with { EnableBodyLogs = true });
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", "stream it", stream: true)), Token);
        var received = await response.Content.ReadAsStringAsync(Token);
        var item = await LoggedItemAsync(gateway, client);

        Assert.Equal(received, (string?)item["responseBody"]);
        Assert.Contains("event: message_stop", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bodies_are_cut_at_the_limit_with_a_note_of_what_was_left_out()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        upstream.Enqueue(AnthropicFakes.Message(new string('a', 5000)));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, Key)),
            settings => settings with { EnableBodyLogs = true, BodyLogMaxBytes = 1024 });
        using var client = gateway.CreateClient();
        var request = Body("m", new string('q', 4000));

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(request), Token);
        var answer = await response.Content.ReadAsStringAsync(Token);
        var item = await LoggedItemAsync(gateway, client);

        var requestBody = (string)item["requestBody"]!;
        Assert.StartsWith(request[..1024], requestBody, StringComparison.Ordinal);
        Assert.EndsWith($"[… truncated: {request.Length - 1024} more bytes, {request.Length} in all]", requestBody, StringComparison.Ordinal);
        var responseBody = (string)item["responseBody"]!;
        Assert.StartsWith(answer[..1024], responseBody, StringComparison.Ordinal);
        Assert.Contains($"{answer.Length} in all]", responseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_in_either_body_are_masked_in_the_log_while_the_client_gets_the_answer_unchanged()
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        // A model may legitimately repeat text that looks like a key; the client gets it, the log masks it.
        upstream.Enqueue(AnthropicFakes.Message($"you sent {Key} and sk-ant-api03-abcdefghijklmnopqrstuvwxyz"));
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(upstream.BaseUrl, Key)),
            settings => settings with { EnableBodyLogs = true });
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Body("m", $"my proxy key is {gateway.AccessKey}")), Token);
        var answer = await response.Content.ReadAsStringAsync(Token);
        using var detail = await client.GetAsync($"/api/logs/{(long)(await LoggedItemAsync(gateway, client))["id"]!}", Token);
        var stored = await detail.Content.ReadAsStringAsync(Token);

        Assert.Contains("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", answer, StringComparison.Ordinal);
        Assert.Contains("responseBody", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.AccessKey, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_request_keeps_its_body_so_the_mistake_can_be_seen()
    {
        await using var gateway = await TestGateway.StartAsync(TestConfigs.Config(TestConfigs.ClaudeChannel(new Uri("http://127.0.0.1:9"), Key)),
            settings => settings with { EnableBodyLogs = true });
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json("""{"max_tokens":5,"messages":[]}"""), Token);
        var item = await LoggedItemAsync(gateway, client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"max_tokens":5,"messages":[]}""", (string?)item["requestBody"]);
    }

    [Fact]
    public void A_cut_never_splits_a_character()
    {
        var text = "ab" + "€€€";
        var utf8 = Encoding.UTF8.GetBytes(text);

        // "€" is three bytes: a cut 1 or 2 bytes into it keeps only the whole characters before it.
        Assert.StartsWith("ab€\n[… truncated: 6 more bytes", BodyLogText.From(utf8, utf8.Length, 6, []), StringComparison.Ordinal);
        Assert.StartsWith("ab€\n[… truncated: 6 more bytes", BodyLogText.From(utf8, utf8.Length, 7, []), StringComparison.Ordinal);
        Assert.StartsWith("ab€€\n[… truncated: 3 more bytes", BodyLogText.From(utf8, utf8.Length, 8, []), StringComparison.Ordinal);
        Assert.Equal(text, BodyLogText.From(utf8, utf8.Length, 64, []));
    }

    private static string Body(string model, string text, bool stream = false) =>
        $$"""{"model":"{{model}}","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{text}}"}]}""";

    private static async Task<JsonNode> LoggedItemAsync(TestGateway gateway, HttpClient client)
    {
        var id = (long)(await gateway.SingleLogItemAsync(client))["id"]!;
        using var detail = await client.GetAsync($"/api/logs/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        return JsonNode.Parse(await detail.Content.ReadAsStringAsync(Token))!;
    }
}
