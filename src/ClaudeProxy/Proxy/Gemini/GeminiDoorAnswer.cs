using ClaudeProxy.Protocols.Doors;
using ClaudeProxy.Protocols.Doors.Gemini;
using ClaudeProxy.Proxy.Doors;

namespace ClaudeProxy.Proxy.Gemini;

/// <summary>
/// The Gemini door's answer: <c>GenerateContentResponse</c> chunks (as server-sent events with
/// <c>alt=sse</c>, else as one streamed JSON array), a whole <c>GenerateContentResponse</c>, or a token count.
/// </summary>
internal sealed class GeminiDoorAnswer(string model, bool includeThoughts, bool sseFraming, bool countTokens, int maxEventBytes) : DoorAnswer
{
    public override string? StreamContentType => sseFraming ? null : "application/json";

    public override IDoorStreamTranslator StartStream() =>
        new GeminiDoorStreamTranslator(model, sseFraming, maxEventBytes) { IncludeThoughts = includeThoughts };

    public override byte[] TranslateMessage(ReadOnlySpan<byte> anthropicMessage) => countTokens
        ? GeminiDoorCountTokensTranslator.Translate(anthropicMessage)
        : GeminiDoorResponseTranslator.Translate(anthropicMessage, model, includeThoughts);

    public override byte[] UnreadableMessageError() =>
        GeminiDoorErrorTranslator.Create(StatusCodes.Status502BadGateway, "The upstream answered with a message that could not be read.", "UNAVAILABLE");
}
