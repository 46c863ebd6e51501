using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Anthropic;

/// <summary>
/// Replaces one JSON string token of a raw body, leaving every other byte as it was: the way a
/// passthrough rewrites <c>model</c> without re-serialising (and so without reordering or losing) anything else.
/// </summary>
public static class JsonStringSplice
{
    public static byte[] Replace(ReadOnlySpan<byte> body, Range token, string newValue)
    {
        var (offset, length) = token.GetOffsetAndLength(body.Length);
        var encoded = JsonEncodedText.Encode(newValue, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var result = new byte[body.Length - length + encoded.Length + 2];
        body[..offset].CopyTo(result);
        var cursor = offset;
        result[cursor++] = (byte)'"';
        encoded.CopyTo(result.AsSpan(cursor));
        cursor += encoded.Length;
        result[cursor++] = (byte)'"';
        body[(offset + length)..].CopyTo(result.AsSpan(cursor));
        return result;
    }
}
