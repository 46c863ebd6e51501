using System.Buffers;
using ClaudeProxy.Protocols.Translation;

namespace ClaudeProxy.Upstreams;

/// <summary>
/// How a translating channel turns one upstream answer into the client's: the upstream protocol's
/// name (for the error when a body cannot be read), a translator for an event stream, a mapper for
/// a whole message, and the notes either of them leaves.
/// </summary>
public sealed record ResponseTranslation(
    string Protocol,
    Func<IBufferWriter<byte>, IAnthropicStreamTranslator> CreateStreamTranslator,
    Func<byte[], byte[]> TranslateMessage,
    IReadOnlyList<string> Notes);
