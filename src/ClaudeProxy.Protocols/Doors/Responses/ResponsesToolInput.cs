using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>A <c>tool_use</c> block's input as a Responses tool call carries it.</summary>
internal static class ResponsesToolInput
{
    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The block's <c>input</c> as compact JSON text when it is an object with properties; null when it
    /// is empty or missing (Anthropic's streams begin every tool block with <c>{}</c> and send the input in deltas).
    /// </summary>
    public static string? Of(JsonElement block) =>
        block.TryGetProperty("input"u8, out var input) && input.ValueKind == JsonValueKind.Object && input.EnumerateObject().Any()
            ? Compact(input)
            : null;

    /// <summary>The JSON text of <paramref name="value"/> without white space, so it also fits on one event-stream line.</summary>
    public static string Compact(JsonElement value) => Encoding.UTF8.GetString(CompactUtf8(value));

    /// <summary>
    /// The UTF-8 JSON of <paramref name="value"/> without white space; throws
    /// <see cref="InvalidOperationException"/> when it holds a string that is not Unicode text, as reading one does.
    /// </summary>
    public static byte[] CompactUtf8(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, CompactOptions);
            value.WriteTo(writer);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("The JSON holds a string that is not Unicode text.", ex);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A custom tool call's <c>input</c>: the string property <c>input</c> of the hub call's input object
    /// (the request translator gives freeform tools that one-property schema); when the call has no
    /// such string, the input's JSON text (compact; as it came when it is not JSON).
    /// </summary>
    public static string CustomInput(string inputJson)
    {
        try
        {
            using var document = JsonDocument.Parse(inputJson);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("input"u8, out var input) && input.ValueKind == JsonValueKind.String)
            {
                return input.GetString()!;
            }

            return Compact(root);
        }
        catch (JsonException)
        {
            // Input that is not JSON stays as the model wrote it.
        }
        catch (InvalidOperationException)
        {
            // So does a string that is not Unicode text.
        }

        return inputJson;
    }
}
