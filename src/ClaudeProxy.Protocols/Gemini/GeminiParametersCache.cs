using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClaudeProxy.Protocols.Gemini;

/// <summary>
/// The sanitized <c>parameters</c> of tool schemas seen before. A coding agent sends the same tools
/// on every turn of a conversation, and sanitizing builds a tree of each schema; the cache keys on
/// the schema's raw bytes (compared whole, never just hashed), so only a byte-identical schema hits.
/// Bounded: when full it starts over, which costs one sanitizing pass per schema.
/// </summary>
internal static class GeminiParametersCache
{
    private const int MaxEntries = 512;

    /// <summary>Larger schemas are sanitized every time instead of held.</summary>
    private const int MaxSchemaBytes = 64 * 1024;

    private static readonly ConcurrentDictionary<byte[], byte[]> Entries = new(RawBytesComparer.Instance);
    private static readonly ConcurrentDictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> Lookup =
        Entries.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>
    /// The <c>parameters</c> JSON for <paramref name="inputSchema"/>, empty when the tool takes no
    /// arguments. Throws what <see cref="GeminiSchemaSanitizer.ForParameters"/> throws.
    /// </summary>
    public static ReadOnlySpan<byte> Get(JsonElement inputSchema)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        var raw = JsonMarshal.GetRawUtf8Value(inputSchema);
        if (Lookup.TryGetValue(raw, out var cached))
        {
            return cached;
        }

        var parameters = GeminiSchemaSanitizer.ForParameters(inputSchema);
        var sanitized = parameters is null ? [] : ToUtf8(parameters);
        if (raw.Length <= MaxSchemaBytes)
        {
            if (Entries.Count >= MaxEntries)
            {
                Entries.Clear();
            }

            Lookup.TryAdd(raw, sanitized);
        }

        return sanitized;
    }

    private static byte[] ToUtf8(JsonObject parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            parameters.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed class RawBytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly RawBytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
