using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Upstreams;

/// <summary>A translated non-stream answer: the Anthropic message, already complete, written in one go.</summary>
public sealed class JsonAnswer(byte[] body) : IUpstreamAnswer
{
    public AnswerOutcome Outcome { get; } = new(AnthropicUsageReader.TryReadMessage(body, out var usage) ? usage : null);

    public Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    public void Dispose()
    {
    }
}
