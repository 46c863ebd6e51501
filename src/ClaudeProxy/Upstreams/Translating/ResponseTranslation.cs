using System.Buffers;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// How a translating channel turns one upstream answer into the client's: the upstream protocol's
/// name (for the error when a body cannot be read), a translator for an event stream, a mapper for
/// a whole message, the notes either of them leaves, how to read an error chunk that opens a
/// stream (so it fails over instead of being committed), and which chunk shows the answer has begun.
/// </summary>
public sealed record ResponseTranslation(
    string Protocol,
    Func<IBufferWriter<byte>, IAnthropicStreamTranslator> CreateStreamTranslator,
    Func<byte[], byte[]> TranslateMessage,
    IReadOnlyList<string> Notes,
    StreamStartError.Reader ReadStreamError,
    StreamAnswerTest CarriesAnswer)
{
    /// <summary>Judges the events at the start of a stream: an error chunk, then a chunk that carries the answer.</summary>
    public StreamStart ProbeStreamStart(ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> data) =>
        StreamStartJudge.Judge(eventName, data, ReadStreamError, CarriesAnswer);
}
