using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace ClaudeProxy.Bench.Mock;

/// <summary>
/// A request's prompt as a cache sees it: the cumulative hash and token estimate at every element
/// boundary, and the last boundary the request asks to be cached (−1: none).
/// </summary>
internal sealed record PromptPrefix(IReadOnlyList<PrefixBoundary> Boundaries, int WriteThrough)
{
    /// <summary>The hash of the whole prompt; stands in for its content where the mock needs a seed.</summary>
    public ulong Fingerprint => Boundaries.Count == 0 ? 0 : Boundaries[^1].Hash;
}

/// <summary>
/// Splits a request into the prefix elements its provider caches by, in the provider's order:
/// Anthropic tools, system blocks, messages; OpenAI tools, messages. Each element is hashed without
/// its <c>cache_control</c> markers (moving a breakpoint to the newest message does not change the
/// content before it) and estimated at 4 bytes a token. The model is part of every hash.
/// </summary>
internal static class PromptPrefixes
{
    private const int BytesPerToken = 4;

    /// <summary>Anthropic writes up to the last element carrying a <c>cache_control</c> breakpoint.</summary>
    public static PromptPrefix Anthropic(JsonElement request)
    {
        using var walk = new Walk(request);
        walk.AddEach(request, "tools");
        if (request.TryGetProperty("system"u8, out var system) && system.ValueKind == JsonValueKind.String)
        {
            walk.Add(system);
        }
        else
        {
            walk.AddEach(request, "system");
        }

        walk.AddEach(request, "messages");
        return new PromptPrefix(walk.Boundaries, walk.LastBreakpoint);
    }

    /// <summary>OpenAI caches every prompt automatically: everything is written.</summary>
    public static PromptPrefix OpenAI(JsonElement request)
    {
        using var walk = new Walk(request);
        walk.AddEach(request, "tools");
        walk.AddEach(request, "messages");
        return new PromptPrefix(walk.Boundaries, walk.Boundaries.Count - 1);
    }

    private sealed class Walk : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly ArrayBufferWriter<byte> _element = new(16 * 1024);
        private readonly byte[] _digest = new byte[32];
        private long _bytes;

        public Walk(JsonElement request)
        {
            if (request.TryGetProperty("model"u8, out var model))
            {
                _hash.AppendData(JsonMarshal.GetRawUtf8Value(model));
            }
        }

        public List<PrefixBoundary> Boundaries { get; } = [];

        public int LastBreakpoint { get; private set; } = -1;

        public void AddEach(JsonElement request, string property)
        {
            if (request.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in array.EnumerateArray())
                {
                    Add(element);
                }
            }
        }

        public void Add(JsonElement element)
        {
            _element.ResetWrittenCount();
            bool breakpoint;
            using (var writer = new Utf8JsonWriter(_element))
            {
                breakpoint = WriteWithoutCacheControl(writer, element);
            }

            _hash.AppendData(_element.WrittenSpan);
            _hash.GetCurrentHash(_digest);
            _bytes += _element.WrittenCount;
            if (breakpoint)
            {
                LastBreakpoint = Boundaries.Count;
            }

            Boundaries.Add(new PrefixBoundary(BinaryPrimitives.ReadUInt64LittleEndian(_digest), _bytes / BytesPerToken));
        }

        public void Dispose() => _hash.Dispose();

        /// <summary>Writes <paramref name="element"/> minus every <c>cache_control</c> property; true when it had one.</summary>
        private static bool WriteWithoutCacheControl(Utf8JsonWriter writer, JsonElement element)
        {
            if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                || JsonMarshal.GetRawUtf8Value(element).IndexOf("\"cache_control\""u8) < 0)
            {
                element.WriteTo(writer);
                return false;
            }

            if (element.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteWithoutCacheControl(writer, item);
                }

                writer.WriteEndArray();
                return true;
            }

            var found = false;
            writer.WriteStartObject();
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals("cache_control"u8))
                {
                    found = true;
                    continue;
                }

                writer.WritePropertyName(property.Name);
                found |= WriteWithoutCacheControl(writer, property.Value);
            }

            writer.WriteEndObject();
            return found;
        }
    }
}
