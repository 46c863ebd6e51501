using ClaudeProxy.Hosting;
using System.Text.Json;
using ClaudeProxy.Protocols.Tokens;

namespace ClaudeProxy.Proxy;

/// <summary>
/// <c>count_tokens</c> answered by the gateway (o200k tokenizer over system, messages and tools) for
/// channels whose upstream has no Anthropic token counting. An estimate, but never a 404.
/// </summary>
public static class LocalTokenCount
{
    public static async Task WriteAsync(HttpContext context, RequestBody body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        int tokens;
        try
        {
            tokens = MessageTokenCounter.Count(body.Span);
        }
        catch (FormatException ex)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, ex.Message);
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("input_tokens"u8, tokens);
        writer.WriteEndObject();
    }
}
