using System.Diagnostics;
using ClaudeProxy.Observability.Usage;

namespace ClaudeProxy.Observability.Tracing;

/// <summary>
/// Opens the request span around every <c>/v1</c> and <c>/v1beta</c> (Gemini) request; the attempts (<see cref="AttemptSpans"/>)
/// become its children. What the request log knows about the request (channel, model, tokens) is
/// added when it is done.
/// </summary>
public sealed class RequestTracingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (!GatewayTracing.Source.HasListeners()
            || !(path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Hosting.ClientProtocols.GeminiPrefix, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        return TraceAsync(context);
    }

    private async Task TraceAsync(HttpContext context)
    {
        using var span = GatewayTracing.Source.StartActivity(GatewayTracing.RequestSpanName, ActivityKind.Server);
        if (span is null)
        {
            await next(context);
            return;
        }

        span.SetTag("http.request.method", context.Request.Method);
        span.SetTag("url.path", context.Request.Path.Value);
        try
        {
            await next(context);
        }
        finally
        {
            Describe(span, context);
        }
    }

    private static void Describe(Activity span, HttpContext context)
    {
        var status = context.Response.StatusCode;
        span.SetTag("http.response.status_code", status);
        if (context.Features.Get<RequestLogEntry>() is { } entry)
        {
            span.SetTag("claude_proxy.request_id", entry.RequestId);
            span.SetTag("gen_ai.request.model", entry.Model);
            span.SetTag("claude_proxy.mapped_model", entry.MappedModel);
            span.SetTag("claude_proxy.channel", entry.Channel);
            span.SetTag("claude_proxy.stream", entry.Stream);
            span.SetTag("claude_proxy.attempts", entry.Attempts.Count);
            span.SetTag("gen_ai.usage.input_tokens", entry.InputTokens);
            span.SetTag("gen_ai.usage.output_tokens", entry.OutputTokens);
            if (entry.ErrorType is { } errorType)
            {
                span.SetTag("error.type", errorType);
            }
        }

        if (status >= 500)
        {
            span.SetStatus(ActivityStatusCode.Error);
        }
    }
}
