using Microsoft.AspNetCore.Http.Features;

namespace ClaudeProxy.Upstreams;

/// <summary>The response headers of every event stream the gateway sends: never cached, never buffered by a proxy in between.</summary>
public static class EventStreamResponse
{
    public static void Begin(HttpContext context, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType ??= "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
