namespace ClaudeProxy.FakeUpstreams;

/// <summary>A complete response sent at once, with a Content-Length.</summary>
internal sealed class BodyReply(int status, string? contentType, byte[] body, (string Name, string Value)[] headers)
    : FakeReply
{
    internal override async Task ExecuteAsync(HttpContext context, RecordedRequest request)
    {
        var response = context.Response;
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        ResponseHeaderWriter.Apply(response, headers);
        if (body.Length == 0)
        {
            return;
        }

        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted);
    }
}
