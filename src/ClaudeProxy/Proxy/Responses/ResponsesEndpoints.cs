using ClaudeProxy.Configuration;
using ClaudeProxy.Hosting;
using ClaudeProxy.Protocols.Anthropic;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Doors.Responses;
using ClaudeProxy.Proxy.Doors;
using ClaudeProxy.Routing;

namespace ClaudeProxy.Proxy.Responses;

/// <summary>
/// <c>POST /v1/responses</c>: OpenAI Responses clients (Codex, the OpenAI SDKs) served through the same
/// channels, keys, routing and usage log as <c>/v1/messages</c>. The request is translated to Anthropic
/// Messages on the way in and the answer back on the way out; with <c>store</c> the conversation is kept
/// for <c>previous_response_id</c>.
/// </summary>
public static class ResponsesEndpoints
{
    public static IEndpointRouteBuilder MapResponsesEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(ClientProtocols.ResponsesPath, (RequestDelegate)HandleAsync);
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

        var services = context.RequestServices;
        var store = services.GetRequiredService<StoredResponses>();
        var continuesStored = false;

        // The translator asks for the stored conversation synchronously: one kept on another instance is fetched first.
        var previousId = PreviousResponseId.Peek(body.Span);
        var previous = previousId is null ? null : await store.GetAsync(previousId);
        var request = ResponsesRequestTranslator.Translate(body.Span, id =>
        {
            continuesStored = true;
            return string.Equals(id, previousId, StringComparison.Ordinal) ? previous : store.Get(id);
        });
        if (request.Body is null || request.Answer is null)
        {
            var problem = request.Problem ?? "The request could not be read.";
            await ProxyEndpoints.RefuseAsync(context, arrival, AnthropicErrorType.InvalidRequest, problem, peek: null, body,
                () => GatewayErrors.WriteClientEnvelopeAsync(context, StatusCodes.Status400BadRequest,
                    ChatCompletionsErrorTranslator.Create(problem, "invalid_request_error", request.ProblemParam, null)));
            return;
        }

        DroppedToolLog.Report(services, "/v1/responses", request.DroppedTools);
        using var hub = RequestBody.Of(request.Body);
        var settings = services.GetRequiredService<GatewaySettings>();
        var responseId = ResponsesIds.NewResponseId();

        // Stored before the answer's end goes out, so that the next turn finds it even when it is sent at once.
        var keep = request.Store && request.InputItems is { } input
            ? output => store.PutAsync(responseId, JsonArrays.Concat(input, output))
            : (Func<byte[], Task>?)null;
        var answer = new ResponsesDoorAnswer(request.Answer, responseId, request.Model ?? "", arrival.At.ToUnixTimeSeconds(), settings.MaxSseEventBytes, keep);
        await using (var writer = DoorResponseBody.Install(context, answer))
        {
            // A stateless request can go to a responses channel as it came; one that continues a stored
            // response needs the conversation only this gateway holds, and one to be stored needs its output read.
            var door = !request.Store && !continuesStored ? new DoorBody(DoorProtocol.Responses, body.Memory) : null;
            await ProxyEndpoints.ServeAsync(context, ProxyEndpoint.Messages, hub, arrival, HubRequests.Messages(ClientDoor.Responses, door));
            await writer.FinishAsync(context.RequestAborted);
        }

        // An answer whose end was never written (the client left) is still kept once it completed.
        await answer.BeforeSendAsync();
    }
}
