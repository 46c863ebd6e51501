using System.Text.Json.Nodes;
using ClaudeProxy.Cli;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Security;

/// <summary>
/// A broad run of proxy, admin and CLI operations against upstreams that echo their keys back
/// wherever they can: no upstream key may show up in any answer, header, CLI output, banner or log line.
/// </summary>
public sealed class SecretSweepTests
{
    private const string ClaudeKeyOne = "sk-ant-api03-sweep-claude-one-000000000001";
    private const string ClaudeKeyTwo = "claude-relay-credential-sweep-00000002";
    private const string OpenAIKey = "relay-credential-sweep-openai-0000003";
    private const string GeminiKey = "gemini-credential-sweep-key-00000000004";
    private const string DeadKey = "dead-channel-credential-sweep-000005";
    private const string HistoricalKey = "historical-credential-sweep-0000000006";
    private const string ResponsesKey = "responses-credential-sweep-0000000007";

    private static readonly string[] Keys = [ClaudeKeyOne, ClaudeKeyTwo, OpenAIKey, GeminiKey, DeadKey, HistoricalKey, ResponsesKey];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Ask(string model, bool stream = false) =>
        $$"""{"model":"{{model}}","max_tokens":16,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""";

    /// <summary>Answers with <paramref name="reply"/>, given the key the request carried (as a real upstream echoing it would).</summary>
    private static FakeReply Echo(string header, Func<string, FakeReply> reply) =>
        FakeReply.Dynamic(request => reply(request.Headers.TryGetValue(header, out var key) ? key.Replace("Bearer ", "", StringComparison.Ordinal) : "?"));

    private static JsonObject Channel(string id, string type, Uri baseUrl, string models, params string[] keys)
    {
        var channel = TestConfigs.Channel(id, type, baseUrl, keys);
        channel["id"] = id;
        channel["models"] = new JsonArray(models);
        return channel;
    }

    [Fact]
    public async Task No_upstream_key_reaches_an_answer_a_header_the_cli_or_the_log()
    {
        await using var claude = await FakeUpstream.StartAsync(Token);
        await using var openai = await FakeUpstream.StartAsync(Token);
        await using var gemini = await FakeUpstream.StartAsync(Token);
        var claudeChannel = Channel("ch_claude", "claude", claude.BaseUrl, "claude-*", ClaudeKeyOne, ClaudeKeyTwo);
        claudeChannel["historicalApiKeys"] = new JsonArray(HistoricalKey);
        var config = JsonNode.Parse(TestConfigs.Config(
            claudeChannel,
            Channel("ch_openai", "openai", openai.BaseUrl, "gpt-*", OpenAIKey),
            Channel("ch_gemini", "gemini", gemini.BaseUrl, "gemini-*", GeminiKey),
            Channel("ch_dead", "claude", new Uri("http://127.0.0.1:9"), "dead-*", DeadKey)))!;
        config["responsesUpstream"] = new JsonArray(new JsonObject { ["name"] = "r", ["serviceType"] = "responses", ["baseUrl"] = "https://r.example", ["apiKeys"] = new JsonArray(ResponsesKey) });
        await using var gateway = await TestGateway.StartAsync(config.ToJsonString());
        var sweep = new SecretSweep(Keys);
        using var client = sweep.CreateClient(gateway);

        // Claude: an error envelope naming the key (the next key is tried), HTML naming it, a 200 stream whose error event and headers name it.
        claude.Enqueue(
            Echo("x-api-key", key => AnthropicFakes.Error(401, "authentication_error", $"invalid x-api-key {key}")),
            Echo("x-api-key", key => FakeReply.Text(400, $"<html>key {key} refused</html>", "text/html")),
            Echo("x-api-key", key => FakeReply.Stream(new SseScript()
                .Event(AnthropicFakes.MessageStartEvent())
            .Event(AnthropicFakes.TextBlockStartEvent(0))
                .Event(AnthropicFakes.ErrorEvent("api_error", $"key {key} broke")), headers: ("x-debug-key", key))));
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("claude-sonnet-4-5")), Token);
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("claude-sonnet-4-5", stream: true)), Token);

        // OpenAI: an error body naming the key, then a stream whose error chunk names it.
        openai.Enqueue(
            Echo("authorization", key => FakeReply.Json(401, $$$"""{"error":{"message":"Incorrect API key provided: {{{key}}}","type":"invalid_request_error"}}""")),
            Echo("authorization", key => FakeReply.Stream(new SseScript()
                .Data(OpenAIFakes.TextChunk("partial"))
                .Data($$$"""{"error":{"message":"key {{{key}}} revoked","type":"server_error"}}"""))));
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("gpt-4o")), Token);
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("gpt-4o", stream: true)), Token);

        // Gemini: an error body, a 200 body carrying an error, and an error chunk mid-stream, each naming the key.
        gemini.Enqueue(
            Echo("x-goog-api-key", key => GeminiFakes.Error(400, $"API key {key} not valid.", reason: "API_KEY_INVALID")),
            Echo("x-goog-api-key", key => FakeReply.Json(200, GeminiFakes.ErrorJson(403, $"key {key} has no access", "PERMISSION_DENIED"))),
            Echo("x-goog-api-key", key => FakeReply.Stream(new SseScript()
                .Data(GeminiFakes.TextChunk("partial"))
                .Data(GeminiFakes.ErrorJson(503, $"key {key} overloaded", "UNAVAILABLE")))));
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("gemini-2.5-flash")), Token);
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("gemini-2.5-flash")), Token);
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("gemini-2.5-flash", stream: true)), Token);

        // A channel nobody answers, and every admin view and export.
        await client.PostAsync("/v1/messages", TestGateway.Json(Ask("dead-model")), Token);
        claude.SetDefault(Echo("x-api-key", key => AnthropicFakes.Error(401, "authentication_error", $"invalid x-api-key {key}")));
        openai.SetDefault(Echo("authorization", key => FakeReply.Json(401, $$$"""{"error":{"message":"bad key {{{key}}}"}}""")));
        gemini.SetDefault(Echo("x-goog-api-key", key => GeminiFakes.Error(400, $"API key {key} not valid.")));
        foreach (var path in new[] { "/api/channels", "/api/channels/ch_claude", "/api/channels/1", "/api/config/export", "/api/ping", "/api/ping/ch_dead", "/api/attempts" })
        {
            await client.GetAsync(path, Token);
        }

        var exported = await client.GetStringAsync("/api/config/export", Token);
        await client.PostAsync("/api/config/import", TestGateway.Json(exported), Token);
        await client.PutAsync("/api/channels/ch_openai", TestGateway.Json("""{"description":"swept"}"""), Token);
        await client.PostAsync("/api/channels/ch_gemini/keys", TestGateway.Json("""{"apiKey":"gemini-credential-sweep-added-000008"}"""), Token);
        await client.DeleteAsync("/api/channels/ch_gemini/keys/gemini-credential-sweep-added-000008", Token);
        await client.PostAsync("/api/config/reload", null, Token);

        // The CLI's views of the same file.
        foreach (var command in new[] { "channels list", "channels list --json", "channels show ch_claude", "channels show ch_claude --json", "keys list ch_claude", "keys list ch_claude --json", "config export", "config validate --json" })
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            await GatewayCli.RunAsync([.. command.Split(' '), "--config", gateway.ConfigPath], new CliConsole(new StringReader(""), output, error, _ => null), Token);
            sweep.Record($"cli {command}", output + "\n" + error);
        }

        Assert.True(sweep.RecordedCount >= 29, $"only {sweep.RecordedCount} outputs were swept");
        Assert.Equal(3, claude.Requests.Count(r => r.Path == "/v1/messages"));
        Assert.Contains(gateway.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("failed", StringComparison.Ordinal));
        sweep.AssertNoSecretLeaked(gateway);
    }
}
