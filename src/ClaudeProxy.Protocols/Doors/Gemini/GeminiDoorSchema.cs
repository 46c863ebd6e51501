using System.Runtime.InteropServices;
using System.Text.Json;

using ClaudeProxy.Protocols.Doors.Hub;

namespace ClaudeProxy.Protocols.Doors.Gemini;

/// <summary>
/// A function's parameters as Anthropic's <c>input_schema</c>, which must describe an object.
/// <c>parametersJsonSchema</c> is JSON Schema already and is copied as it is. <c>parameters</c> is
/// Google's OpenAPI subset, whose type names are upper case (<c>OBJECT</c>, <c>STRING</c>): they are
/// lower-cased wherever a schema can stand (<c>properties</c>, <c>items</c>, <c>anyOf</c>, …), never
/// inside values such as <c>enum</c> or <c>default</c>; <c>TYPE_UNSPECIFIED</c> is dropped. A root
/// without a type gets <c>"type":"object"</c>.
/// </summary>
internal static class GeminiDoorSchema
{
    public static void WriteJsonSchema(Utf8JsonWriter writer, JsonElement schema, string path)
    {
        if (RootNeedsType(schema, path))
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, "object"u8);
            foreach (var property in schema.EnumerateObject())
            {
                property.WriteTo(writer);
            }

            writer.WriteEndObject();
            return;
        }

        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(schema), skipInputValidation: true);
    }

    public static void WriteOpenApiSchema(Utf8JsonWriter writer, JsonElement schema, string path)
    {
        writer.WriteStartObject();
        if (RootNeedsType(schema, path))
        {
            writer.WriteString("type"u8, "object"u8);
        }

        WriteMembers(writer, schema);
        writer.WriteEndObject();
    }

    /// <summary>True when the root names no type; a problem when it names one other than object.</summary>
    private static bool RootNeedsType(JsonElement schema, string path)
    {
        DoorFields.Object(schema, path);
        if (!schema.TryGetProperty("type"u8, out var type) || type.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (type.ValueKind == JsonValueKind.String && string.Equals(type.GetString(), "object", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw DoorProblem.At(path + ".type", $"{DoorFields.Quote(type)}: a function's parameters must be an OBJECT schema");
    }

    private static void WriteSchema(Utf8JsonWriter writer, JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            // additionalProperties: true, and the like.
            schema.WriteTo(writer);
            return;
        }

        writer.WriteStartObject();
        WriteMembers(writer, schema);
        writer.WriteEndObject();
    }

    private static void WriteMembers(Utf8JsonWriter writer, JsonElement schema)
    {
        foreach (var property in schema.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "type":
                    WriteType(writer, value);
                    break;
                case "properties" or "$defs" or "definitions" or "patternProperties" when value.ValueKind == JsonValueKind.Object:
                    writer.WritePropertyName(property.Name);
                    writer.WriteStartObject();
                    foreach (var member in value.EnumerateObject())
                    {
                        writer.WritePropertyName(member.Name);
                        WriteSchema(writer, member.Value);
                    }

                    writer.WriteEndObject();
                    break;
                case "items" or "additionalProperties" or "not" or "if" or "then" or "else" or "contains" or "propertyNames":
                    writer.WritePropertyName(property.Name);
                    WriteSchemaOrList(writer, value);
                    break;
                case "anyOf" or "oneOf" or "allOf" or "prefixItems":
                    writer.WritePropertyName(property.Name);
                    WriteSchemaOrList(writer, value);
                    break;
                default:
                    property.WriteTo(writer);
                    break;
            }
        }
    }

    private static void WriteSchemaOrList(Utf8JsonWriter writer, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            WriteSchema(writer, value);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value.EnumerateArray())
        {
            WriteSchema(writer, item);
        }

        writer.WriteEndArray();
    }

    private static void WriteType(Utf8JsonWriter writer, JsonElement type)
    {
        switch (type.ValueKind)
        {
            case JsonValueKind.String when type.ValueEquals("TYPE_UNSPECIFIED"u8):
                break;
            case JsonValueKind.String:
                writer.WriteString("type"u8, type.GetString()!.ToLowerInvariant());
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray("type"u8);
                foreach (var item in type.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        writer.WriteStringValue(item.GetString()!.ToLowerInvariant());
                    }
                    else
                    {
                        item.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WritePropertyName("type"u8);
                type.WriteTo(writer);
                break;
        }
    }
}
