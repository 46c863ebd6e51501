using ClaudeProxy.Hosting;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Proxy;

namespace ClaudeProxy.Admin;

/// <summary>Reading admin request bodies and writing answers, with every error in the Anthropic envelope.</summary>
public static class AdminJson
{
    /// <summary>Admin bodies are small (a channel, a config file); anything larger is refused before it is read.</summary>
    internal const int MaxBodyBytes = 4 * 1024 * 1024;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);

        try
        {
            return JsonDocument.Parse(body.Memory.ToArray());
        }
        catch (JsonException ex)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {ex.Message}");
            return null;
        }
    }

    /// <summary>As <see cref="ReadAsync"/> for a body that may be left out: an empty body reads as (true, null).</summary>
    public static async Task<(bool Ok, JsonDocument? Body)> ReadOptionalAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (true, null);
        }

        try
        {
            return (true, JsonDocument.Parse(body.Memory.ToArray()));
        }
        catch (JsonException ex)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {ex.Message}");
            return (false, null);
        }
    }

    public static async Task WriteAsync(HttpContext context, JsonNode node, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(node);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        node.WriteTo(writer);
    }

    public static Task WriteErrorAsync(HttpContext context, ConfigEditException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = error.Error switch
        {
            ConfigEditError.NotFound => StatusCodes.Status404NotFound,
            ConfigEditError.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return GatewayErrors.WriteAsync(context, status, error.Message);
    }
}
