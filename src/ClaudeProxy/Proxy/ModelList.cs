using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;

namespace ClaudeProxy.Proxy;

/// <summary>A model list made from the config's model mappings, for when no channel can list models itself.</summary>
public static class ModelList
{
    /// <summary>True when the config maps at least one model name.</summary>
    public static bool HasMappings(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return MappedNames(context).Count > 0;
    }

    public static async Task WriteFromMappingsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var names = MappedNames(context);
        var requestedId = context.Request.RouteValues["id"] as string;
        var epoch = DateTimeOffset.UnixEpoch;
        if (requestedId is not null)
        {
            if (!names.Contains(requestedId, StringComparer.Ordinal))
            {
                await GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound, $"model: {requestedId} is not known to this gateway.");
                return;
            }

            names = [requestedId];
        }

        var entries = names.Select(n => new ModelListEntry("model", n, n, epoch)).ToList();
        context.Response.ContentType = "application/json";
        if (requestedId is not null)
        {
            await JsonSerializer.SerializeAsync(context.Response.Body, entries[0], GatewayJsonContext.Default.ModelListEntry, context.RequestAborted);
            return;
        }

        var page = new ModelListPage(entries, false, entries.FirstOrDefault()?.Id, entries.LastOrDefault()?.Id);
        await JsonSerializer.SerializeAsync(context.Response.Body, page, GatewayJsonContext.Default.ModelListPage, context.RequestAborted);
    }

    /// <summary>The model names the active channels map, in order.</summary>
    internal static List<string> MappedNames(HttpContext context) =>
        context.RequestServices.GetRequiredService<ConfigStore>().Current.Upstream
            .Where(c => c.IsActive && c.ModelMapping is not null)
            .SelectMany(c => c.ModelMapping!.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
