using ClaudeProxy.Protocols.Doors;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Doors.Responses;
using ClaudeProxy.Proxy.Doors;

namespace ClaudeProxy.Proxy.Responses;

/// <summary>
/// The Responses door's answer: the event sequence of a streamed response or a <c>response</c> object,
/// and the output items it produced, handed to <paramref name="keep"/> (the conversation store) before the end of
/// the answer goes out.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The response body that starts the stream owns and disposes it; the answer only reads its output items.")]
internal sealed class ResponsesDoorAnswer(ResponsesAnswerContext answer, string responseId, string model, long createdAt, int maxEventBytes, Func<byte[], Task>? keep) : DoorAnswer
{
    private ResponsesStreamTranslator? _stream;
    private byte[]? _messageOutputItems;
    private bool _kept;

    public string ResponseId => responseId;

    /// <summary>The output items of a response that completed (a JSON array); null when it failed or never ended.</summary>
    public byte[]? OutputItems => _stream is null ? _messageOutputItems : _stream.OutputItems;

    public override IDoorStreamTranslator StartStream() => _stream = new ResponsesStreamTranslator(answer, responseId, model, createdAt, maxEventBytes);

    public override byte[] TranslateMessage(ReadOnlySpan<byte> anthropicMessage)
    {
        var translated = ResponsesResponseTranslator.Translate(anthropicMessage, answer, responseId, model, createdAt);
        _messageOutputItems = translated.OutputItems;
        return translated.Body;
    }

    public override async ValueTask BeforeSendAsync()
    {
        if (keep is not null && !_kept && OutputItems is { } output)
        {
            _kept = true;
            await keep(output).ConfigureAwait(false);
        }
    }

    // Responses errors share Chat Completions' envelope.
    public override byte[] UnreadableMessageError() =>
        ChatCompletionsErrorTranslator.Create("The upstream answered with a message that could not be read.", "server_error", null, null);
}
