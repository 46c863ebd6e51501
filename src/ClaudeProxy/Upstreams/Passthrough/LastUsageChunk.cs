using System.Buffers;
using System.Text.Json;
using ClaudeProxy.Protocols.Anthropic;

namespace ClaudeProxy.Upstreams.Passthrough;

/// <summary>
/// Keeps the last stream chunk that carries a usage object (Gemini sends the counts so far in every chunk;
/// OpenAI-compatible servers in the last) and reads it once, when the log asks: a relayed stream is not
/// parsed chunk by chunk for a count only its end holds.
/// </summary>
internal sealed class LastUsageChunk(byte[] quotedName, Func<JsonElement, AnthropicUsage> map)
{
    private readonly ArrayBufferWriter<byte> _chunk = new();
    private bool _seen;

    /// <summary>Remembers <paramref name="data"/> when its usage field holds an object (not <c>null</c>, as OpenAI sends in every other chunk).</summary>
    public void Offer(ReadOnlySpan<byte> data)
    {
        var at = data.IndexOf(quotedName);
        if (at < 0)
        {
            return;
        }

        var rest = data[(at + quotedName.Length)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)':' || rest[1..].TrimStart(" \t\r\n"u8) is not [(byte)'{', ..])
        {
            return;
        }

        _chunk.ResetWrittenCount();
        _chunk.Write(data);
        _seen = true;
    }

    /// <summary>The usage of the last chunk that had one; null when none did.</summary>
    public AnthropicUsage? Read() => _seen ? AnswerUsage.Read(_chunk.WrittenSpan, quotedName.AsSpan(1, quotedName.Length - 2), map) : null;
}
