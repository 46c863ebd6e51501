using System.Text.Json;
using ClaudeProxy.Hosting;
using ClaudeProxy.Proxy;
using ClaudeProxy.Routing.Attempts;

namespace ClaudeProxy.Upstreams.Claude;

/// <summary>
/// A <c>claude</c> channel's 2xx answer to <c>GET /v1/models</c> (or <c>/v1/models/{id}</c>), re-shaped
/// as an Anthropic model list (or model) instead of relayed: only ids, names and dates leave. An answer
/// that is not one falls back to the names the config maps, or, when it maps none, to a 502.
/// </summary>
public sealed class ClaudeModelList(byte[] body, UpstreamAttempt attempt) : IUpstreamAnswer
{
    /// <summary>A model list is small; a larger answer is no model list.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public AnswerOutcome Outcome => AnswerOutcome.None;

    public async Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var single = context.Request.RouteValues.ContainsKey("id");
        context.Response.ContentType = "application/json";
        if (!single && ModelListReader.TryReadPage(body, out var page))
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, page, GatewayJsonContext.Default.ModelListPage, context.RequestAborted);
            return;
        }

        if (single && FindModel(body, context.Request.RouteValues["id"] as string) is { } model)
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

    public void Dispose()
    {
    }
}
