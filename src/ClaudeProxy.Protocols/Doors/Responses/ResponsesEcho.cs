using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// The request fields a response object repeats: taken from the request by <see cref="Of"/>, then each property of <see cref="ResponsesAnswerContext.Echo"/>
/// as the client sent it (compacted, so it fits on one event-stream line), and OpenAI's defaults for the
/// usual ones the client left out. Read once per answer; the stream writes it in every response object.
/// </summary>
internal sealed class ResponsesEcho
{
    /// <summary>The fields every response has, with the value OpenAI answers when the request did not set them.</summary>
    private static readonly (string Name, string Default)[] Defaults =
    [
        ("instructions", "null"),
        ("max_output_tokens", "null"),
        ("parallel_tool_calls", "true"),
        ("previous_response_id", "null"),
        ("reasoning", """{"effort":null,"summary":null}"""),
        ("store", "true"),
        ("temperature", "1"),
        ("text", """{"format":{"type":"text"}}"""),
        ("tool_choice", "\"auto\""),
        ("tools", "[]"),
        ("top_p", "1"),
        ("truncation", "\"disabled\""),
        ("user", "null"),
        ("metadata", "{}"),
    ];

    /// <summary>The request fields a response repeats, in the order they are taken.</summary>
    private static readonly string[] Fields =
    [
        "instructions", "tools", "tool_choice", "parallel_tool_calls", "temperature", "top_p", "max_output_tokens",
        "previous_response_id", "store", "metadata", "reasoning", "text", "truncation", "user", "prompt_cache_key",
    ];

    /// <summary>The fields the translators write themselves, never taken from the echo.</summary>
    private static readonly HashSet<string> Own =
        ["id", "object", "created_at", "status", "error", "incomplete_details", "model", "output", "usage"];

    private readonly List<(string Name, byte[] Value)> _fields;

    private ResponsesEcho(List<(string Name, byte[] Value)> fields) => _fields = fields;

    /// <summary>A JSON object of the repeated fields present in the request <paramref name="root"/> (a null as null), absent ones omitted.</summary>
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

    /// <summary>Reads <paramref name="echo"/>; anything but a JSON object counts as an empty one.</summary>
    public static ResponsesEcho From(byte[] echo)
    {
        ArgumentNullException.ThrowIfNull(echo);
        var given = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var order = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(echo);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (!Own.Contains(property.Name) && given.TryAdd(property.Name, ResponsesToolInput.CompactUtf8(property.Value)))
                    {
                        order.Add(property.Name);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // An echo that cannot be read is not repeated: the defaults stand.
            given.Clear();
            order.Clear();
        }

        var fields = new List<(string, byte[])>(Defaults.Length + order.Count);
        foreach (var (name, value) in Defaults)
        {
            fields.Add((name, given.Remove(name, out var sent) ? sent : Encoding.UTF8.GetBytes(value)));
        }

        fields.AddRange(order.Where(given.ContainsKey).Select(name => (name, given[name])));
        return new ResponsesEcho(fields);
    }

    /// <summary>Writes the fields as properties of the object <paramref name="writer"/> is in.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        foreach (var (name, value) in _fields)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(value, skipInputValidation: true);
        }
    }
}
