using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;
using ClaudeProxy.FakeUpstreams.Fuzzing;
using ClaudeProxy.Tests.TestKit;
using Xunit;

namespace ClaudeProxy.Tests.Hardening;

/// <summary>
/// The bad-input corpus over HTTP: the golden requests, aimed at a <c>claude</c>, an <c>openai</c>,
/// a <c>gemini</c> and a <c>responses</c> channel and mutated (see <see cref="JsonMutator"/>), sent to one gateway. The
/// gateway answers each with 200 or with a 400 in the Anthropic envelope — never a 5xx of its own —
/// never echoes a request header or the access key, and still serves valid requests afterwards.
/// </summary>
public sealed class BadInputOverHttpTests
{
    private const string SecretHeaderValue = "fuzz-header-secret-8f3a1c";
    private const string BetaHeaderValue = "fuzz-beta-secret-77e0";

    private static readonly string[] UpstreamKeys = ["sk-ant-api03-fuzz-claude-key", "sk-fuzz-openai-key", "AIza-fuzz-gemini-key", "sk-fuzz-responses-key"];

    /// <summary>One model per channel: the openai, gemini and responses channels take theirs, the claude channel (a lower tier) the rest.</summary>
    private static readonly string[] Models = ["claude-sonnet-4-5", "gpt-fuzz", "gemini-2.5-flash", "codex-fuzz"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mutated_requests_get_200_or_a_400_envelope_and_the_gateway_keeps_serving()
    {
        await using var claude = await FakeUpstream.StartAsync(Token);
        await using var openai = await FakeUpstream.StartAsync(Token);
        await using var gemini = await FakeUpstream.StartAsync(Token);
        await using var responses = await FakeUpstream.StartAsync(Token);
        claude.SetDefault(FakeReply.Dynamic(r => IsStream(r) ? FakeReply.Stream(AnthropicFakes.TextStream(Models[0], "ok")) : AnthropicFakes.Message("ok")));
        openai.SetDefault(FakeReply.Dynamic(r => IsStream(r) ? FakeReply.Stream(OpenAIFakes.ChunkStream("gpt-fuzz", "o", "k")) : OpenAIFakes.ChatCompletion("ok")));
        gemini.SetDefault(FakeReply.Dynamic(r => r.Path.Contains(":streamGenerateContent", StringComparison.Ordinal)
            ? FakeReply.Stream(GeminiFakes.StreamChunks("o", "k"))
            : GeminiFakes.Response("ok")));
        responses.SetDefault(FakeReply.Dynamic(r => IsStream(r) ? FakeReply.Stream(ResponsesFakes.TextStream("o", "k")) : ResponsesFakes.Text("ok")));
        await using var gateway = await TestGateway.StartAsync(Config(claude, openai, gemini, responses));
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Add("x-fuzz-secret", SecretHeaderValue);
        client.DefaultRequestHeaders.Add("anthropic-beta", BetaHeaderValue);
        var forbidden = new[] { SecretHeaderValue, BetaHeaderValue, gateway.AccessKey }.Concat(UpstreamKeys).ToArray();

        var counts = new Dictionary<HttpStatusCode, int>();
        foreach (var (seed, body) in FuzzRun.Inputs(JsonMutator.Of(Corpus), defaultIterations: 200))
        {
            using var response = await client.PostAsync("/v1/messages", Content(body), Token);
            var text = await response.Content.ReadAsStringAsync(Token);
            var failure = FuzzRun.Describe(seed, Encoding.UTF8.GetString(body)) + $"\nanswered {(int)response.StatusCode}: {text}";
            counts[response.StatusCode] = counts.GetValueOrDefault(response.StatusCode) + 1;

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, failure);
            Assert.DoesNotContain(forbidden, secret => text.Contains(secret, StringComparison.Ordinal) || HeadersContain(response, secret));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                AssertInvalidRequestEnvelope(text, failure);
            }
        }

        if (counts.Values.Sum() >= 50)
        {
            // Not when replaying a single seed: a corpus that only ever fails validation would prove little.
            Assert.True(counts.GetValueOrDefault(HttpStatusCode.OK) > 0 && counts.GetValueOrDefault(HttpStatusCode.BadRequest) > 0,
                $"The corpus should reach both outcomes: {string.Join(", ", counts)}");
        }
        foreach (var model in Models)
        {
            using var response = await client.PostAsync("/v1/messages", TestGateway.Json(
                $$"""{"model":"{{model}}","max_tokens":16,"messages":[{"role":"user","content":"still there?"}]}"""), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    public static TheoryData<string> Channels => new(Models);

    [Theory]
    [MemberData(nameof(Channels))]
    public async Task Invalid_utf8_and_nesting_deeper_than_64_are_400_on_every_channel_type(string model)
    {
        await using var upstream = await FakeUpstream.StartAsync(Token);
        await using var gateway = await TestGateway.StartAsync(Config(upstream, upstream, upstream, upstream));
        using var client = gateway.CreateClient();
        byte[] invalidUtf8 = [.. Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","max_tokens":16,"messages":[{"role":"user","content":"a"""), 0xC3, 0x28, .. "\"}]}"u8];
        var deep = Encoding.UTF8.GetBytes($$"""{"model":"{{model}}","max_tokens":16,"metadata":{{new string('[', 65)}}{{new string(']', 65)}},"messages":[{"role":"user","content":"a"}]}""");

        foreach (var body in new[] { invalidUtf8, deep })
        {
            using var response = await client.PostAsync("/v1/messages", Content(body), Token);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            AssertInvalidRequestEnvelope(await response.Content.ReadAsStringAsync(Token), model);
        }

        Assert.Empty(upstream.Requests);
    }

    private static IReadOnlyList<byte[]> Corpus { get; } = LoadCorpus();

    /// <summary>Every golden request, once per channel's model.</summary>
    private static List<byte[]> LoadCorpus()
    {
        var corpus = new List<byte[]>();
        var files = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "request-corpus"), "anthropic.json", SearchOption.AllDirectories);
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            foreach (var model in Models)
            {
                var request = JsonNode.Parse(File.ReadAllBytes(file))!.AsObject();
                request["model"] = model;
                corpus.Add(Encoding.UTF8.GetBytes(request.ToJsonString()));
            }
        }

        return corpus;
    }

    private static string Config(FakeUpstream claude, FakeUpstream openai, FakeUpstream gemini, FakeUpstream responses)
    {
        var responsesChannel = TestConfigs.Channel("responses", "responses", responses.BaseUrl, UpstreamKeys[3]);
        responsesChannel["models"] = new JsonArray("codex-*");
        responsesChannel["priority"] = 1;
        var openaiChannel = TestConfigs.Channel("openai", "openai", openai.BaseUrl, UpstreamKeys[1]);
        openaiChannel["models"] = new JsonArray("gpt-*");
        openaiChannel["priority"] = 1;
        var geminiChannel = TestConfigs.Channel("gemini", "gemini", gemini.BaseUrl, UpstreamKeys[2]);
        geminiChannel["models"] = new JsonArray("gemini-*");
        geminiChannel["priority"] = 1;
        var claudeChannel = TestConfigs.Channel("claude", "claude", claude.BaseUrl, UpstreamKeys[0]);
        claudeChannel["priority"] = 2;
        return TestConfigs.Config(openaiChannel, geminiChannel, responsesChannel, claudeChannel);
    }

    private static bool IsStream(RecordedRequest request) => request.BodyText.Contains("\"stream\":true", StringComparison.Ordinal);

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool HeadersContain(HttpResponseMessage response, string value) =>
        response.Headers.Concat(response.Content.Headers).Any(h => h.Value.Any(v => v.Contains(value, StringComparison.Ordinal)));

    private static void AssertInvalidRequestEnvelope(string text, string context)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.True(root.GetProperty("type").GetString() == "error", context);
        Assert.True(root.GetProperty("error").GetProperty("type").GetString() == "invalid_request_error", context);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("error").GetProperty("message").GetString()), context);
        Assert.StartsWith("req_", root.GetProperty("request_id").GetString(), StringComparison.Ordinal);
    }
}
