using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Observability.Metrics;
using ClaudeProxy.Observability.Usage;
using ClaudeProxy.Observability.Usage.Bodies;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Routing;
using ClaudeProxy.Routing.Attempts;
using ClaudeProxy.Security;
using ClaudeProxy.Upstreams;

namespace ClaudeProxy.Proxy;

/// <summary>The Anthropic surface: <c>/v1/messages</c>, <c>/v1/messages/count_tokens</c>, <c>/v1/models</c>.</summary>
public static class ProxyEndpoints
{
    public static IEndpointRouteBuilder MapProxyEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/messages", context => HandleBodyRequestAsync(context, ProxyEndpoint.Messages));
        app.MapPost("/v1/messages/count_tokens", context => HandleBodyRequestAsync(context, ProxyEndpoint.CountTokens));
        RequestDelegate models = HandleModelsAsync;
        app.MapGet("/v1/models", models);
        app.MapGet("/v1/models/{id}", models);
        // Anything else under /v1 is answered in the Anthropic envelope, never an HTML or empty 404.
        app.Map("/v1/{**rest}", context => GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound,
            $"{context.Request.Method} {context.Request.Path} is not an endpoint of this gateway."));
        return app;
    }

    private static async Task HandleBodyRequestAsync(HttpContext context, ProxyEndpoint endpoint)
    {
        var arrival = RequestArrival.Now(context);
        using var body = await ReadBodyAsync(context, arrival);
        if (body is not null)
        {
            await ServeAsync(context, endpoint, body, arrival, translated: null);
        }
    }

    /// <summary>The client's body, or null when it was refused (too large: answered 413) or the client went away.</summary>
    internal static async Task<RequestBody?> ReadBodyAsync(HttpContext context, RequestArrival arrival)
    {
        var services = context.RequestServices;
        try
        {
            return await RequestBody.ReadAsync(context.Request, services.GetRequiredService<GatewaySettings>().MaxRequestBodyBytes, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RefuseAsync(context, arrival, StatusCodes.Status413PayloadTooLarge, AnthropicErrorType.RequestTooLarge,
                "The request body is larger than this gateway accepts (MAX_REQUEST_BODY_SIZE_MB).", peek: null, body: null);
            return null;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Serves a Messages-shaped body: parses it once, routes it and forwards it. A door that translated the
    /// client's request passes what it made of it in <paramref name="translated"/>.
    /// </summary>
    internal static async Task ServeAsync(HttpContext context, ProxyEndpoint endpoint, RequestBody body, RequestArrival arrival, TranslatedRequest? translated)
    {
        var services = context.RequestServices;
        using var parsed = ParsedMessageRequest.TryParse(body.Memory, out var problem);
        if (parsed is null)
        {
            await RefuseAsync(context, arrival, StatusCodes.Status400BadRequest, AnthropicErrorType.InvalidRequest, problem!, peek: null, body);
            return;
        }

        var peek = parsed.Peek;
        if (string.IsNullOrEmpty(peek.Model))
        {
            await RefuseAsync(context, arrival, StatusCodes.Status400BadRequest, AnthropicErrorType.InvalidRequest,
                peek.Model is null ? "model: Field required" : "model: must not be empty", peek, body);
            return;
        }

        var clientHeaders = context.Request.Headers;
        var request = new ProxyRequest(endpoint, HttpMethods.Post, translated?.HubPath ?? PathAndQuery(context.Request), translated?.UpstreamHeaders ?? clientHeaders, body,
            endpoint == ProxyEndpoint.Messages ? peek : peek with { Stream = false }, RequestIds.Get(context), parsed)
        {
            ClientPath = context.Request.Path.Value ?? "",
            Door = translated?.Door,
        };
        var plan = Plan(services, endpoint, peek.Model, ConversationKey.Of(clientHeaders, parsed), translated?.ClientDoor ?? ClientDoor.Messages);
        if (endpoint == ProxyEndpoint.CountTokens && plan.CandidateChannelCount == 0)
        {
            // No channel can count with the model's own tokenizer: count here rather than fail.
            await LocalTokenCount.WriteAsync(context, body);
            return;
        }

        await services.GetRequiredService<UpstreamForwarder>().ForwardAsync(context, request, plan);
    }

    /// <summary>A request refused before routing, answered in the client's envelope and logged too: "which requests failed, and why" includes the ones no channel saw.</summary>
    internal static Task RefuseAsync(HttpContext context, RequestArrival arrival, int status, string errorType, string message, MessageRequestPeek? peek, RequestBody? body) =>
        RefuseAsync(context, arrival, errorType, message, peek, body, () => GatewayErrors.WriteAsync(context, status, errorType, message));

    /// <inheritdoc cref="RefuseAsync(HttpContext, RequestArrival, int, string, string, MessageRequestPeek?, RequestBody?)"/>
    internal static async Task RefuseAsync(HttpContext context, RequestArrival arrival, string errorType, string message, MessageRequestPeek? peek, RequestBody? body, Func<Task> answer)
    {
        var services = context.RequestServices;
        await answer();
        var settings = services.GetRequiredService<GatewaySettings>();
        var entry = RefusedRequestLog.Entry(context, arrival.At, arrival.Elapsed(), errorType, message, peek, settings.InstanceId);
        if (settings.EnableBodyLogs && body is { Length: > 0 })
        {
            entry = entry with { RequestBody = BodyLogText.From(body.Span, body.Length, settings.BodyLogMaxBytes, services.GetRequiredService<GatewayKeys>().All) };
        }

        services.GetRequiredService<RequestMetrics>().Record(entry);
        services.GetRequiredService<IUsageRecorder>().Record(entry);
        context.Features.Set(entry);
    }

    private static async Task HandleModelsAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var plan = Plan(services, ProxyEndpoint.Models, model: null);
        if (plan.CandidateChannelCount == 0)
        {
            // No channel can list models: answer from the names the config maps, so discovery still works.
            await ModelList.WriteFromMappingsAsync(context);
            return;
        }

        var request = new ProxyRequest(ProxyEndpoint.Models, HttpMethods.Get, PathAndQuery(context.Request), context.Request.Headers,
            RequestBody.Empty, default, RequestIds.Get(context));
        await services.GetRequiredService<UpstreamForwarder>().ForwardAsync(context, request, plan);
    }

    private static AttemptPlan Plan(IServiceProvider services, ProxyEndpoint endpoint, string? model, ulong? conversation = null, string door = ClientDoor.Messages)
    {
        var serviceTypes = services.GetRequiredService<UpstreamAdapters>().Serving(endpoint);
        return services.GetRequiredService<IUpstreamScheduler>().Plan(new RouteRequest(endpoint, model, serviceTypes, conversation, door));
    }

    private static string PathAndQuery(HttpRequest request) => request.Path.Value + request.QueryString.Value;
}
