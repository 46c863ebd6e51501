using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using ClaudeProxy.Protocols.Validation;
using static ClaudeProxy.Protocols.Doors.Hub.DoorFields;

namespace ClaudeProxy.Protocols.Doors.Hub;

/// <summary>A tool call's <c>arguments</c> (a JSON text in a string) as the hub <c>tool_use</c> input, checked to be one JSON object.</summary>
internal static class ToolArguments
{
    /// <summary>The input's JSON text: <c>{}</c> for none or a blank string; a problem at <paramref name="path"/> for anything but one object.</summary>
    public static byte[] Read(JsonElement owner, string name, string path)
    {
        if (!TryGet(owner, name, out var arguments))
        {
            return "{}"u8.ToArray();
        }

        if (arguments.ValueKind == JsonValueKind.Object)
        {
            // Lenient: some clients send the object itself.
            return JsonMarshal.GetRawUtf8Value(arguments).ToArray();
        }

        if (arguments.ValueKind != JsonValueKind.String)
        {
            throw DoorProblem.At(path, "expected a string holding a JSON object");
        }

        var text = arguments.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return "{}"u8.ToArray();
        }

        var utf8 = Encoding.UTF8.GetBytes(text);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw DoorProblem.At(path, "must be a JSON object");
            }

            reader.Skip();
            if (reader.Read())
            {
                throw DoorProblem.At(path, "must be a JSON object");
            }
        }
        catch (JsonException)
        {
            throw DoorProblem.At(path, "must be a JSON object");
        }

        if (UnpairedSurrogates.In(utf8))
        {
            throw DoorProblem.At(path, "the JSON holds an unpaired UTF-16 surrogate escape, which is no Unicode text");
        }

        return utf8;
    }
}
