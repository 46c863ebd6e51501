using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaudeProxy.Protocols.Doors.Hub;
using ClaudeProxy.Protocols.Translation;
using ClaudeProxy.Protocols.Validation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Responses;

/// <summary>
/// The conversation a request continues: the items stored for its <c>previous_response_id</c>, then its
/// own <c>input</c> (a string as one user message), as one JSON array of items copied as they were sent
/// (<see cref="ResponsesRequest.InputItems"/>), and read back as that array so that each text is the
/// client's bytes.
/// </summary>
internal sealed class ResponsesInput : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonDocument document;
    private readonly int storedCount;
    private readonly bool textInput;

    private ResponsesInput(byte[] items, int storedCount, bool textInput)
    {
        Items = items;
        document = JsonDocument.Parse(items);
        this.storedCount = storedCount;
        this.textInput = textInput;
    }

    /// <summary>The items' JSON array.</summary>
    public byte[] Items { get; }

    /// <summary>Reads <c>previous_response_id</c> and <c>input</c>; a problem when the previous response is unknown.</summary>
    public static ResponsesInput Read(JsonElement root, Func<string, byte[]?> previousItems)
    {
        JsonDocument? stored = null;
        try
        {
            if (TryGet(root, "previous_response_id", out _))
            {
                stored = Stored(RequiredNonEmptyString(root, "previous_response_id", "previous_response_id"), previousItems);
            }

            var input = default(JsonElement);
            if (TryGet(root, "input", out input) && input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
            {
                throw DoorProblem.At("input", "expected a string or an array of input items");
            }

            var buffer = new PooledBufferWriter(JsonMarshal.GetRawUtf8Value(input.ValueKind == JsonValueKind.Undefined ? root : input).Length + 64);
            try
            {
                var storedCount = 0;
                using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                {
                    writer.WriteStartArray();
                    if (stored is not null)
                    {
                        foreach (var item in stored.RootElement.EnumerateArray())
                        {
                            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(item), skipInputValidation: true);
                            storedCount++;
                        }
                    }

                    if (input.ValueKind == JsonValueKind.String)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("type"u8, "message"u8);
                        writer.WriteString("role"u8, "user"u8);
                        writer.WritePropertyName("content"u8);
                        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(input), skipInputValidation: true);
                        writer.WriteEndObject();
                    }
                    else if (input.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in input.EnumerateArray())
                        {
                            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(item), skipInputValidation: true);
                        }
                    }

                    writer.WriteEndArray();
                }

                return new ResponsesInput(buffer.WrittenSpan.ToArray(), storedCount, input.ValueKind == JsonValueKind.String);
            }
            finally
            {
                buffer.Dispose();
            }
        }
        finally
        {
            stored?.Dispose();
        }
    }

    /// <summary>
    /// Each item with its JSON path: <c>input[i]</c> for this request's (<c>input</c> for a string input),
    /// <c>previous_response_id[i]</c> for the stored ones.
    /// </summary>
    public IEnumerable<(JsonElement Item, string Path)> Enumerate()
    {
        var index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var path = index < storedCount ? Item("previous_response_id", index)
                : textInput ? "input"
                : Item("input", index - storedCount);
            index++;
            yield return (item, path);
        }
    }

    public void Dispose() => document.Dispose();

    private static JsonDocument Stored(string id, Func<string, byte[]?> previousItems)
    {
        var bytes = previousItems(id) ?? throw DoorProblem.At("previous_response_id", $"Previous response with id '{id}' not found.");
        JsonDocument? stored = null;
        try
        {
            stored = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
        }

        if (stored is null || stored.RootElement.ValueKind != JsonValueKind.Array || UnpairedSurrogates.In(bytes))
        {
            stored?.Dispose();
            throw DoorProblem.At("previous_response_id", $"the stored conversation of response '{id}' cannot be read");
        }

        return stored;
    }
}
