using Microsoft.AspNetCore.Http.Features;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>A response whose body is produced step by step by an <see cref="SseScript"/>.</summary>
internal sealed class StreamReply(SseScript script, int status, string contentType, (string Name, string Value)[] headers)
    : FakeReply
{
    internal override async Task ExecuteAsync(HttpContext context, RecordedRequest request)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        ResponseHeaderWriter.Apply(response, headers);
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        // Send the headers now, so a script that starts with a gate still lets the client see the status.
        await response.Body.FlushAsync(context.RequestAborted);
        await script.RunAsync(context);
    }
}
