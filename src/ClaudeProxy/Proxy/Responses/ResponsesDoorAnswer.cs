using ClaudeProxy.Protocols.Doors;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Protocols.Doors.Responses;
using ClaudeProxy.Proxy.Doors;

namespace ClaudeProxy.Proxy.Responses;

/// <summary>
/// The Responses door's answer: the event sequence of a streamed response or a <c>response</c> object,
/// and the output items it produced, for the conversation store.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The response body that starts the stream owns and disposes it; the answer only reads its output items.")]
internal sealed class ResponsesDoorAnswer(ResponsesAnswerContext answer, string responseId, string model, long createdAt, int maxEventBytes) : DoorAnswer
{
    private ResponsesStreamTranslator? _stream;
    private byte[]? _messageOutputItems;

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

    // Responses errors share Chat Completions' envelope.
    public override byte[] UnreadableMessageError() =>
        ChatCompletionsErrorTranslator.Create("The upstream answered with a message that could not be read.", "server_error", null, null);
}
