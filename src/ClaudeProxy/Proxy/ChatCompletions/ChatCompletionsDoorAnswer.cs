using ClaudeProxy.Protocols.Doors;
using ClaudeProxy.Protocols.Doors.ChatCompletions;
using ClaudeProxy.Proxy.Doors;

namespace ClaudeProxy.Proxy.ChatCompletions;

/// <summary>The Chat Completions door's answer: chunks (with a usage chunk when asked for) or a <c>chat.completion</c>.</summary>
internal sealed class ChatCompletionsDoorAnswer(bool includeUsage, long created, int maxEventBytes) : DoorAnswer
{
    public override IDoorStreamTranslator StartStream() => new ChatCompletionsStreamTranslator(includeUsage, created, maxEventBytes);

    public override byte[] TranslateMessage(ReadOnlySpan<byte> anthropicMessage) => ChatCompletionsResponseTranslator.Translate(anthropicMessage, created);

    public override byte[] UnreadableMessageError() =>
        ChatCompletionsErrorTranslator.Create("The upstream answered with a message that could not be read.", "server_error", null, null);
}
