using System.Text.Json;
using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.Gemini;
using ClaudeProxy.Proxy.Doors;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Proxy.Gemini;

/// <summary>
/// Google's Gemini API under <c>/v1beta</c>: <c>models/{model}:generateContent</c>,
/// <c>:streamGenerateContent</c> (server-sent events with <c>alt=sse</c>, else one streamed JSON array),
/// <c>:countTokens</c> and the model list, for the Gemini CLI and Google's SDKs. Requests are translated to
/// Anthropic Messages and served through the same channels, keys, routing and usage log as <c>/v1/messages</c>;
/// the model the client named in the path is the one routing and model mappings see.
/// </summary>
public static class GeminiEndpoints
{
    private const string Prefix = ClientProtocols.GeminiPrefix + "/models";

    public static IEndpointRouteBuilder MapGeminiEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Prefix + "/{**target}", (RequestDelegate)HandleAsync);
        app.MapGet(Prefix, (RequestDelegate)ListModelsAsync);
        app.MapGet(Prefix + "/{**name}", (RequestDelegate)GetModelAsync);
        app.Map(ClientProtocols.GeminiPrefix + "/{**rest}", context => GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound,
            $"{context.Request.Method} {context.Request.Path} is not an endpoint of this gateway."));
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.RouteValues["target"] as string ?? "";
        var colon = target.LastIndexOf(':');
        var (model, method) = colon > 0 ? (target[..colon], target[(colon + 1)..]) : (target, "");
        var (stream, countTokens) = method switch
        {
            "generateContent" => (false, false),
            "streamGenerateContent" => (true, false),
            "countTokens" => (false, true),
            _ => ((bool?)null, false),
        };
        if (stream is null)
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound,
                $"POST {context.Request.Path} is not an endpoint of this gateway: the model's method must be generateContent, streamGenerateContent or countTokens.");
            return;
        }

        var arrival = RequestArrival.Now(context);
        using var body = await ProxyEndpoints.ReadBodyAsync(context, arrival);
        if (body is null)
        {
            return;
        }

        var request = countTokens
            ? GeminiDoorRequestTranslator.TranslateCountTokens(body.Span, model)
            : GeminiDoorRequestTranslator.Translate(body.Span, model, stream.Value);
        if (request.Body is null)
        {
            var problem = request.Problem ?? "The request could not be read.";
            await ProxyEndpoints.RefuseAsync(context, arrival, AnthropicErrorType.InvalidRequest, problem, peek: null, body,
                () => GatewayErrors.WriteClientEnvelopeAsync(context, StatusCodes.Status400BadRequest,
                    GeminiDoorErrorTranslator.Create(StatusCodes.Status400BadRequest, problem, "INVALID_ARGUMENT")));
            return;
        }

        DroppedToolLog.Report(context.RequestServices, "Gemini", request.DroppedTools);
        using var hub = RequestBody.Of(request.Body);
        var settings = context.RequestServices.GetRequiredService<GatewaySettings>();
        var sse = string.Equals(context.Request.Query["alt"], "sse", StringComparison.OrdinalIgnoreCase);
        var answer = new GeminiDoorAnswer(request.Model ?? model, request.IncludeThoughts, sse, countTokens, settings.MaxSseEventBytes);
        await using var writer = DoorResponseBody.Install(context, answer);
        // A gemini channel can take the request as it came, unless the client wants a stream as one JSON array:
        // a channel is always asked for server-sent events.
        var door = stream == false || sse ? new DoorBody(DoorProtocol.Gemini, body.Memory) : null;
        await ProxyEndpoints.ServeAsync(context, countTokens ? ProxyEndpoint.CountTokens : ProxyEndpoint.Messages, hub, arrival,
            countTokens ? HubRequests.CountTokens(ClientDoor.Gemini) : HubRequests.Messages(ClientDoor.Gemini, door));
        await writer.FinishAsync(context.RequestAborted);
    }

    /// <summary><c>GET /v1beta/models</c>: the model names the config maps, in Google's model shape.</summary>
    private static async Task ListModelsAsync(HttpContext context)
    {
        var names = ModelList.MappedNames(context);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("models"u8);
        foreach (var name in names)
        {
            WriteModel(writer, name);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task GetModelAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["name"] as string ?? "";
        if (!ModelList.MappedNames(context).Contains(name, StringComparer.Ordinal))
        {
            await GatewayErrors.WriteAsync(context, StatusCodes.Status404NotFound, $"models/{name} is not known to this gateway.");
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        WriteModel(writer, name);
    }

    private static void WriteModel(Utf8JsonWriter writer, string name)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, "models/" + name);
        writer.WriteString("displayName"u8, name);
        writer.WriteStartArray("supportedGenerationMethods"u8);
        writer.WriteStringValue("generateContent"u8);
        writer.WriteStringValue("streamGenerateContent"u8);
        writer.WriteStringValue("countTokens"u8);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
