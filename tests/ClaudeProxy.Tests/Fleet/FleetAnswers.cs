using System.Text.Json.Nodes;
using ClaudeProxy.FakeUpstreams;

namespace ClaudeProxy.Tests.Fleet;

/// <summary>
/// What a test fleet's upstream answers: a complete message, or a complete text stream when the request asks for one,
/// both saying <see cref="Text"/>; held part-way while the test holds them; a 429 with a retry-after for a key the test
/// refuses.
/// </summary>
public sealed class FleetAnswers
{
    public const string Text = "hello fleet";

    private readonly Lock _lock = new();
    private TaskCompletionSource _gate = Opened();
    private string? _refusedKey;

    /// <summary>The reply to set as the fake upstream's default.</summary>
    public FakeReply Reply => FakeReply.Dynamic(Choose);

    /// <summary>Answers from now on stop part-way (a stream after its first events, a message before its body) until <see cref="Release"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            if (_gate.Task.IsCompleted)
            {
                _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Lets every held answer finish; answers from now on are not held.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _gate.TrySetResult();
        }
    }

    /// <summary>From now on a request with this key gets a 429 with a retry-after of a minute.</summary>
    public void Refuse(string key) => Volatile.Write(ref _refusedKey, key);

    public static string KeyOf(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValue("x-api-key", out var key) ? key : request.Headers["Authorization"]["Bearer ".Length..];
    }

    public static bool IsStreaming(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonNode.Parse(request.Body)?["stream"] is JsonValue stream && stream.TryGetValue<bool>(out var on) && on;
    }

    private FakeReply Choose(RecordedRequest request)
    {
        if (KeyOf(request) == Volatile.Read(ref _refusedKey))
        {
            return FakeReply.Json(429, AnthropicFakes.ErrorJson("rate_limit_error", "rate limited"), ("retry-after", "60"));
        }

        Task gate;
        lock (_lock)
        {
            gate = _gate.Task;
        }

        if (IsStreaming(request))
        {
            return FakeReply.Stream(new SseScript()
                .Event(AnthropicFakes.MessageStartEvent())
                .Event(AnthropicFakes.TextBlockStartEvent(0))
                .WaitFor(gate)
                .Event(AnthropicFakes.TextDeltaEvent(0, "hello"))
                .Event(AnthropicFakes.TextDeltaEvent(0, " fleet"))
                .Event(AnthropicFakes.BlockStopEvent(0))
                .Event(AnthropicFakes.MessageDeltaEvent())
                .Event(AnthropicFakes.MessageStopEvent()));
        }

        return FakeReply.Stream(new SseScript().WaitFor(gate).Raw(AnthropicFakes.MessageJson(Text)), contentType: "application/json");
    }

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
