namespace ClaudeProxy.Proxy;

/// <summary>
/// The client's own request, kept beside the hub body a door made of it: a channel that speaks the
/// door's protocol sends it as it came (only <c>model</c> rewritten when mapped) and relays its answer
/// as it came, with no translation either way.
/// </summary>
public sealed record DoorBody(DoorProtocol Protocol, ReadOnlyMemory<byte> Body);

/// <summary>The client protocols whose requests a channel of the same protocol can take untranslated.</summary>
public enum DoorProtocol
{
    /// <summary>OpenAI Responses (<c>/v1/responses</c>), served untranslated by <c>responses</c> channels.</summary>
    Responses,

    /// <summary>OpenAI Chat Completions (<c>/v1/chat/completions</c>), served untranslated by <c>openai</c> channels.</summary>
    ChatCompletions,

    /// <summary>Gemini <c>generateContent</c> (<c>/v1beta</c>), served untranslated by <c>gemini</c> channels.</summary>
    Gemini,
}
