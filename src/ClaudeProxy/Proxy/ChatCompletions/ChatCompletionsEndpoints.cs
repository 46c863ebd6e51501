using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Proxy.Doors;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Proxy.ChatCompletions;

/// <summary>
/// <c>POST /v1/chat/completions</c>: OpenAI Chat Completions clients served through the same channels,
/// keys, routing and usage log as <c>/v1/messages</c>. The request is translated to Anthropic Messages
/// on the way in and the answer back on the way out.
/// </summary>
public static class ChatCompletionsEndpoints
{
    public static IEndpointRouteBuilder MapChatCompletionsEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(ClientProtocols.ChatCompletionsPath, (RequestDelegate)HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var arrival = RequestArrival.Now(context);
        using var body = await ProxyEndpoints.ReadBodyAsync(context, arrival);
        if (body is null)
        {
            return;
        }

        var chat = ChatCompletionsRequestTranslator.Translate(body.Span);
        if (chat.Body is null)
        {
            var problem = chat.Problem ?? "The request could not be read.";
            await ProxyEndpoints.RefuseAsync(context, arrival, AnthropicErrorType.InvalidRequest, problem, peek: null, body,
                () => GatewayErrors.WriteClientEnvelopeAsync(context, StatusCodes.Status400BadRequest,
                    ChatCompletionsErrorTranslator.Create(problem, "invalid_request_error", chat.ProblemParam, null)));
            return;
        }

        using var hub = RequestBody.Of(chat.Body);
        var settings = context.RequestServices.GetRequiredService<GatewaySettings>();
        await using var writer = DoorResponseBody.Install(context, new ChatCompletionsDoorAnswer(chat.IncludeUsage, arrival.At.ToUnixTimeSeconds(), settings.MaxSseEventBytes));
        // A stream that asks for no usage chunk would leave the usage log without counts: it is translated
        // (the translation asks the upstream for usage and keeps it from the client).
        var door = !chat.Stream || chat.IncludeUsage ? new DoorBody(DoorProtocol.ChatCompletions, body.Memory) : null;
        await ProxyEndpoints.ServeAsync(context, ProxyEndpoint.Messages, hub, arrival, HubRequests.Messages(ClientDoor.Chat, door));
        await writer.FinishAsync(context.RequestAborted);
    }
}
