using System.Text.Json;
using System.Text.Json.Nodes;
using ClaudeProxy.Configuration;
using ClaudeProxy.Configuration.Editing;
using ClaudeProxy.Routing.Health;

namespace ClaudeProxy.Admin;

/// <summary>
/// <c>/api/channels</c>: list, create, partial update, delete, keys, "use this channel", promotion, order
/// and the global key strategy. <c>{id}</c> is the stable id, or a number for the position (claude-proxy's API).
/// </summary>
public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannelEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/channels", (RequestDelegate)ListAsync);
        app.MapPost("/api/channels", (RequestDelegate)CreateAsync);
        app.MapPut("/api/channels/order", (RequestDelegate)ReorderAsync);
        app.MapGet("/api/channels/{id}", (RequestDelegate)ShowAsync);
        app.MapPut("/api/channels/{id}", (RequestDelegate)UpdateAsync);
        app.MapDelete("/api/channels/{id}", (RequestDelegate)DeleteAsync);
        app.MapPost("/api/channels/{id}/current", (RequestDelegate)MakeCurrentAsync);
        app.MapPost("/api/channels/{id}/promote", (RequestDelegate)PromoteAsync);
        app.MapDelete("/api/channels/{id}/promote", (RequestDelegate)EndPromotionAsync);
        app.MapPost("/api/channels/{id}/keys", (RequestDelegate)AddKeyAsync);
        app.MapDelete("/api/channels/{id}/keys/{**key}", (RequestDelegate)RemoveKeyAsync);
        app.MapPut("/api/loadbalance", (RequestDelegate)SetLoadBalanceAsync);
        return app;
    }

    private static ConfigEditor Editor(HttpContext context) => context.RequestServices.GetRequiredService<ConfigEditor>();

    private static string Id(HttpContext context) => (string)context.Request.RouteValues["id"]!;

    private static Task ListAsync(HttpContext context)
    {
        var editor = Editor(context);
        return AdminJson.WriteAsync(context, editor.List(editor.Current));
    }

    private static async Task ShowAsync(HttpContext context)
    {
        var editor = Editor(context);
        var config = editor.Current;
        try
        {
            await AdminJson.WriteAsync(context, editor.View(config, ChannelRef.Resolve(config, Id(context))));
        }
        catch (ConfigEditException ex)
        {
            await AdminJson.WriteErrorAsync(context, ex);
        }
    }

    private static async Task CreateAsync(HttpContext context)
    {
        using var body = await AdminJson.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        var editor = Editor(context);
        await editor.EditAsync(context,
            config => ConfigEdits.AddChannel(config, RequireNew(ChannelPatch.Create(body.RootElement))),
            config => editor.View(config, config.MessagesUpstream.Count - 1),
            StatusCodes.Status201Created);
    }

    private static async Task UpdateAsync(HttpContext context)
    {
        using var body = await AdminJson.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        var editor = Editor(context);
        var index = -1;
        await editor.EditAsync(context,
            config =>
            {
                index = ChannelRef.Resolve(config, Id(context));
                return ConfigEdits.ReplaceChannel(config, index, ChannelPatch.Apply(config.Upstream[index], body.RootElement));
            },
            config => editor.View(config, index));
    }

    private static Task DeleteAsync(HttpContext context)
    {
        var editor = Editor(context);
        string? removed = null;
        return editor.EditAsync(context,
            config =>
            {
                var index = ChannelRef.Resolve(config, Id(context));
                removed = config.Upstream[index].Id;
                return ConfigEdits.RemoveChannel(config, index);
            },
            config => new JsonObject { ["deleted"] = removed, ["upstreamCount"] = config.Upstream.Count });
    }

    private static Task MakeCurrentAsync(HttpContext context)
    {
        var editor = Editor(context);
        var index = -1;
        return editor.EditAsync(context,
            config => ConfigEdits.MakeCurrent(config, index = ChannelRef.Resolve(config, Id(context))),
            config => editor.View(config, index));
    }

    /// <summary>
    /// <c>{"seconds": 300}</c> (the default; at most a week): the channel goes before every other one for that
    /// long, any other promotion ends, and its circuit closes so it gets a fresh start.
    /// </summary>
    private static async Task PromoteAsync(HttpContext context)
    {
        var (ok, body) = await AdminJson.ReadOptionalAsync(context);
        if (!ok)
        {
            return;
        }

        using (body)
        {
            var editor = Editor(context);
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var index = -1;
            await editor.EditAsync(context,
                config =>
                {
                    var seconds = body is null ? ChannelPromotion.DefaultSeconds
                        : AdminBody.OptionalWholeNumber(body.RootElement, "seconds", ChannelPromotion.DefaultSeconds, 1, ChannelPromotion.MaxSeconds);
                    return ConfigEdits.Promote(config, index = ChannelRef.Resolve(config, Id(context)), now.AddSeconds(seconds));
                },
                config =>
                {
                    context.RequestServices.GetRequiredService<HealthRegistry>().CloseCircuit(config.Upstream[index]);
                    return editor.View(config, index);
                });
        }
    }

    private static Task EndPromotionAsync(HttpContext context)
    {
        var editor = Editor(context);
        var index = -1;
        return editor.EditAsync(context,
            config => ConfigEdits.EndPromotion(config, index = ChannelRef.Resolve(config, Id(context))),
            config => editor.View(config, index));
    }

    private static async Task AddKeyAsync(HttpContext context)
    {
        using var body = await AdminJson.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        var editor = Editor(context);
        var index = -1;
        await editor.EditAsync(context,
            config => AddKeys(config, index = ChannelRef.Resolve(config, Id(context)), body.RootElement),
            config => editor.View(config, index),
            StatusCodes.Status201Created);
    }

    /// <summary><c>{"apiKey": …}</c> (claude-proxy's API) adds one key; <c>{"apiKeys": [...]}</c> adds several in one write, all or none.</summary>
    private static ProxyConfig AddKeys(ProxyConfig config, int index, JsonElement body)
    {
        if (!AdminBody.Has(body, "apiKeys"))
        {
            return ConfigEdits.AddKey(config, index, AdminBody.RequiredString(body, "apiKey"));
        }

        if (AdminBody.Has(body, "apiKey"))
        {
            throw new ConfigEditException(ConfigEditError.Invalid, "apiKeys: send either apiKey or apiKeys, not both.", "apiKeys");
        }

        return ConfigEdits.AddKeys(config, index, AdminBody.RequiredStrings(body, "apiKeys"));
    }

    private static Task RemoveKeyAsync(HttpContext context)
    {
        // The reference may be a position, a masked fingerprint or (claude-proxy's API) the URL-encoded key.
        var reference = Uri.UnescapeDataString((string)context.Request.RouteValues["key"]!);
        var editor = Editor(context);
        var index = -1;
        return editor.EditAsync(context,
            config => ConfigEdits.RemoveKey(config, index = ChannelRef.Resolve(config, Id(context)), reference),
            config => editor.View(config, index));
    }

    private static async Task ReorderAsync(HttpContext context)
    {
        using var body = await AdminJson.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        var editor = Editor(context);
        await editor.EditAsync(context, config => ConfigEdits.Reorder(config, AdminBody.ChannelReferences(body.RootElement)), editor.List);
    }

    private static async Task SetLoadBalanceAsync(HttpContext context)
    {
        using var body = await AdminJson.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        var editor = Editor(context);
        await editor.EditAsync(context, config => ConfigEdits.SetLoadBalance(config, AdminBody.RequiredString(body.RootElement, "strategy")),
            config => new JsonObject { ["loadBalance"] = config.LoadBalance });
    }

    private static ChannelConfig RequireNew(ChannelConfig channel)
    {
        // baseUrls alone may name the endpoints; validation names whatever else is wrong with them.
        var url = channel.BaseUrl ?? (channel.BaseUrls is { Count: > 0 } urls ? urls[0] : null);
        foreach (var (value, field) in new[] { (channel.Name, "name"), (channel.ServiceType, "serviceType"), (url, "baseUrl") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ConfigEditException(ConfigEditError.Invalid, $"{field}: Field required.", field);
            }
        }

        return channel;
    }
}
