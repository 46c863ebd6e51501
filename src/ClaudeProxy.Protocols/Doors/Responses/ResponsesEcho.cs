using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>The request fields a response object repeats, copied as the client sent them (<see cref="ResponsesAnswerContext.Echo"/>).</summary>
internal static class ResponsesEcho
{
    private static readonly string[] Fields =
    [
        "instructions", "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p", "max_output_tokens",
        "previous_response_id", "store", "metadata", "reasoning", "text", "truncation", "user", "prompt_cache_key",
    ];

    /// <summary>A JSON object of the fields present in <paramref name="root"/> (a null as null), absent ones omitted.</summary>
    public static byte[] Of(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var name in Fields)
            {
                if (root.TryGetProperty(name, out var value))
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
