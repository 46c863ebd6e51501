using System.Net;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Security;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>An upstream that echoes the key it was sent never gets that key to the client, whichever path its text takes.</summary>
public sealed class UpstreamSecretRedactionTests
{
    // Shaped like no provider's key, so only the knowledge of the attempt's key can catch it.
    private const string Key = "relay-credential-Zq81vX0pLm4Rt7Yw2Nb6";
    private const string Ask = """{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""";
    private const string AskStreaming = """{"model":"claude-sonnet-4-5","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Task<ChannelHarness> StartAsync(string serviceType) =>
        ChannelHarness.StartAsync(baseUrl =>
        {
            var channel = TestConfigs.Channel("echoing", serviceType, baseUrl, Key);
            if (serviceType != "claude")
            {
                channel["modelMapping"] = new JsonObject { ["sonnet"] = serviceType == "gemini" ? "gemini-2.5-flash" : "gpt-4o" };
            }

            return channel;
        }, Token);

    [Fact]
    public async Task A_claude_error_event_inside_a_200_stream_reaches_the_client_without_the_key()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Event(AnthropicFakes.MessageStartEvent())
            .Event(AnthropicFakes.TextBlockStartEvent(0))
            .Event(AnthropicFakes.ErrorEvent("authentication_error", $"key {Key} was revoked mid-stream"))));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(AskStreaming), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("was revoked mid-stream", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claude_answer_echoing_the_key_in_a_header_or_body_keeps_its_length_but_not_the_key()
    {
        await using var harness = await StartAsync("claude");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, AnthropicFakes.MessageJson($"you sent {Key}"), ("x-echo-key", Key)));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Ask), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, gateway.Logs.All);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, response.Headers.GetValues("x-echo-key").Single(), StringComparison.Ordinal);
        Assert.Contains("you sent " + new string('*', Key.Length), (string?)JsonNode.Parse(text)!["content"]![0]!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_openai_error_chunk_inside_a_200_stream_reaches_the_client_without_the_key()
    {
        await using var harness = await StartAsync("openai");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Data(OpenAIFakes.TextChunk("partial"))
            .Data($$$"""{"error":{"message":"Incorrect API key provided: {{{Key}}}","type":"invalid_request_error"}}""")));
        using var client = gateway.CreateClient();

        var result = await RawSse.PostAndCheckAsync(client, AskStreaming, Token);

        Assert.StartsWith("Incorrect API key provided: ", (string?)result.Error!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(Key, (string?)result.Error!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gemini_200_body_carrying_an_error_reaches_the_client_without_the_key()
    {
        await using var harness = await StartAsync("gemini");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Json(200, GeminiFakes.ErrorJson(400, $"API key {Key} not valid.", reason: "API_KEY_INVALID")));
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Ask), Token);
        var text = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("not valid", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gemini_error_chunk_inside_a_200_stream_reaches_the_client_without_the_key()
    {
        await using var harness = await StartAsync("gemini");
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Stream(new SseScript()
            .Data(GeminiFakes.TextChunk("partial"))
            .Data(GeminiFakes.ErrorJson(403, $"Permission denied for key {Key}", "PERMISSION_DENIED"))));
        using var client = gateway.CreateClient();

        var result = await RawSse.PostAndCheckAsync(client, AskStreaming, Token);

        Assert.Contains("Permission denied for key", (string?)result.Error!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(Key, (string?)result.Error!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("openai")]
    [InlineData("gemini")]
    public async Task An_upstream_error_body_echoing_the_key_reaches_neither_client_nor_log(string serviceType)
    {
        await using var harness = await StartAsync(serviceType);
        var (upstream, gateway) = harness;
        upstream.Enqueue(FakeReply.Text(400, $"<html>bad key {Key}</html>", "text/html"));
        var sweep = new SecretSweep(Key);
        using var client = sweep.CreateClient(gateway);

        using var response = await client.PostAsync("/v1/messages", TestGateway.Json(Ask), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bad key", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        sweep.AssertNoSecretLeaked(gateway);
    }

    [Theory]
    [InlineData("Bearer abcdefghijklmnopqrstuvwxyz0123", "Bearer abcdef…0123")]
    [InlineData("key sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA-BBBB rejected", "key sk-ant…BBBB rejected")]
    [InlineData("key AIzaSyA-1234567890abcdefghijklmnopqrstu rejected", "key AIzaSy…rstu rejected")]
    public void Text_holding_a_token_shaped_like_a_provider_key_is_masked_even_when_it_is_not_the_attempts(string text, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(text, "some-other-key-0000"));

    [Fact]
    public void A_long_echoed_prefix_of_the_key_is_masked_too() =>
        Assert.DoesNotContain(Key[..16], SecretRedactor.Redact($"key starting {Key[..16]}… is invalid", Key), StringComparison.Ordinal);

    [Fact]
    public async Task A_relayed_body_loses_a_key_split_across_reads_and_delays_no_other_byte()
    {
        var body = System.Text.Encoding.UTF8.GetBytes($"data: one\n\ndata: {Key} two\n\n re{Key[..3]}");
        await using var redacting = new SecretRedactingStream(new OneByteAtATimeStream(body), Key);
        using var output = new MemoryStream();
        var buffer = new byte[64];
        var reads = new List<string>();
        int read;
        while ((read = await redacting.ReadAsync(buffer, Token)) > 0)
        {
            output.Write(buffer, 0, read);
            reads.Add(System.Text.Encoding.UTF8.GetString(buffer, 0, read));
        }

        Assert.Equal($"data: one\n\ndata: {new string('*', Key.Length)} two\n\n re{Key[..3]}", System.Text.Encoding.UTF8.GetString(output.ToArray()));
        // Bytes that cannot begin the key come out as soon as they are read.
        Assert.Equal("data: one\n\ndata: ", string.Concat(reads.TakeWhile(r => !r.Contains('*', StringComparison.Ordinal))));
    }

    /// <summary>Hands out one byte per read: the worst case for a secret split across reads.</summary>
    private sealed class OneByteAtATimeStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
