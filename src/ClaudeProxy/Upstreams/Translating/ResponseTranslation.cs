using System.Buffers;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Upstreams.Translating;

/// <summary>
/// How a translating channel turns one upstream answer into the client's: the upstream protocol's
/// name (for the error when a body cannot be read), a translator for an event stream, a mapper for
/// a whole message, the notes either of them leaves, and how to read an error chunk that opens a
/// stream (so it fails over instead of being committed).
/// </summary>
public sealed record ResponseTranslation(
    string Protocol,
    Func<IBufferWriter<byte>, IAnthropicStreamTranslator> CreateStreamTranslator,
    Func<byte[], byte[]> TranslateMessage,
    IReadOnlyList<string> Notes,
    StreamStartError.Reader ReadStreamError);
