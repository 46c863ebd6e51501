using ClaudeProxy.Security;

namespace ClaudeProxy.Proxy;

/// <summary>The gateway's id for a request (<c>req_…</c>, like Anthropic's): in every error it produces and in its logs.</summary>
public static class RequestIds
{
    private const string ItemKey = "claude-proxy.request-id";

    public static string Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id)
        {
            return id;
        }

        id = "req_" + RandomTokens.Base62String(24);
        context.Items[ItemKey] = id;
        return id;
    }
}
