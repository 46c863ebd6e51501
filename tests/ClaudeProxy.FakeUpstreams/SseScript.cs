using System.Text;

namespace ClaudeProxy.FakeUpstreams;

/// <summary>
/// The body of a streamed reply as a list of steps run in order. Every write is flushed at once, so
/// the client sees each step as soon as it runs. A script holds no per-request state and can be
/// replayed for any number of requests.
/// </summary>
public sealed class SseScript
{
    // A step returns false to end the body without completing the response normally.
    private readonly List<Func<HttpContext, Task<bool>>> _steps = [];

    /// <summary>Writes <c>event: name</c> then the data lines and a blank line.</summary>
    public SseScript Event(string eventName, string dataJson) =>
        Raw($"event: {eventName}\n{DataLines(dataJson)}\n");

    /// <summary>Writes an event made by one of the format helpers, e.g. <see cref="AnthropicFakes.PingEvent()"/>.</summary>
    public SseScript Event((string EventName, string Json) sseEvent) => Event(sseEvent.EventName, sseEvent.Json);

    /// <summary>Writes <c>data: value</c> and a blank line; a multi-line value becomes several data lines.</summary>
    public SseScript Data(string data) => Raw($"{DataLines(data)}\n");

    /// <summary>Writes <c>data: [DONE]</c>, the OpenAI end-of-stream marker.</summary>
    public SseScript Done() => Data("[DONE]");

    /// <summary>Writes exactly this text as UTF-8, with no framing added.</summary>
    public SseScript Raw(string text) => Raw(Encoding.UTF8.GetBytes(text));

    /// <summary>Writes exactly these bytes, e.g. half of a multi-byte character.</summary>
    public SseScript Raw(byte[] bytes)
    {
        var copy = bytes.ToArray();
        return Add(async context =>
        {
            await context.Response.Body.WriteAsync(copy, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            return true;
        });
    }

    /// <summary>Pauses; prefer <see cref="WaitFor"/> when a test needs an ordering guarantee.</summary>
    public SseScript Delay(TimeSpan delay) => Add(async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        return true;
    });

    /// <summary>Pauses until <paramref name="gate"/> completes, so a test decides when the stream goes on.</summary>
    public SseScript WaitFor(Task gate) => Add(async context =>
    {
        await gate.WaitAsync(context.RequestAborted);
        return true;
    });

    /// <summary>Aborts the connection mid-stream; the client sees a truncated body.</summary>
    public SseScript Reset() => Add(context =>
    {
        context.Abort();
        return Task.FromResult(false);
    });

    /// <summary>Stops writing without ending the response, until the client goes away.</summary>
    public SseScript Hang() => Add(async context =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        return false;
    });

    /// <summary>Appends the steps of <paramref name="next"/>.</summary>
    public SseScript Then(SseScript next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _steps.AddRange(next._steps);
        return this;
    }

    internal async Task RunAsync(HttpContext context)
    {
        foreach (var step in _steps)
        {
            if (!await step(context))
            {
                return;
            }
        }
    }

    private static string DataLines(string data) =>
        string.Concat(data.Split('\n').Select(line => $"data: {line}\n"));

    private SseScript Add(Func<HttpContext, Task<bool>> step)
    {
        _steps.Add(step);
        return this;
    }
}
