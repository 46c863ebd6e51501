using System.Text.Json;
using ClaudeProxy.Hosting;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// A <c>claude</c> channel's 2xx answer to <c>GET /v1/models</c> (or <c>/v1/models/{id}</c>), re-shaped
/// as an Anthropic model list (or model) instead of relayed: only ids, names and dates leave. An answer
/// that is not one falls back to the names the config maps, or, when it maps none, to a 502.
/// </summary>
public static class ClaudeModelList
{
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static async Task WriteAsync(HttpResponseMessage upstream, UpstreamAttempt attempt, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(context);
        var body = await ReadBoundedAsync(upstream, cancellationToken);
        var single = context.Request.RouteValues.ContainsKey("id");
        context.Response.ContentType = "application/json";
        if (body is not null && !single && ModelListReader.TryReadPage(body, out var page))
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, page, GatewayJsonContext.Default.ModelListPage, context.RequestAborted);
            return;
        }

        if (body is not null && single && FindModel(body, context.Request.RouteValues["id"] as string) is { } model)
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, model, GatewayJsonContext.Default.ModelListEntry, context.RequestAborted);
            return;
        }

        if (ModelList.HasMappings(context))
        {
            await ModelList.WriteFromMappingsAsync(context);
            return;
        }

        await GatewayErrors.WriteAsync(context, StatusCodes.Status502BadGateway,
            $"Upstream channel '{attempt.Channel.DisplayName}' answered {context.Request.Path} with something that is not an Anthropic model {(single ? "object" : "list")}.");
    }

    /// <summary>The model object; or, from a relay that answers every models path with the list, the requested entry of it.</summary>
    private static ModelListEntry? FindModel(byte[] body, string? id) =>
        ModelListReader.TryReadModel(body, out var model) ? model
        : ModelListReader.TryReadPage(body, out var page) ? page.Data.FirstOrDefault(m => string.Equals(m.Id, id, StringComparison.Ordinal))
        : null;

    private static async Task<byte[]?> ReadBoundedAsync(HttpResponseMessage upstream, CancellationToken cancellationToken)
    {
        await using var stream = await upstream.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
