using System.Buffers;
using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Bench.Payloads;

namespace ClaudeProxy.Bench.Mock;

/// <summary>
/// The mock's caching mode, under <c>/cached/</c>: Anthropic Messages (<c>…/v1/messages</c>) and
/// OpenAI Chat Completions (<c>…/chat/completions</c>) answered as those providers would with a
/// prompt cache per API key (<c>x-api-key</c>, or the Bearer token): the usage reports the tokens
/// read from and written to that key's cache. Non-streaming only. The answer text is derived from
/// the prompt, so a conversation replayed gets the same answers. <c>GET /cached/stats</c> returns
/// what each key served; <c>POST /cached/reset</c> forgets the caches and the counts.
/// </summary>
internal sealed class CachingUpstream(PromptPrefixCache cache)
{
    public const string Prefix = "/cached";
    public const string StatsPath = Prefix + "/stats";
    public const string ResetPath = Prefix + "/reset";

    /// <summary>OpenAI reports cache hits in steps of 128 tokens.</summary>
    private const int OpenAICacheIncrement = 128;

    private static readonly JsonSerializerOptions StatsJson = new(JsonSerializerDefaults.Web);

    private readonly KeyTallies _tallies = new();

    public static bool Handles(string path) => path.StartsWith(Prefix + "/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var ct = context.RequestAborted;
        if (path == StatsPath)
        {
            context.Response.ContentType = MediaTypeNames.Application.Json;
            await context.Response.WriteAsync(JsonSerializer.Serialize(_tallies.Snapshot(), StatsJson), ct);
            return;
        }

        if (path == ResetPath)
        {
            cache.Clear();
            _tallies.Clear();
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var anthropic = path.EndsWith("/v1/messages", StringComparison.Ordinal);
        if (!anthropic && !path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"the caching mock answers …/v1/messages and …/chat/completions, not {path}");
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, ct);
        using var document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        var request = document.RootElement;
        if (request.TryGetProperty("stream"u8, out var stream) && stream.ValueKind == JsonValueKind.True)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "the caching mock answers non-streaming requests only");
            return;
        }

        var key = ApiKey(context.Request);
        if (key is null)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "no x-api-key or Bearer token");
            return;
        }

        var model = request.TryGetProperty("model"u8, out var m) ? m.GetString() ?? "" : "";
        var prompt = anthropic ? PromptPrefixes.Anthropic(request) : PromptPrefixes.OpenAI(request);
        var usage = cache.Use(key, prompt.Boundaries, prompt.WriteThrough);
        if (!anthropic)
        {
            // What OpenAI would report: hits rounded down to its increment, no separate write charge.
            var cached = usage.CacheRead - (usage.CacheRead % OpenAICacheIncrement);
            usage = new CacheUsage(usage.Total - cached, cached, 0);
        }

        var text = Answer(prompt.Fingerprint);
        var outputTokens = Math.Max(1, Encoding.UTF8.GetByteCount(text) / 4);
        _tallies.Add(key, usage, outputTokens);
        var id = prompt.Fingerprint.ToString("x16", CultureInfo.InvariantCulture);
        var answer = anthropic ? AnthropicMessage(id, model, text, usage, outputTokens) : ChatCompletion(id, model, text, usage, outputTokens);
        context.Response.ContentType = MediaTypeNames.Application.Json;
        context.Response.ContentLength = answer.Length;
        await context.Response.BodyWriter.WriteAsync(answer, ct);
    }

    private static string? ApiKey(HttpRequest request)
    {
        if (request.Headers["x-api-key"].ToString() is { Length: > 0 } key)
        {
            return key;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    /// <summary>A few hundred to 1,500 characters of prose, the same for the same prompt.</summary>
    private static string Answer(ulong fingerprint)
    {
        var text = new DeterministicText(fingerprint);
        return text.Prose(text.Between(300, 1_500));
    }

    private static byte[] AnthropicMessage(string id, string model, string text, CacheUsage usage, long outputTokens) => Json(writer =>
    {
        writer.WriteString("id", "msg_bench_" + id);
        writer.WriteString("type", "message");
        writer.WriteString("role", "assistant");
        writer.WriteString("model", model);
        writer.WriteStartArray("content");
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", text);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("stop_reason", "end_turn");
        writer.WriteNull("stop_sequence");
        writer.WriteStartObject("usage");
        writer.WriteNumber("input_tokens", usage.Input);
        writer.WriteNumber("cache_creation_input_tokens", usage.CacheCreation);
        writer.WriteNumber("cache_read_input_tokens", usage.CacheRead);
        writer.WriteNumber("output_tokens", outputTokens);
        writer.WriteEndObject();
    });

    private static byte[] ChatCompletion(string id, string model, string text, CacheUsage usage, long outputTokens) => Json(writer =>
    {
        writer.WriteString("id", "chatcmpl-bench" + id);
        writer.WriteString("object", "chat.completion");
        writer.WriteNumber("created", 1_755_400_000);
        writer.WriteString("model", model);
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", text);
        writer.WriteEndObject();
        writer.WriteString("finish_reason", "stop");
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", usage.Total);
        writer.WriteNumber("completion_tokens", outputTokens);
        writer.WriteNumber("total_tokens", usage.Total + outputTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", usage.CacheRead);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static async Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        var body = Json(writer =>
        {
            writer.WriteString("type", "error");
            writer.WriteStartObject("error");
            writer.WriteString("type", "invalid_request_error");
            writer.WriteString("message", message);
            writer.WriteEndObject();
        });
        context.Response.ContentType = MediaTypeNames.Application.Json;
        await context.Response.BodyWriter.WriteAsync(body, context.RequestAborted);
    }

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
